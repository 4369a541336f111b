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

Then two `kollega serve --no-worker` processes (8 threads each) are started on the same
database and 20 client threads (half on each server, one keep-alive connection each) post
--requests bookings of a future room hour (`POST /api/v1/spaces/bryggen/bookings`, each
as a random member with an API token); one in twenty overlaps another request of the run,
so some clean 422s are expected. Reported: throughput, client-side median and p95 latency
(HTTP included) and the share of 201s. As a baseline, one client first posts 100 bookings
alone. Targets are checked on the p95 and printed as PASS or MISS, never asserted: timings
depend on the machine.

Run from the repository root (PostgreSQL at 127.0.0.1:5432, user postgres):

    .venv/bin/python benchmarks/bookings.py                      # 1,000,000 bookings
    .venv/bin/python benchmarks/bookings.py --bookings 100000    # a quick look
    .venv/bin/python benchmarks/bookings.py --keep               # keep the database

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
BASELINE_REQUESTS = 100
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bookings", type=int, default=1_000_000, help="historical bookings")
    parser.add_argument("--requests", type=int, default=2000, help="concurrent POSTs in all")
    parser.add_argument("--clients", type=int, default=20, help="concurrent client threads")
    parser.add_argument("--runs", type=int, default=50, help="timed runs of each grid")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument(
        "--server",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server and a database on it to connect to for CREATE DATABASE",
    )
    options = parser.parse_args()

    import psycopg
    from psycopg import sql

    server = urlparse(options.server)
    connect = {
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
                fair_use_hours=60,
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def two_servers(data_dir: Path) -> Iterator[list[int]]:
    """Two `kollega serve --no-worker` processes on the benchmark database; their ports."""
    processes = []
    ports = []
    try:
        for number in (1, 2):
            port = _free_port()
            log = (data_dir / f"serve{number}.log").open("w")
            command = [sys.executable, "-m", "kollega.cli", "serve", "--no-worker"]
            server = subprocess.Popen(  # noqa: S603 - our own CLI
                [*command, "--port", str(port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            processes.append((server, log))
            ports.append(port)
        for port in ports:
            for _ in range(120):
                try:
                    url = f"http://127.0.0.1:{port}/healthz"
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(0.25)
            else:
                raise RuntimeError(f"the server on port {port} did not start")
        yield ports
    finally:
        for server, log in processes:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
            log.close()


@dataclass
class Load:
    label: str
    clients: int
    latencies: list[float]
    statuses: Counter[int]
    seconds: float


def fire(ports: list[int], jobs: list[tuple[str, dict[str, Any]]], clients: int) -> Load:
    """Post the jobs from `clients` threads, each on one keep-alive connection to one of the
    servers (alternating); latency is measured around each request and its answer."""
    lock = threading.Lock()
    pending = iter(jobs)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()

    def client(port: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                job = next(pending, None)
            if job is None:
                break
            token, body = job
            started = time.perf_counter()
            try:
                connection.request(
                    "POST",
                    f"/api/v1/spaces/{SLUG}/bookings",
                    body=json.dumps(body),
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                        "Accept-Language": "en",
                    },
                )
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
        connection.close()

    threads = [
        threading.Thread(target=client, args=(ports[number % len(ports)],))
        for number in range(clients)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    label = f"POST …/bookings, {clients} client{'s' if clients > 1 else ''}"
    return Load(label, clients, latencies, statuses, time.perf_counter() - began)


def booking_jobs(
    world: World, slots: list[tuple[int, dt.datetime]], seed: int
) -> list[tuple[str, dict[str, Any]]]:
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
        jobs.append((world.tokens[member.pk], body))
    return jobs


def report_load(load: Load) -> None:
    total = sum(load.statuses.values())
    created = load.statuses[201]
    others = ", ".join(f"{code}: {n}" for code, n in sorted(load.statuses.items()) if code != 201)
    print(
        f"  {load.label:<30}{total / load.seconds:6.1f} requests/s, {figures(load.latencies)}, "
        f"201s {created}/{total} ({created / total:.0%}){'; ' + others if others else ''}",
        flush=True,
    )


# --- the run ------------------------------------------------------------------------------------


def run(options: argparse.Namespace, data_dir: Path) -> int:
    print("Migrating…", flush=True)
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
    needed = IN_PROCESS_CREATES + BASELINE_REQUESTS + options.requests
    if needed > len(slots):
        raise SystemExit(
            f"--requests is too large: at most {len(slots) - needed + options.requests}"
        )
    measures += measure_create(world, slots[:IN_PROCESS_CREATES])
    connection.close()

    baseline_slots = slots[IN_PROCESS_CREATES : IN_PROCESS_CREATES + BASELINE_REQUESTS]
    load_slots = slots[IN_PROCESS_CREATES + BASELINE_REQUESTS : needed]
    print(
        f"\nHTTP: two `kollega serve --no-worker` processes (8 threads each), "
        f"{options.requests} booking requests from {options.clients} clients "
        f"(every {CONFLICT_ONE_IN}th overlaps another); baseline: {BASELINE_REQUESTS} from 1."
    )
    with two_servers(data_dir) as ports:
        baseline = fire(ports, booking_jobs(world, baseline_slots, options.seed + 1), 1)
        report_load(baseline)
        load = fire(ports, booking_jobs(world, load_slots, options.seed + 2), options.clients)
        report_load(load)

    print("\nSummary (server time in process; HTTP latency seen by the clients)")
    header = f"{'measure':<46}{'median':>9}{'p95':>9}{'queries':>9}  target"
    print(header)
    print("-" * len(header))
    rows = [(m.label, m.samples, m.queries, m.target) for m in measures]
    rows += [
        (baseline.label, baseline.latencies, None, None),
        (load.label, load.latencies, None, CREATE_TARGET_MS),
    ]
    for label, samples, queries, target in rows:
        p95 = percentile(samples, 0.95)
        verdict = (
            ""
            if target is None
            else f"{'PASS' if p95 <= target else 'MISS'} (p95 ≤ {target:.0f} ms)"
        )
        print(
            f"{label:<46}{statistics.median(samples):>7.1f}ms{p95:>7.1f}ms"
            f"{'' if queries is None else queries:>9}  {verdict}"
        )
    created = load.statuses[201]
    total = sum(load.statuses.values())
    print(
        f"\n{options.clients} clients: {total / load.seconds:.1f} requests/s, "
        f"{created / total:.1%} answered 201; the rest: "
        + (", ".join(f"{c}: {n}" for c, n in sorted(load.statuses.items()) if c != 201) or "none")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
