"""Never oversold, proven the hard way (issue 5): the app runs in two processes against one
database, and 1,000 RSVPs to one event of 10 seats are fired at them at once from 32
threads, by 40 members: yes (some with a guest, who takes a second seat) and no (which gives
seats back and promotes the waiting list), in a random mix.

Every answer must be a 200 (going, waiting or not going) or a clean 422 naming `guest_name`
(a member already going asked to bring a guest when no seat was left); no 5xx, no connection
errors. Then SQL over the database itself must find: the seats taken (going members plus
their guests) within the capacity; one answer per member; and nobody left on the waiting
list while a seat they fit is free (every promotion happened).

The same proof runs on SQLite (always: a temporary file) and on PostgreSQL (a fresh database
on the server of DATABASE_URL, dropped at the end; only when DATABASE_URL is postgres).
"""

from __future__ import annotations

import json
import random
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.race import (
    RaceDatabase,
    assert_only,
    environment,
    fire,
    prepare,
    two_servers,
)

ATTEMPTS = 1000
THREADS = 32
MEMBERS = 40
CAPACITY = 10
SEED = 2026

SEATS = """
SELECT count(*) + count(CASE WHEN guest_name <> '' THEN 1 END) FROM events_rsvp
WHERE status = 'going'
"""
ANSWERS = "SELECT count(*) FROM events_rsvp"
MEMBERS_ANSWERED = "SELECT count(DISTINCT member_id) FROM events_rsvp"
WAITING_ALONE = "SELECT count(*) FROM events_rsvp WHERE status = 'waiting' AND guest_name = ''"
WAITING = "SELECT count(*) FROM events_rsvp WHERE status = 'waiting'"

# Run in a subprocess against the fresh database: a space on UTC, its CM, an event tomorrow
# afternoon with 10 seats to which members may bring a guest, and 40 members. Prints the
# event's id and the members' API token secrets as JSON.
SEED_SCRIPT = textwrap.dedent(
    """
    import datetime as dt

    from kollega.accounts.models import User
    from kollega.events.services import EventData, event_create
    from kollega.members.models import Member
    from kollega.spaces.models import Operator, Space, SpaceStaff

    operator = Operator.objects.create(name="Race Ops")
    space = Space.objects.create(
        operator=operator, name="Race Hub", slug="race", time_zone="UTC", currency="NOK"
    )
    cm = User.objects.create_user(email="cm@example.org", full_name="Race CM")
    SpaceStaff.objects.create(space=space, user=cm)
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time(15), tzinfo=dt.UTC)
    event = event_create(
        space=space,
        data=EventData(
            title="Pitch and lunch",
            start=start,
            end=start + dt.timedelta(hours=2),
            location="The lounge",
            capacity=int(os.environ["RACE_CAPACITY"]),
            audience="guests",
        ),
        actor=cm,
    )
    tokens = []
    for number in range(int(os.environ["RACE_MEMBERS"])):
        user = User.objects.create_user(
            email=f"racer{number}@example.org", full_name=f"Racer {number}"
        )
        Member.objects.create(space=space, user=user)
        tokens.append(api_token(user))
    print(json.dumps({"event": event.pk, "tokens": tokens}))
    """
)


def _race(urls: list[str], seeded: dict[str, Any]) -> tuple[list[tuple[int, Any]], float]:
    """ATTEMPTS answers from THREADS threads, alternating the servers: a random member says
    yes (three times in ten with a guest) or, one time in four, no."""
    chooser = random.Random(SEED)
    jobs = []
    for number in range(ATTEMPTS):
        going = chooser.random() >= 0.25
        guest = f"Guest {number}" if going and chooser.random() < 0.3 else ""
        url = f"{urls[number % len(urls)]}/api/v1/spaces/race/events/{seeded['event']}/rsvp"
        body = {"going": going, "guest_name": guest}
        jobs.append((url, "PUT", chooser.choice(seeded["tokens"]), body))
    return fire(jobs, THREADS)


def test_never_oversold_under_concurrent_rsvps(
    race_database: RaceDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, object], None],
) -> None:
    database_url, query, label = race_database
    data_dir = tmp_path
    env = environment(
        database_url, data_dir, RACE_MEMBERS=str(MEMBERS), RACE_CAPACITY=str(CAPACITY)
    )
    seeded = prepare(env, SEED_SCRIPT)
    with two_servers(env, data_dir) as urls:
        answers, seconds = _race(urls, seeded)

    assert_only(answers, {200, 422}, data_dir)
    refusals = [body for status, body in answers if status == 422]
    unclean = [
        body
        for body in refusals
        if not isinstance(body, dict)
        or [item["field"] for item in body["detail"]] != ["guest_name"]
        or "guest" not in body["detail"][0]["message"]
    ]
    assert not unclean, f"422s that are not 'no seat left for a guest': {unclean[:3]}"
    outcomes = Counter(body["status"] for status, body in answers if status == 200)

    seats = query(SEATS)
    figures = {
        "attempts": len(answers),
        "going": outcomes["going"],
        "waiting": outcomes["waiting"],
        "not_going": outcomes["not_going"],
        "guest_refused": len(refusals),
        "seats_taken": seats,
        "capacity": CAPACITY,
        "seconds": round(seconds, 1),
    }
    for name, value in figures.items():
        record_property(name, value)
    with capsys.disabled():
        print(f"\nRSVP race on {label}: {json.dumps(figures)}")

    assert seats <= CAPACITY
    assert query(ANSWERS) == query(MEMBERS_ANSWERED)
    free = CAPACITY - seats
    assert not (free >= 1 and query(WAITING_ALONE)), "a free seat and someone waiting for it"
    assert not (free >= 2 and query(WAITING)), "two free seats and someone waiting for them"
    # It really was a race: the event filled, people waited, and seats changed hands.
    assert outcomes["waiting"] >= 100 and outcomes["going"] >= 50 and outcomes["not_going"] >= 100
