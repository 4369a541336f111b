"""Flex desks are never double-booked and a zone never holds more people than desks, proven
the hard way (issue 4): the app runs in two processes against one database, and 600 requests
for a whole-day desk tomorrow are fired at them at once from 32 threads, by 12 members
competing for the 8 desks of one flex zone, so each member has several requests in flight at
once. Three in four ask for "any desk in the zone", the rest for one desk by id.

Every answer must be 201 (a desk for the day) or a clean 422: `zone` (no desk left in the
zone), `date` (the member already has a desk that day) or `start` (that desk was just taken);
no 5xx, no connection errors. Then SQL over the database itself: no two confirmed bookings of
a desk overlap, no member has two desks, and exactly the 8 desks are booked, one per 201.

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

ATTEMPTS = 600
THREADS = 32
MEMBERS = 12
DESKS = 8
BY_DESK_ONE_IN = 4  # every 4th request names a desk instead of the zone
SEED = 2026

MEMBERS_WITH_TWO = """
SELECT count(*) FROM (
  SELECT member_id FROM bookings_booking WHERE status = 'confirmed'
  GROUP BY member_id HAVING count(*) > 1
) twice
"""
DESKS_BOOKED = "SELECT count(DISTINCT resource_id) FROM bookings_booking WHERE status = 'confirmed'"

# Run in a subprocess against the fresh database: a space on UTC with no opening hours (a
# whole day is midnight to midnight) and default rules (a desk may be booked all day), a flex
# zone of 8 desks, and 12 members. Prints the zone's id, the desks' ids and the members' API
# token secrets as JSON.
SEED_SCRIPT = textwrap.dedent(
    """
    from kollega.accounts.models import User
    from kollega.bookings.models import Resource, ResourceKind, Zone
    from kollega.members.models import Member
    from kollega.spaces.models import Operator, Space

    operator = Operator.objects.create(name="Race Ops")
    space = Space.objects.create(
        operator=operator, name="Race Hub", slug="race", time_zone="UTC", currency="NOK"
    )
    zone = Zone.objects.create(space=space, name="Open space", is_flex=True)
    desks = [
        Resource.objects.create(
            space=space, kind=ResourceKind.DESK, zone=zone, name=f"Desk {number:02d}"
        )
        for number in range(1, int(os.environ["RACE_DESKS"]) + 1)
    ]
    tokens = []
    for number in range(int(os.environ["RACE_MEMBERS"])):
        user = User.objects.create_user(
            email=f"racer{number}@example.org", full_name=f"Racer {number}"
        )
        Member.objects.create(space=space, user=user)
        tokens.append(api_token(user))
    print(json.dumps({"zone": zone.pk, "desks": [d.pk for d in desks], "tokens": tokens}))
    """
)

REFUSED_ON = {"zone", "date", "start"}


def _race(urls: list[str], seeded: dict[str, Any]) -> tuple[list[tuple[int, Any]], float]:
    """ATTEMPTS whole-day desk requests for tomorrow from THREADS threads, alternating the
    servers, each by a random member: for the zone, or (one in BY_DESK_ONE_IN) a random desk."""
    chooser = random.Random(SEED)
    tomorrow = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)).isoformat()
    jobs = []
    for number in range(ATTEMPTS):
        body: dict[str, Any] = {"date": tomorrow}
        if number % BY_DESK_ONE_IN == 0:
            body["resource"] = chooser.choice(seeded["desks"])
        else:
            body["zone"] = seeded["zone"]
        url = f"{urls[number % len(urls)]}/api/v1/spaces/race/desks/book-day"
        jobs.append((url, "POST", chooser.choice(seeded["tokens"]), body))
    return fire(jobs, THREADS)


def test_a_zone_is_never_overbooked_under_concurrent_requests(
    race_database: RaceDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, object], None],
) -> None:
    database_url, query, label = race_database
    data_dir = tmp_path
    env = environment(database_url, data_dir, RACE_MEMBERS=str(MEMBERS), RACE_DESKS=str(DESKS))
    seeded = prepare(env, SEED_SCRIPT)
    with two_servers(env, data_dir) as urls:
        answers, seconds = _race(urls, seeded)

    assert_only(answers, {201, 422}, data_dir)
    refusals = [body for status, body in answers if status == 422]
    fields: Counter[str] = Counter()
    for body in refusals:
        assert isinstance(body, dict), body
        [detail] = body["detail"]
        assert detail["field"] in REFUSED_ON and detail["message"], body
        fields[detail["field"]] += 1
    created = [body for status, body in answers if status == 201]
    assert len({body["id"] for body in created}) == len(created)
    assert all(body["resource"]["kind"] == "desk" for body in created)

    figures = {
        "attempts": len(answers),
        "created": len(created),
        "refused": dict(sorted(fields.items())),
        "overlaps": query(OVERLAPPING_BOOKINGS),
        "members_with_two_desks": query(MEMBERS_WITH_TWO),
        "desks_booked": query(DESKS_BOOKED),
        "seconds": round(seconds, 1),
    }
    for name, value in figures.items():
        record_property(name, value)
    with capsys.disabled():
        print(f"\ndesk race on {label}: {json.dumps(figures)}")

    assert figures["overlaps"] == 0
    assert figures["members_with_two_desks"] == 0
    # 12 members want 8 desks: every desk is taken, once, and nothing else was written.
    assert figures["desks_booked"] == DESKS == len(created) == query(CONFIRMED_BOOKINGS)
    assert fields["zone"] > 0 and fields["date"] > 0  # it really was a race for the zone
