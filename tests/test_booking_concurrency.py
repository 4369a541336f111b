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
import os
import random
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

ATTEMPTS = 1000
THREADS = 32
MEMBERS = 20
SLOTS = 40  # candidate 30-minute starts tomorrow, from 01:00 (the space is on UTC)
FIRST_SLOT = dt.time(1, 0)
LENGTHS = (30, 60, 90)
SEED = 2026

OVERLAPS = """
SELECT count(*) FROM bookings_booking a JOIN bookings_booking b
  ON a.resource_id = b.resource_id AND a.id < b.id AND a.start < b."end" AND b.start < a."end"
WHERE a.status = 'confirmed' AND b.status = 'confirmed'
"""
CONFIRMED = "SELECT count(*) FROM bookings_booking WHERE status = 'confirmed'"

# Run in a subprocess against the fresh database: a space on UTC with no opening hours (any
# time) and default booking rules, one room, and 20 members of 4 companies whose memberships
# include room hours (so the membership rows are locked too). API tokens are a staff feature
# (api_token_create refuses members), so the members' tokens are written directly, hashed
# the way the service hashes them. Prints the room's id and the token secrets as JSON.
SEED_SCRIPT = textwrap.dedent(
    """
    import datetime as dt
    import json
    import os
    import secrets
    from decimal import Decimal

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kollega.config.settings.local")
    import django

    django.setup()

    from kollega.accounts.models import ApiToken, User
    from kollega.accounts.services import TOKEN_PREFIX, _hash
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
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        ApiToken.objects.create(
            user=user,
            name="race",
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            token_hash=_hash(secret),
        )
        tokens.append(secret)
    print(json.dumps({"room": room.pk, "tokens": tokens}))
    """
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _kollega(*args: str) -> list[str]:
    return [sys.executable, "-m", "kollega.cli", *args]


def _environment(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "DATABASE_URL": database_url,
            "KOLLEGA_DATA_DIR": str(data_dir),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "KOLLEGA_EMAIL": "file",
            "RACE_MEMBERS": str(MEMBERS),
        }
    )
    return env


def _prepare(env: dict[str, str]) -> dict[str, Any]:
    """Migrate the fresh database and seed it; the room's id and the members' tokens."""
    subprocess.run(_kollega("migrate"), env=env, check=True, timeout=300, capture_output=True)
    seeded = subprocess.run(
        [sys.executable, "-c", SEED_SCRIPT],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(seeded.stdout.strip().splitlines()[-1]))


@contextmanager
def _two_servers(env: dict[str, str], data_dir: Path) -> Iterator[list[str]]:
    """Two `kollega serve` processes on the same database, each on its own port."""
    processes: list[tuple[subprocess.Popen[bytes], Any]] = []
    urls = []
    try:
        for number in (1, 2):
            port = _free_port()
            log = (data_dir / f"serve{number}.log").open("w")
            server = subprocess.Popen(
                _kollega("serve", "--no-worker", "--port", str(port)),
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            processes.append((server, log))
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            _wait_until_up(url, data_dir)
        yield urls
    finally:
        for server, log in processes:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
            log.close()


def _wait_until_up(url: str, data_dir: Path) -> None:
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"{url} did not start; see the serve*.log files in {data_dir}")


def _server_logs(data_dir: Path) -> str:
    return "\n".join(
        f"--- {log.name}\n{log.read_text()[-3000:]}" for log in sorted(data_dir.glob("serve*.log"))
    )


def _attempt(url: str, token: str, body: dict[str, Any]) -> tuple[int, dict[str, Any] | str]:
    request = urllib.request.Request(  # noqa: S310 - a local test server
        f"{url}/api/v1/spaces/race/bookings",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept-Language": "en",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        text = error.read().decode(errors="replace")
        try:
            return error.code, json.loads(text)
        except ValueError:
            return error.code, text
    except OSError as error:  # refused, reset, timed out: as bad as a 5xx
        return 0, repr(error)


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
        jobs.append((urls[number % len(urls)], chooser.choice(seeded["tokens"]), body))
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        answers = list(pool.map(lambda job: _attempt(*job), jobs))
    return answers, time.monotonic() - began


def _prove(
    *,
    database_url: str,
    data_dir: Path,
    query: Callable[[str], int],
    label: str,
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, object], None],
) -> None:
    env = _environment(database_url, data_dir)
    seeded = _prepare(env)
    with _two_servers(env, data_dir) as urls:
        answers, seconds = _race(urls, seeded)

    statuses = Counter(status for status, _body in answers)
    unexpected = [(status, body) for status, body in answers if status not in {201, 422}]
    assert not unexpected, (
        f"{len(unexpected)} answers were neither 201 nor 422, e.g. {unexpected[:3]}\n"
        + _server_logs(data_dir)
    )
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

    overlaps = query(OVERLAPS)
    confirmed = query(CONFIRMED)
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


def test_no_double_booking_under_concurrent_requests_on_sqlite(tmp_path, capsys, record_property):
    path = tmp_path / "race.sqlite3"

    def query(sql: str) -> int:
        with sqlite3.connect(path) as connection:
            return int(connection.execute(sql).fetchone()[0])

    _prove(
        database_url=f"sqlite:///{path}",
        data_dir=tmp_path,
        query=query,
        label="SQLite",
        capsys=capsys,
        record_property=record_property,
    )


@pytest.mark.postgres
def test_no_double_booking_under_concurrent_requests_on_postgres(tmp_path, capsys, record_property):
    import psycopg
    from psycopg import sql

    server = urlparse(os.environ["DATABASE_URL"])
    connect = {
        "host": server.hostname or "127.0.0.1",
        "port": server.port or 5432,
        "user": unquote(server.username or "postgres"),
        "password": unquote(server.password or ""),
    }
    name = f"kollega_race_{secrets.token_hex(4)}"
    admin_db = unquote(server.path.lstrip("/")) or "postgres"
    with psycopg.connect(dbname=admin_db, autocommit=True, **connect) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        url = server._replace(path=f"/{name}", query="").geturl()

        def query(statement: str) -> int:
            with psycopg.connect(dbname=name, **connect) as connection:
                row = connection.execute(statement).fetchone()  # type: ignore[call-overload]
                assert row is not None
                return int(row[0])

        _prove(
            database_url=url,
            data_dir=tmp_path,
            query=query,
            label="PostgreSQL",
            capsys=capsys,
            record_property=record_property,
        )
    finally:
        with psycopg.connect(dbname=admin_db, autocommit=True, **connect) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
