"""Never double-booked, proven the hard way (issue 4): the app runs in two processes against
one database, and 1,000 booking attempts for heavily overlapping times of one room are fired
at them at once from 32 threads, as 20 different members.

Every answer must be 201 (booked) or a clean 422 naming `start` ("already booked", or "just
booked by someone else" when PostgreSQL's exclusion constraint caught it); no 5xx, no
connection errors. Then an SQL self-join over the database itself must find no two
confirmed bookings of the room that overlap, and exactly as many confirmed bookings as 201s.

The same proof runs on SQLite (always: a temporary file) and on PostgreSQL (a fresh database
on the server of DATABASE_URL, dropped at the end; only when DATABASE_URL is postgres).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.race import (
    CONFIRMED_BOOKINGS,
    OVERLAPPING_BOOKINGS,
    RaceDatabase,
    assert_only,
    environment,
    fire,
    prepare,
    two_servers,
)

ATTEMPTS = 1000
THREADS = 32
MEMBERS = 20
SLOTS = 40  # candidate 30-minute starts tomorrow, from 01:00 (the space is on UTC)
FIRST_SLOT = dt.time(1, 0)
LENGTHS = (30, 60, 90)
SEED = 2026


# Run in a subprocess against the fresh database: a space on UTC with no opening hours (any
# time) and default booking rules, one room, and 20 members of 4 companies whose memberships
# include room hours (so the membership rows are locked too). Prints the room's id and the
# members' API token secrets as JSON.
SEED_SCRIPT = textwrap.dedent(
    """
    import datetime as dt
    from decimal import Decimal

    from kollega.accounts.models import User
    from kollega.bookings.models import Resource, ResourceKind
    from kollega.companies.services import company_create
    from kollega.members.models import Member
    from kollega.memberships.services import membership_create, plan_create
    from kollega.spaces.models import Operator, Space

    members = int(os.environ["RACE_MEMBERS"])
    operator = Operator.objects.create(name="Race Ops")
    space = Space.objects.create(
        operator=operator, name="Race Hub", slug="race", time_zone="UTC", currency="NOK"
    )
    plan = plan_create(
        space=space,
        name="Team",
        kind="flex",
        monthly_price=Decimal("5000"),
        seats=5,
        included_room_hours=4,
    )
    room = Resource.objects.create(
        space=space, kind=ResourceKind.ROOM, name="Fjorden", hourly_price=Decimal("300")
    )
    tokens = []
    for number in range(members):
        if number % 5 == 0:
            company = company_create(
                space=space, actor=None, name=f"Company {number // 5}", stage="established"
            )
            membership_create(
                space=space, plan=plan, company=company, start_date=dt.date(2020, 1, 1), seats=5
            )
        user = User.objects.create_user(
            email=f"racer{number}@example.org", full_name=f"Racer {number}"
        )
        Member.objects.create(space=space, user=user, company=company)
        tokens.append(api_token(user))
    print(json.dumps({"room": room.pk, "tokens": tokens}))
    """
)


def _race(urls: list[str], seeded: dict[str, Any]) -> tuple[list[tuple[int, Any]], float]:
    """ATTEMPTS booking requests from THREADS threads, alternating the servers, each a random
    member asking for a random start among the SLOTS and a random length."""
    chooser = random.Random(SEED)
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    first = dt.datetime.combine(tomorrow, FIRST_SLOT, tzinfo=dt.UTC)
    jobs = []
    for number in range(ATTEMPTS):
        start = first + dt.timedelta(minutes=30 * chooser.randrange(SLOTS))
        end = start + dt.timedelta(minutes=chooser.choice(LENGTHS))
        body = {
            "resource": seeded["room"],
            "start": start.isoformat(),
            "end": end.isoformat(),
            "title": f"Race {number}",
        }
        url = f"{urls[number % len(urls)]}/api/v1/spaces/race/bookings"
        jobs.append((url, "POST", chooser.choice(seeded["tokens"]), body))
    return fire(jobs, THREADS)


def test_no_double_booking_under_concurrent_requests(
    race_database: RaceDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, object], None],
) -> None:
    database_url, query, label = race_database
    data_dir = tmp_path
    env = environment(database_url, data_dir, RACE_MEMBERS=str(MEMBERS))
    seeded = prepare(env, SEED_SCRIPT)
    with two_servers(env, data_dir) as urls:
        answers, seconds = _race(urls, seeded)

    statuses = Counter(status for status, _body in answers)
    assert_only(answers, {201, 422}, data_dir)
    refusals = [body for status, body in answers if status == 422]
    unclean = [
        body
        for body in refusals
        if not isinstance(body, dict)
        or [item["field"] for item in body["detail"]] != ["start"]
        or "booked" not in body["detail"][0]["message"]
    ]
    assert not unclean, f"422s that are not 'already booked': {unclean[:3]}"
    backstop = sum("just booked" in body["detail"][0]["message"] for body in refusals)
    created = [body["id"] for status, body in answers if status == 201]
    assert len(set(created)) == len(created)

    overlaps = query(OVERLAPPING_BOOKINGS)
    confirmed = query(CONFIRMED_BOOKINGS)
    figures = {
        "attempts": len(answers),
        "created": len(created),
        "refused": len(refusals),
        "refused_by_constraint": backstop,
        "overlaps": overlaps,
        "seconds": round(seconds, 1),
    }
    for name, value in figures.items():
        record_property(name, value)
    with capsys.disabled():
        print(f"\nbooking race on {label}: {json.dumps(figures)}")

    assert overlaps == 0
    assert confirmed == len(created)
    assert statuses[201] >= 1 and statuses[422] >= ATTEMPTS // 2  # it really was a race
