"""How fast are the availability grid and booking creation with a large booking history?

The issue's targets: with 200 rooms/desks and 1,000,000 historical bookings in PostgreSQL,
the day's availability grid of a space with 30 rooms in at most 100 ms server time, and
booking creation at a p95 of at most 50 ms with 20 concurrent clients; and the query count
of each page.

The script creates a fresh PostgreSQL database (`kollega_bench_<random>`), migrates it
(`kollega migrate` in a subprocess) and seeds it: one operator, four spaces on
Europe/Oslo open 07-21 every day, 200 resources (Bryggen: 30 meeting rooms, 60 flex desks,
10 phone booths; the other 100 spread over three smaller spaces), 200 members in companies
of five whose team plans include room hours, and N historical bookings (1,000,000 by
default) inserted with one `INSERT … SELECT … FROM generate_series`: five fixed slots per
resource per day going back day by day from yesterday (about 2.7 years for a million),
one in eight cancelled, each with the member's company membership; then ANALYZE.

Measured, with Django configured against that database in this process:

- `availability_grid(space, day, kind=room)` for Bryggen's 30 rooms on yesterday (every
  room booked five times), median and p95 of --runs runs and its query count; as a
  baseline the same grid on a day with no bookings;
- the member's grid page `/s/bryggen/book/?date=…` and the API's
  `GET /api/v1/spaces/bryggen/availability` through Django's test client (server time:
  the whole request in process, middleware and rendering included) and their query counts;
- booking creation one booking after the other: `booking_create` and the API's
  `POST /api/v1/spaces/bryggen/bookings` through the test client: median, p95, queries.

Then --servers `kollega serve --no-worker` processes (2; waitress, 8 threads each) are
started on the same database, and bookings of future room hours are posted to them over
HTTP (`POST /api/v1/spaces/bryggen/bookings`, each as a random member with an API token;
one request in twenty overlaps another of its load, so about 5 % clean 422s are expected).
Client threads each keep one keep-alive connection to one server (in turn). After a
warm-up that connects every server thread to the database, these loads, one after the
other:

1. baseline: one client posts 100 bookings one after the other;
2. open loop, people booking at their own pace, once per rate of --rates (20, 40, 60 and
   80 requests per second in all) for --seconds (30) each: a Poisson stream (random gaps)
   dealt to --clients clients (20) in turn, sent at the planned moments whatever the
   answers' speed; latency counts from the planned moment;
3. bursts: the 20 clients post one request each at the same instant (a barrier), then wait
   for all answers and half a second; --bursts times (30); latency counts from the instant;
4. closed loop, the saturation throughput: the 20 clients post --requests bookings (2,000)
   back to back, each sending the next as soon as its answer is in;
5. the floor: the bursts and the closed loop again with the cheapest request the app
   serves, `GET /healthz` (the middleware, one view, two one-row queries), which shows
   what the machine allows any request under those loads.

For each: requests per second, the client-side median, p95 and p99 latency (HTTP
included), the share of 2xx answers, and the CPU time per request of the app servers, the
PostgreSQL backends and the clients, read from /proc (Linux), with the cores other
processes kept busy meanwhile (the machine may be shared). The booking target is checked
on the p95 of each open loop, the bursts and the closed loop, each also given as a ratio
to the single-client p95 of the same run, and printed as PASS or MISS, never asserted:
timings depend on the machine. The summary ends with the highest open-loop rate within
the target and, from the CPU a booking costs, how many cores bursts of 20 would need.

Run from the repository root (PostgreSQL at 127.0.0.1:5432, user postgres):

    .venv/bin/python benchmarks/bookings.py                      # 1,000,000 bookings
    .venv/bin/python benchmarks/bookings.py --bookings 100000    # a quick look
    .venv/bin/python benchmarks/bookings.py --keep               # keep the database
    .venv/bin/python benchmarks/bookings.py --rates 20,100 --seconds 60   # other rates

The database is dropped at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

SLUG = "bryggen"
TIME_ZONE = "Europe/Oslo"
OPENS, CLOSES = dt.time(7, 0), dt.time(21, 0)
# (name, slug, rooms, desks, booths, event areas, members): 200 resources, 200 members.
SPACES = (
    ("Bryggen Cowork", SLUG, 30, 60, 10, 0, 140),
    ("Sentrum Hub", "sentrum", 8, 22, 3, 1, 20),
    ("Elvebredden", "elvebredden", 8, 22, 3, 0, 20),
    ("Fjellgarden", "fjellgarden", 8, 22, 3, 0, 20),
)
COMPANY_SIZE = 5
# The historical bookings' fixed daily slots: (index, local start, minutes).
SLOTS = ((0, "08:00", 90), (1, "10:00", 60), (2, "12:00", 60), (3, "13:30", 120), (4, "16:00", 60))
CANCELLED_ONE_IN = 8
FUTURE_DAYS = 55  # new bookings go on days 1..55 ahead (the rule's horizon is 60)
FUTURE_HOURS = range(8, 20)  # one-hour bookings starting 08:00 … 19:00
IN_PROCESS_CREATES = 200  # half through the service, half through the API
WARM_UP_REQUESTS = 100  # from every client, before any load is timed: each server thread connects
BASELINE_REQUESTS = 100
BURST_PAUSE = 0.5  # seconds between bursts
SAMPLE_SECONDS = 0.5  # how often the PostgreSQL backends' CPU time is read during a load
LATE_MS = 5.0  # an open-loop request sent later than this after its planned moment is "late"
CONFLICT_ONE_IN = 20
GRID_TARGET_MS = 100.0
CREATE_TARGET_MS = 50.0

HISTORY_SQL = """
WITH res AS (
    SELECT r.id, r.space_id, r.hourly_price, s.time_zone, s.currency,
           row_number() OVER (ORDER BY r.id) - 1 AS n
    FROM bookings_resource r JOIN spaces_space s ON s.id = r.space_id
),
mem AS (
    SELECT m.id, m.space_id, ms.id AS membership_id,
           row_number() OVER (PARTITION BY m.space_id ORDER BY m.id) - 1 AS i,
           count(*) OVER (PARTITION BY m.space_id) AS c
    FROM members_member m
    LEFT JOIN memberships_membership ms ON ms.company_id = m.company_id
)
INSERT INTO bookings_booking (
    space_id, resource_id, member_id, membership_id, start, "end", status, title,
    included_minutes, chargeable_minutes, price, currency, created_at, cancelled_at
)
SELECT r.space_id, r.id, m.id, m.membership_id, b.start,
       b.start + make_interval(mins => slot.minutes),
       CASE WHEN b.cancelled THEN 'cancelled' ELSE 'confirmed' END, '',
       0, CASE WHEN r.hourly_price > 0 THEN slot.minutes ELSE 0 END,
       round(r.hourly_price * slot.minutes / 60, 2), r.currency,
       b.start - interval '3 days',
       CASE WHEN b.cancelled THEN b.start - interval '1 day' END
FROM generate_series(0, %(days)s - 1) AS d(n)
CROSS JOIN res r
CROSS JOIN (VALUES {slots}) AS slot(k, at, minutes)
JOIN mem m ON m.space_id = r.space_id AND m.i = (r.n * 7 + d.n * 13 + slot.k * 31) %% m.c
CROSS JOIN LATERAL (
    SELECT ((%(last_day)s::date - d.n) + slot.at) AT TIME ZONE r.time_zone AS start,
           (r.n * 11 + d.n * 5 + slot.k) %% {cancelled_one_in} = 0 AS cancelled
) b
WHERE (d.n * %(resources)s + r.n) * {slot_count} + slot.k < %(total)s
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function: Callable[[], object], repeats: int) -> list[float]:
    function()  # warm the caches once
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def figures(samples: list[float]) -> str:
    return f"median {statistics.median(samples):6.1f} ms, p95 {percentile(samples, 0.95):6.1f} ms"


def _rates(text: str) -> tuple[float, ...]:
    try:
        rates = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not rates or min(rates) <= 0:
        raise argparse.ArgumentTypeError("every rate must be above 0")
    return rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bookings", type=int, default=1_000_000, help="historical bookings")
    parser.add_argument("--clients", type=int, default=20, help="concurrent client threads")
    parser.add_argument(
        "--rates",
        type=_rates,
        default=(20.0, 40.0, 60.0, 80.0),
        help="open loop: requests per second in all, one load per rate (comma-separated)",
    )
    parser.add_argument("--seconds", type=float, default=30.0, help="open loop: how long each")
    parser.add_argument(
        "--bursts", type=int, default=30, help="bursts of one request from every client"
    )
    parser.add_argument(
        "--requests", type=int, default=2000, help="closed loop: POSTs back to back in all"
    )
    parser.add_argument("--servers", type=int, default=2, help="`kollega serve` processes")
    parser.add_argument("--runs", type=int, default=50, help="timed runs of each grid")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument(
        "--server",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server and a database on it to connect to for CREATE DATABASE",
    )
    options = parser.parse_args()
    if min(min(options.rates) * options.seconds, options.requests) < options.clients or (
        min(options.clients, options.bursts, options.servers) < 1
    ):
        parser.error("each load needs at least one request per client, and a server")

    import psycopg
    from psycopg import sql

    server = urlparse(options.server)
    connect: dict[str, Any] = {
        "host": server.hostname or "127.0.0.1",
        "port": server.port or 5432,
        "user": unquote(server.username or "postgres"),
        "password": unquote(server.password or ""),
    }
    admin_db = unquote(server.path.lstrip("/")) or "postgres"
    name = f"kollega_bench_{secrets.token_hex(4)}"
    with psycopg.connect(dbname=admin_db, autocommit=True, **connect) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    data_dir = Path(tempfile.mkdtemp(prefix="kollega-bench-"))
    os.environ.update(
        {
            "DATABASE_URL": server._replace(path=f"/{name}", query="").geturl(),
            "DJANGO_SETTINGS_MODULE": "kollega.config.settings.local",
            "KOLLEGA_DATA_DIR": str(data_dir),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "KOLLEGA_EMAIL": "file",
            "LOG_LEVEL": "WARNING",
        }
    )
    print(f"Database {name} on {connect['host']}:{connect['port']}", flush=True)
    try:
        return run(options, data_dir)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if options.keep:
            print(f"\nKept the database: DATABASE_URL={os.environ['DATABASE_URL']}")
        else:
            with psycopg.connect(dbname=admin_db, autocommit=True, **connect) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
        shutil.rmtree(data_dir, ignore_errors=True)


# --- seeding ------------------------------------------------------------------------------------


@dataclass
class World:
    space: Any  # Space: Bryggen
    rooms: list[Any]  # its meeting rooms (Resource)
    members: list[Any]  # its members (Member, user selected)
    tokens: dict[int, str]  # member id -> API token secret
    last_day: dt.date  # the latest day with historical bookings (yesterday)


def migrate() -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kollega.cli", "migrate"],
        check=True,
        timeout=600,
        capture_output=True,
    )
    return time.perf_counter() - started


def seed(options: argparse.Namespace) -> World:
    """Spaces, resources, members with memberships and API tokens, through the ORM and the
    services (a few hundred rows); see `seed_history` for the bookings."""
    from django.db import transaction
    from django.utils import timezone

    from kollega.accounts.models import ApiToken, User
    from kollega.accounts.services import TOKEN_PREFIX, _hash
    from kollega.bookings.models import (
        BookingRule,
        OpeningHours,
        Resource,
        ResourceKind,
        Zone,
    )
    from kollega.companies.services import company_create
    from kollega.members.models import Member
    from kollega.memberships.services import membership_create, plan_create
    from kollega.spaces.models import Operator, Space

    chooser = random.Random(options.seed)
    tokens: dict[int, str] = {}
    with transaction.atomic():
        operator = Operator.objects.create(name="Bench Operator")
        person = 0
        for name, slug, rooms, desks, booths, areas, members in SPACES:
            space = Space.objects.create(
                operator=operator, name=name, slug=slug, time_zone=TIME_ZONE, currency="NOK"
            )
            OpeningHours.objects.bulk_create(
                OpeningHours(space=space, weekday=day, opens=OPENS, closes=CLOSES)
                for day in range(7)
            )
            BookingRule.objects.create(
                space=space,
                kind=ResourceKind.ROOM,
                granularity_minutes=30,
                min_minutes=30,
                max_minutes=240,
                horizon_days=60,
                # Checked on every booking, never reached: ~9,000 new bookings, 140 members.
                fair_use_hours=500,
            )
            flex = Zone.objects.create(space=space, name="Flex", is_flex=True)
            resources = [
                Resource(
                    space=space,
                    kind=ResourceKind.ROOM,
                    name=f"Room {number + 1:02d}",
                    capacity=chooser.choice((4, 6, 8, 12)),
                    hourly_price=Decimal(chooser.choice((200, 300, 450))),
                    equipment=["screen", "whiteboard"],
                )
                for number in range(rooms)
            ]
            resources += [
                Resource(space=space, zone=flex, kind=ResourceKind.DESK, name=f"Desk {n + 1:02d}")
                for n in range(desks)
            ]
            resources += [
                Resource(space=space, kind=ResourceKind.BOOTH, name=f"Booth {n + 1:02d}")
                for n in range(booths)
            ]
            resources += [
                Resource(
                    space=space,
                    kind=ResourceKind.EVENT_AREA,
                    name=f"Event area {n + 1}",
                    capacity=60,
                    hourly_price=Decimal(1200),
                )
                for n in range(areas)
            ]
            Resource.objects.bulk_create(resources)
            plan = plan_create(
                space=space,
                name="Team",
                kind="flex",
                monthly_price=Decimal(15000),
                seats=COMPANY_SIZE,
                included_room_hours=4,
            )
            company = None
            for number in range(members):
                if number % COMPANY_SIZE == 0:
                    company = company_create(
                        space=space,
                        actor=None,
                        name=f"{name} company {number // COMPANY_SIZE + 1}",
                        stage="established",
                    )
                    membership_create(
                        space=space,
                        plan=plan,
                        company=company,
                        start_date=dt.date(2020, 1, 1),
                        seats=COMPANY_SIZE,
                    )
                person += 1
                user = User.objects.create_user(
                    email=f"member{person}@bench.example.org", full_name=f"Member {person}"
                )
                member = Member.objects.create(space=space, user=user, company=company)
                if slug == SLUG:
                    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
                    ApiToken.objects.create(
                        user=user,
                        name="bench",
                        prefix=secret[: len(TOKEN_PREFIX) + 6],
                        token_hash=_hash(secret),
                    )
                    tokens[member.pk] = secret
    space = Space.objects.get(slug=SLUG)
    today = timezone.localdate(timezone=space.tzinfo)
    return World(
        space=space,
        rooms=list(
            Resource.objects.filter(space=space, kind=ResourceKind.ROOM)
            .select_related("space")
            .order_by("pk")
        ),
        members=list(Member.objects.filter(space=space).select_related("user").order_by("pk")),
        tokens=tokens,
        last_day=today - dt.timedelta(days=1),
    )


def seed_history(total: int, last_day: dt.date) -> tuple[int, float]:
    """`total` bookings in one INSERT … SELECT: five fixed slots per resource per day, going
    back from `last_day`, so no two bookings of a resource overlap. Then ANALYZE."""
    from django.db import connection

    from kollega.bookings.models import Resource

    resources = Resource.objects.count()
    days = -(-total // (resources * len(SLOTS)))
    slots = ", ".join(f"({k}, time '{at}', {minutes})" for k, at, minutes in SLOTS)
    statement = HISTORY_SQL.format(
        slots=slots, slot_count=len(SLOTS), cancelled_one_in=CANCELLED_ONE_IN
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            statement,
            {"days": days, "last_day": last_day, "resources": resources, "total": total},
        )
        cursor.execute("ANALYZE")
    return days, time.perf_counter() - started


# --- in-process measurements --------------------------------------------------------------------


@dataclass
class Measure:
    label: str
    samples: list[float]
    queries: int | None
    target: float | None = None


def count_queries(function: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


def measure_grids(world: World, runs: int) -> list[Measure]:
    from django.test import Client

    from kollega.bookings.models import Booking, BookingStatus, ResourceKind
    from kollega.bookings.selectors import availability_grid

    space, day = world.space, world.last_day
    booked = Booking.objects.filter(
        resource__in=world.rooms,
        status=BookingStatus.CONFIRMED,
        start__date__range=(day - dt.timedelta(days=1), day + dt.timedelta(days=1)),
    ).count()
    print(
        f"\nGrid: {len(world.rooms)} rooms of {space.name} on {day} "
        f"(about {booked // 3} confirmed room bookings that day), {runs} timed runs each."
    )
    empty_day = world.last_day + dt.timedelta(days=FUTURE_DAYS + 3)

    def grid() -> object:
        result = availability_grid(space=space, day=day, kind=ResourceKind.ROOM)
        assert len(result.rows) == len(world.rooms)
        return result

    def empty_grid() -> object:
        return availability_grid(space=space, day=empty_day, kind=ResourceKind.ROOM)

    member = world.members[0]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(member.user)
    page_url = f"/s/{SLUG}/book/?date={day.isoformat()}"
    api_url = f"/api/v1/spaces/{SLUG}/availability?date={day.isoformat()}&kind=room"
    token = world.tokens[member.pk]

    def page() -> object:
        response = client.get(page_url)
        assert response.status_code == 200, response.status_code
        return response

    def api() -> object:
        response = client.get(api_url, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200, response.status_code
        assert len(response.json()["resources"]) == len(world.rooms)
        return response

    results = []
    for label, function, target in (
        ("availability_grid, busy day", grid, GRID_TARGET_MS),
        ("availability_grid, empty day (baseline)", empty_grid, None),
        ("grid page GET /s/…/book/", page, GRID_TARGET_MS),
        ("API GET …/availability", api, GRID_TARGET_MS),
    ):
        samples = timed(function, runs)
        results.append(Measure(label, samples, count_queries(function), target))
        print(f"  {label:<44}{figures(samples)}, {results[-1].queries} queries", flush=True)
    return results


def future_slots(world: World, seed: int) -> list[tuple[int, dt.datetime]]:
    """Every (room, start) of a one-hour booking on the coming days, shuffled."""
    first = world.last_day + dt.timedelta(days=2)  # tomorrow
    slots = [
        (
            room.pk,
            dt.datetime.combine(first + dt.timedelta(days=day), dt.time(hour), world.space.tzinfo),
        )
        for room in world.rooms
        for day in range(FUTURE_DAYS)
        for hour in FUTURE_HOURS
    ]
    random.Random(seed).shuffle(slots)
    return slots


def measure_create(world: World, slots: list[tuple[int, dt.datetime]]) -> list[Measure]:
    """`booking_create` one booking after the other, then the same through the API in
    process (Django's test client): half of `slots` each."""
    from django.test import Client

    from kollega.bookings.services import booking_create

    rooms = {room.pk: room for room in world.rooms}
    chooser = random.Random(len(slots))
    half = len(slots) // 2
    service_slots, api_slots = iter(slots[:half]), iter(slots[half:])

    def create() -> object:
        room, start = next(service_slots)
        member = chooser.choice(world.members)
        return booking_create(
            member=member,
            resource=rooms[room],
            start=start,
            end=start + dt.timedelta(hours=1),
            actor=member.user,
            title="Bench",
        )

    client = Client(HTTP_ACCEPT_LANGUAGE="en")

    def post() -> object:
        room, start = next(api_slots)
        member = chooser.choice(world.members)
        body = {
            "resource": room,
            "start": start.isoformat(),
            "end": (start + dt.timedelta(hours=1)).isoformat(),
            "title": "Bench",
        }
        response = client.post(
            f"/api/v1/spaces/{SLUG}/bookings",
            data=body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {world.tokens[member.pk]}",
        )
        assert response.status_code == 201, (response.status_code, response.content)
        return response

    print(f"\nBooking creation in process, one after the other, {half - 2} timed runs each.")
    measures = []
    for label, function in (
        ("booking_create in process", create),
        ("API POST …/bookings in process", post),
    ):
        samples = timed(function, half - 2)
        measures.append(Measure(label, samples, count_queries(function)))
        print(f"  {label:<44}{figures(samples)}, {measures[-1].queries} queries", flush=True)
    return measures


# --- HTTP load ----------------------------------------------------------------------------------

SERVE_COMMAND = ("-m", "kollega.cli", "serve", "--no-worker")
SERVER_THREADS = 8  # what `kollega serve` gives waitress


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class AppServer:
    process: subprocess.Popen[bytes]
    port: int


@contextmanager
def app_servers(data_dir: Path, count: int) -> Iterator[list[AppServer]]:
    """`count` `kollega serve --no-worker` processes on the benchmark database."""
    servers: list[AppServer] = []
    logs = []
    try:
        for number in range(1, count + 1):
            port = _free_port()
            log = (data_dir / f"serve{number}.log").open("w")
            logs.append(log)
            process = subprocess.Popen(  # noqa: S603 - our own CLI
                [sys.executable, *SERVE_COMMAND, "--port", str(port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            servers.append(AppServer(process, port))
        for server in servers:
            for _ in range(120):
                try:
                    url = f"http://127.0.0.1:{server.port}/healthz"
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(0.25)
            else:
                raise RuntimeError(f"the server on port {server.port} did not start")
        yield servers
    finally:
        for server in servers:
            os.killpg(server.process.pid, signal.SIGTERM)
            server.process.wait(timeout=20)
        for log in logs:
            log.close()


@dataclass(frozen=True)
class Job:
    """One request: a booking (`POST …/bookings` with an API token and a body), or the
    floor's `GET /healthz`."""

    path: str
    token: str | None = None
    body: dict[str, Any] | None = None


FLOOR = Job("/healthz")


class Poster:
    """One client: a keep-alive connection to one server, sending requests."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.connect()

    def post(self, job: Job) -> int:
        """Send the request and read the whole answer; its status (0: connection lost)."""
        headers = {"Accept-Language": "en"}
        if job.token is not None:
            headers["Authorization"] = f"Bearer {job.token}"
        if job.body is not None:
            headers["Content-Type"] = "application/json"
        try:
            self.connection.request(
                "GET" if job.body is None else "POST",
                job.path,
                body=None if job.body is None else json.dumps(job.body),
                headers=headers,
            )
            response = self.connection.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            return 0

    def close(self) -> None:
        self.connection.close()


def _clock_ticks(pid: int, name: str | None = None) -> int | None:
    """CPU time (user + system, in clock ticks) of a process (named `name`), from /proc."""
    try:
        if name is not None and Path(f"/proc/{pid}/comm").read_text().strip() != name:
            return None  # another process (e.g. PostgreSQL in a container): do not count it
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


@dataclass
class CpuUse:
    """CPU seconds used during a load by the app servers, the PostgreSQL backends serving
    the benchmark database, this process (the clients) and the whole machine (everything:
    other people's work too); None where /proc cannot say."""

    servers: float | None
    database: float | None
    clients: float
    machine: float | None
    seconds: float

    @property
    def others(self) -> float | None:
        """Cores kept busy meanwhile by processes not part of the benchmark."""
        if None in (self.servers, self.database, self.machine):
            return None
        ours = (self.servers or 0) + (self.database or 0) + self.clients
        return max(0.0, ((self.machine or 0) - ours) / self.seconds)


def _machine_ticks() -> int | None:
    """Busy CPU time of the whole machine (every core; clock ticks), from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[:7])
    return user + nice + system + irq + softirq


class CpuMeter:
    """Reads the CPU time of the servers, the database's backends, this process and the
    machine (Linux /proc) during a load. Backends are listed every SAMPLE_SECONDS, so one
    that the servers close during a load (CONN_MAX_AGE) is counted up to its last sample."""

    def __init__(self, servers: list[AppServer]) -> None:
        self.server_pids = [server.process.pid for server in servers]
        self.tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def _servers(self) -> int | None:
        ticks = [_clock_ticks(pid) for pid in self.server_pids]
        return None if None in ticks else sum(t for t in ticks if t is not None)

    def _backends(self, cursor: Any) -> dict[int, int]:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        ticks = {row[0]: _clock_ticks(row[0], "postgres") for row in cursor.fetchall()}
        return {pid: tick for pid, tick in ticks.items() if tick is not None}

    @contextmanager
    def measure(self) -> Iterator[list[CpuUse]]:
        """Yields a list that holds the CpuUse of the block when it ends."""
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        started = threading.Event()
        stop = threading.Event()

        def sample() -> None:
            from django.db import connection

            with connection.cursor() as cursor:
                first.update(self._backends(cursor))
                last.update(first)
                started.set()
                while not stop.wait(SAMPLE_SECONDS):
                    last.update(self._backends(cursor))
                last.update(self._backends(cursor))
            connection.close()

        sampler = threading.Thread(target=sample)
        sampler.start()
        started.wait()
        result: list[CpuUse] = []
        began = time.perf_counter()
        servers, machine, clients = self._servers(), _machine_ticks(), time.process_time()
        yield result
        servers_after, machine_after = self._servers(), _machine_ticks()
        clients = time.process_time() - clients
        seconds = time.perf_counter() - began
        stop.set()
        sampler.join()
        database = sum(ticks - first.get(pid, 0) for pid, ticks in last.items())
        result.append(
            CpuUse(
                servers=None
                if servers is None or servers_after is None
                else (servers_after - servers) / self.tick,
                database=database / self.tick if last else None,
                clients=clients,
                machine=None
                if machine is None or machine_after is None
                else (machine_after - machine) / self.tick,
                seconds=seconds,
            )
        )


@dataclass
class Load:
    label: str
    latencies: list[float]
    statuses: Counter[int]
    seconds: float
    cpu: CpuUse | None = None
    late: int = 0  # open loop: requests sent more than LATE_MS after their planned time

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds


def _run_clients(target: Callable[..., None], arguments: list[tuple[Any, ...]]) -> float:
    """Run one thread per argument tuple; the seconds until the last one finished."""
    threads = [threading.Thread(target=target, args=args) for args in arguments]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began


def closed_loop(label: str, ports: list[int], jobs: list[Job], clients: int) -> Load:
    """Closed loop: `clients` threads post the jobs back to back, each on one keep-alive
    connection to one of the servers (in turn); latency is measured around each request and
    its answer. With many clients this is the saturation throughput."""
    lock = threading.Lock()
    pending = iter(jobs)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()

    def client(port: int) -> None:
        poster = Poster(port)
        while True:
            with lock:
                job = next(pending, None)
            if job is None:
                break
            started = time.perf_counter()
            status = poster.post(job)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
        poster.close()

    seconds = _run_clients(client, [(ports[n % len(ports)],) for n in range(clients)])
    return Load(label, latencies, statuses, seconds)


def open_loop(
    label: str, ports: list[int], jobs: list[Job], clients: int, rate: float, seed: int
) -> Load:
    """Open loop: people booking at their own pace. The requests arrive as one Poisson
    stream of `rate` per second (random, exponential gaps), whatever the answers' speed,
    dealt to the `clients` clients in turn, so each client books about every clients / rate
    seconds. A client still waiting for its previous answer sends as soon as it is in;
    latency counts from the planned moment, so such a delay counts against the server (no
    coordinated omission)."""
    chooser = random.Random(seed)
    moment, planned = 0.0, []
    for job in jobs:
        moment += chooser.expovariate(rate)
        planned.append((moment, job))
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    late = 0
    begin = time.perf_counter() + 0.2  # every client connected and waiting

    def client(port: int, plan: list[tuple[float, Job]]) -> None:
        nonlocal late
        poster = Poster(port)
        for offset, job in plan:
            due = begin + offset
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            sent_late = time.perf_counter() - due > LATE_MS / 1000
            status = poster.post(job)
            elapsed = (time.perf_counter() - due) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
                late += sent_late
        poster.close()

    arguments = [(ports[n % len(ports)], planned[n::clients]) for n in range(clients)]
    seconds = _run_clients(client, arguments) - 0.2
    return Load(label, latencies, statuses, seconds, late=late)


def bursts(label: str, ports: list[int], jobs: list[Job], clients: int) -> Load:
    """Bursts: `clients` clients, each on its own keep-alive connection, wait at a barrier
    and post one request each at the same instant; once all are answered and after a pause
    of BURST_PAUSE seconds, the next burst. Latency counts from the instant of the burst."""
    rounds = len(jobs) // clients
    instants: list[float] = []
    ready = threading.Barrier(clients, action=lambda: instants.append(time.perf_counter()))
    answered = threading.Barrier(clients, action=lambda: time.sleep(BURST_PAUSE))
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: Counter[int] = Counter()

    def client(number: int, port: int) -> None:
        poster = Poster(port)
        for burst in range(rounds):
            job = jobs[burst * clients + number]
            ready.wait()
            status = poster.post(job)
            elapsed = (time.perf_counter() - instants[burst]) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
            answered.wait()
        poster.close()

    seconds = _run_clients(client, [(n, ports[n % len(ports)]) for n in range(clients)])
    return Load(label, latencies, statuses, seconds)


def booking_jobs(world: World, slots: list[tuple[int, dt.datetime]], seed: int) -> list[Job]:
    """One request per slot, as a random member; every CONFLICT_ONE_IN-th request instead
    asks for half an hour overlapping an earlier request's hour (a likely 422)."""
    chooser = random.Random(seed)
    jobs = []
    for number, (room, start) in enumerate(slots):
        if number and number % CONFLICT_ONE_IN == 0:
            room, start = slots[chooser.randrange(number)]
            start += dt.timedelta(minutes=30)
        member = chooser.choice(world.members)
        body = {
            "resource": room,
            "start": start.isoformat(),
            "end": (start + dt.timedelta(hours=1)).isoformat(),
            "title": f"Bench {number}",
        }
        jobs.append(Job(f"/api/v1/spaces/{SLUG}/bookings", world.tokens[member.pk], body))
    return jobs


def cpu_line(cpu: CpuUse | None, requests: int) -> str:
    """CPU milliseconds per request by who spent them, and the rate the machine's cores
    could serve at that cost."""
    if cpu is None:
        return ""

    def per_request(seconds: float | None) -> str:
        return "?" if seconds is None else f"{seconds * 1000 / requests:.1f}"

    parts = (cpu.servers, cpu.database, cpu.clients)
    line = (
        f"CPU per request: app servers {per_request(cpu.servers)} ms, PostgreSQL backends "
        f"{per_request(cpu.database)} ms, clients {per_request(cpu.clients)} ms"
    )
    if None not in parts:
        total = sum(part for part in parts if part is not None) * 1000 / requests
        cores = os.cpu_count() or 1
        line += f" = {total:.1f} ms: {cores} cores serve at most ~{cores * 1000 / total:.0f}/s"
    if cpu.others is not None:
        line += f"; other processes kept {cpu.others:.1f} cores busy meanwhile"
    return line


def answers(load: Load) -> tuple[int, int, str]:
    """Successful answers (2xx), all answers, and the others by status."""
    total = sum(load.statuses.values())
    ok = sum(n for code, n in load.statuses.items() if 200 <= code < 300)
    others = ", ".join(
        f"{code}: {n}" for code, n in sorted(load.statuses.items()) if not 200 <= code < 300
    )
    return ok, total, others


def report_load(load: Load) -> None:
    ok, total, others = answers(load)
    print(
        f"  {load.label:<44}{load.rate:6.1f} requests/s, {figures(load.latencies)}, "
        f"p99 {percentile(load.latencies, 0.99):6.1f} ms, 2xx {ok}/{total} "
        f"({ok / total:.0%}){'; ' + others if others else ''}",
        flush=True,
    )
    if load.cpu is not None:
        print(f"  {'':<44}{cpu_line(load.cpu, total)}", flush=True)
    if load.late:
        print(
            f"  {'':<44}{load.late} of {total} requests sent over {LATE_MS:.0f} ms late "
            "(the client was still waiting for its previous answer)",
            flush=True,
        )


def http_loads(
    options: argparse.Namespace, world: World, slots: list[tuple[int, dt.datetime]], data_dir: Path
) -> dict[str, Load]:
    """The single-client baseline, then the open loop, the bursts and the closed loop, on
    the same servers (each load books its own slots), by name."""
    clients = options.clients
    sizes = (
        ("warm-up", WARM_UP_REQUESTS),
        ("baseline", BASELINE_REQUESTS),
        *((f"open-{rate:g}", round(rate * options.seconds)) for rate in options.rates),
        ("bursts", options.bursts * clients),
        ("closed", options.requests),
    )
    parts: dict[str, list[Job]] = {}
    first = 0
    for number, (name, size) in enumerate(sizes):
        parts[name] = booking_jobs(world, slots[first : first + size], options.seed + number)
        first += size
    print(
        f"\nHTTP: {options.servers} `kollega serve --no-worker` processes "
        f"({SERVER_THREADS} threads each) on {os.cpu_count()} cores shared with PostgreSQL "
        f"and the clients; every {CONFLICT_ONE_IN}th request overlaps another (a clean 422). "
        f"Load average before: {_load_average()}."
    )
    from django.db import connection

    with app_servers(data_dir, options.servers) as servers:
        ports = [server.port for server in servers]
        meter = CpuMeter(servers)
        closed_loop("warm-up", ports, parts["warm-up"], clients)  # every thread connects
        plural = "s" if clients > 1 else ""
        runs: dict[str, Callable[[], Load]] = {
            "baseline": partial(
                closed_loop, "1 client, one after the other (baseline)", ports, parts["baseline"], 1
            ),
            **{
                f"open-{rate:g}": partial(
                    open_loop,
                    f"open loop: {clients} client{plural}, {rate:g}/s in all",
                    ports,
                    parts[f"open-{rate:g}"],
                    clients,
                    rate,
                    options.seed,
                )
                for rate in options.rates
            },
            "bursts": partial(
                bursts,
                f"bursts: {clients} at once, {options.bursts} times",
                ports,
                parts["bursts"],
                clients,
            ),
            "closed": partial(
                closed_loop,
                f"closed loop: {clients} client{plural} back to back",
                ports,
                parts["closed"],
                clients,
            ),
            # The floor: the same two loads of the cheapest request the app serves.
            "floor-bursts": partial(
                bursts,
                f"floor, GET /healthz: bursts: {clients} at once",
                ports,
                [FLOOR] * (options.bursts * clients),
                clients,
            ),
            "floor-closed": partial(
                closed_loop,
                f"floor, GET /healthz: closed loop: {clients} client{plural}",
                ports,
                [FLOOR] * options.requests,
                clients,
            ),
        }
        done: dict[str, Load] = {}
        for name, fire in runs.items():
            with meter.measure() as cpu:
                load = fire()
            load.cpu = cpu[0]
            report_load(load)
            done[name] = load
        connection.close()
    return done


def _cpu_ms(load: Load) -> float | None:
    """CPU milliseconds a request cost in all (app servers, PostgreSQL, clients)."""
    cpu = load.cpu
    if cpu is None or cpu.servers is None or cpu.database is None:
        return None
    return (cpu.servers + cpu.database + cpu.clients) * 1000 / sum(load.statuses.values())


def open_p95(loads: dict[str, Load], rate: float) -> float:
    return percentile(loads[f"open-{rate:g}"].latencies, 0.95)


def print_floor(loads: dict[str, Load], clients: int) -> None:
    """What the machine allows: the bursts and the closed loop of the cheapest request, and
    the cores that bursts of bookings would need for the target at today's cost."""
    floor_bursts, floor_closed = loads["floor-bursts"], loads["floor-closed"]
    print(
        f"\nThe floor (GET /healthz: the middleware, one view, two one-row queries): bursts "
        f"of {clients} p95 {percentile(floor_bursts.latencies, 0.95):.1f} ms, closed loop "
        f"p95 {percentile(floor_closed.latencies, 0.95):.1f} ms at {floor_closed.rate:.0f}/s."
    )
    booking, floor = _cpu_ms(loads["closed"]), _cpu_ms(floor_closed)
    if booking is None or floor is None:
        return
    cores = os.cpu_count() or 1
    # The p95 of a burst is its 19th answer of 20 (see percentile): it waits for the CPU of
    # those 19 requests at least.
    waited = round(0.95 * (clients - 1)) + 1
    print(
        f"CPU per request: a booking {booking:.1f} ms, the floor {floor:.1f} ms. The p95 of a "
        f"burst of {clients} waits for the CPU of {waited} requests: for bookings at least "
        f"{waited * booking / cores:.0f} ms on {cores} cores, and {CREATE_TARGET_MS:.0f} ms "
        f"needs about {waited * booking / CREATE_TARGET_MS:.0f} cores (or "
        f"{CREATE_TARGET_MS * cores / waited:.1f} ms of CPU a booking on {cores})."
    )


def _load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


# --- the run ------------------------------------------------------------------------------------


def run(options: argparse.Namespace, data_dir: Path) -> int:
    print(f"Load average: {_load_average()} on {os.cpu_count()} cores. Migrating…", flush=True)
    migrate_seconds = migrate()
    import django

    django.setup()
    from django.db import connection

    from kollega.bookings.models import Booking, Resource

    world = seed(options)
    print(
        f"Migrated in {migrate_seconds:.1f} s; seeding {options.bookings:,} bookings…", flush=True
    )
    days, seconds = seed_history(options.bookings, world.last_day)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('bookings_booking'))")
        size = cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(
        f"PostgreSQL {version}: {Resource.objects.count()} resources, "
        f"{Booking.objects.count():,} bookings over {days} days up to {world.last_day} "
        f"({size} with indexes), inserted and analysed in {seconds:.1f} s."
    )

    measures = measure_grids(world, options.runs)
    slots = future_slots(world, options.seed)
    needed = (
        IN_PROCESS_CREATES
        + WARM_UP_REQUESTS
        + BASELINE_REQUESTS
        + sum(round(rate * options.seconds) for rate in options.rates)
        + options.bursts * options.clients
        + options.requests
    )
    if needed > len(slots):
        raise SystemExit(
            f"Too many requests: {needed:,} bookings asked for, {len(slots):,} free room hours."
        )
    measures += measure_create(world, slots[:IN_PROCESS_CREATES])
    connection.close()
    loads = http_loads(options, world, slots[IN_PROCESS_CREATES:], data_dir)
    baseline, saturation = loads["baseline"], loads["closed"].rate

    print("\nSummary (server time in process; HTTP latency seen by the clients)")
    header = (
        f"{'measure':<50}{'median':>9}{'p95':>9}{'p99':>9}{'queries':>9}"
        f"{'p95 vs 1 client':>17}  target"
    )
    print(header)
    print("-" * len(header))
    rows: list[tuple[str, list[float], int | None, float | None, float | None]] = [
        (m.label, m.samples, m.queries, m.target, None) for m in measures
    ]
    rows.append((f"HTTP POST, {baseline.label}", baseline.latencies, None, None, None))
    base_p95 = percentile(baseline.latencies, 0.95)
    opens = [f"open-{rate:g}" for rate in options.rates]
    for name in (*opens, "bursts", "closed"):
        load = loads[name]
        versus = percentile(load.latencies, 0.95) / base_p95
        rows.append((f"HTTP POST, {load.label}", load.latencies, None, CREATE_TARGET_MS, versus))
    for name in ("floor-bursts", "floor-closed"):
        load = loads[name]
        versus = percentile(load.latencies, 0.95) / base_p95
        rows.append((f"HTTP {load.label}", load.latencies, None, None, versus))
    for label, samples, queries, target, ratio in rows:
        p95 = percentile(samples, 0.95)
        verdict = (
            ""
            if target is None
            else f"{'PASS' if p95 <= target else 'MISS'} (p95 ≤ {target:.0f} ms)"
        )
        print(
            f"{label:<50}{statistics.median(samples):>7.1f}ms{p95:>7.1f}ms"
            f"{percentile(samples, 0.99):>7.1f}ms{'' if queries is None else queries:>9}"
            f"{'' if ratio is None else f'{ratio:.1f}x':>17}  {verdict}"
        )
    print(
        f"\nSaturation (closed loop, {options.clients} clients): {saturation:.1f} requests/s. "
        f"Single client: {baseline.rate:.1f} requests/s."
    )
    within: list[float] = []  # the rates up to the first one that misses
    for rate in sorted(options.rates):
        if open_p95(loads, rate) > CREATE_TARGET_MS:
            break
        within.append(rate)
    for rate in options.rates:
        load = loads[f"open-{rate:g}"]
        print(
            f"  Open loop at {rate:g}/s: {load.rate:.1f} requests/s achieved, "
            f"{load.rate / saturation:.0%} of saturation, p95 {open_p95(loads, rate):.1f} ms."
        )
    print(
        f"  {options.clients} clients booking at their own pace get p95 ≤ "
        f"{CREATE_TARGET_MS:.0f} ms up to "
        + (
            f"{max(within):g} bookings/s in all (every rate up to it passes)."
            if within
            else "none of the rates tried."
        )
    )
    for load in loads.values():
        ok, total, others = answers(load)
        print(f"  {load.label}: {ok / total:.1%} answered 2xx; the rest: {others or 'none'}")
        if ok / total < 0.9:
            print(
                f"  WARNING: more refusals than the planned 1 in {CONFLICT_ONE_IN} overlaps; "
                "refusals are cheaper than bookings, so this load's figures flatter the app."
            )
    print_floor(loads, options.clients)
    print(f"Load average after: {_load_average()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
