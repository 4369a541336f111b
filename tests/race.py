"""What the concurrency proofs share: a fresh database (an SQLite file, or a new PostgreSQL
database on the server of DATABASE_URL, dropped afterwards), the app migrated and seeded in
it, two `kollega serve` processes on it, and JSON requests fired at them from many threads.

Each proof (tests/test_*_concurrency.py) brings its own seed script and its own checks.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlparse

# A database to race on: its URL, and a function running a `SELECT count(...)` in it.
Query = Callable[[str], int]


class RaceDatabase(NamedTuple):
    """The database of one proof (the `race_database` fixture in conftest.py)."""

    url: str
    query: Query
    label: str  # "SQLite" or "PostgreSQL"


# Over the database itself, after a booking race: pairs of confirmed bookings of one resource
# that overlap (must be none), and the confirmed bookings (one per 201).
OVERLAPPING_BOOKINGS = """
SELECT count(*) FROM bookings_booking a JOIN bookings_booking b
  ON a.resource_id = b.resource_id AND a.id < b.id AND a.start < b."end" AND b.start < a."end"
WHERE a.status = 'confirmed' AND b.status = 'confirmed'
"""
CONFIRMED_BOOKINGS = "SELECT count(*) FROM bookings_booking WHERE status = 'confirmed'"

# Run first in every seed script: Django set up on the race database.
SEED_PRELUDE = """
import json
import os
import secrets

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kollega.config.settings.local")
import django

django.setup()

from kollega.accounts.models import ApiToken
from kollega.accounts.services import TOKEN_PREFIX, _hash


def api_token(user):
    # API tokens are a staff feature (api_token_create refuses members), so the members'
    # tokens are written directly, hashed the way the service hashes them.
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, name="race", prefix=secret[: len(TOKEN_PREFIX) + 6], token_hash=_hash(secret)
    )
    return secret
"""


@contextmanager
def sqlite_database(directory: Path) -> Iterator[tuple[str, Query]]:
    path = directory / "race.sqlite3"

    def query(sql: str) -> int:
        with sqlite3.connect(path) as connection:
            return int(connection.execute(sql).fetchone()[0])

    yield f"sqlite:///{path}", query


@contextmanager
def postgres_database() -> Iterator[tuple[str, Query]]:
    """A new database on DATABASE_URL's server, dropped (forcibly) at the end."""
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

        def query(statement: str) -> int:
            with psycopg.connect(dbname=name, **connect) as connection:
                row = connection.execute(statement).fetchone()  # type: ignore[call-overload]
                assert row is not None
                return int(row[0])

        yield server._replace(path=f"/{name}", query="").geturl(), query
    finally:
        with psycopg.connect(dbname=admin_db, autocommit=True, **connect) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _kollega(*args: str) -> list[str]:
    return [sys.executable, "-m", "kollega.cli", *args]


def environment(database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
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
            **extra,
        }
    )
    return env


def prepare(env: dict[str, str], seed_script: str) -> dict[str, Any]:
    """Migrate the fresh database and run the seed script (after SEED_PRELUDE); the JSON it
    prints last."""
    subprocess.run(_kollega("migrate"), env=env, check=True, timeout=300, capture_output=True)
    seeded = subprocess.run(
        [sys.executable, "-c", SEED_PRELUDE + seed_script],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(seeded.stdout.strip().splitlines()[-1]))


@contextmanager
def two_servers(env: dict[str, str], data_dir: Path) -> Iterator[list[str]]:
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


def server_logs(data_dir: Path) -> str:
    return "\n".join(
        f"--- {log.name}\n{log.read_text()[-3000:]}" for log in sorted(data_dir.glob("serve*.log"))
    )


def call(
    url: str, method: str, token: str, body: dict[str, Any]
) -> tuple[int, dict[str, Any] | str]:
    """One JSON request; (status, body). A refused or broken connection is status 0."""
    request = urllib.request.Request(  # noqa: S310 - a local test server
        url,
        data=json.dumps(body).encode(),
        method=method,
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


def fire(
    jobs: list[tuple[str, str, str, dict[str, Any]]], threads: int
) -> tuple[list[tuple[int, Any]], float]:
    """Run (url, method, token, body) requests from `threads` threads; answers in job order
    and the seconds it took."""
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        answers = list(pool.map(lambda job: call(*job), jobs))
    return answers, time.monotonic() - began


def assert_only(answers: list[tuple[int, Any]], statuses: set[int], data_dir: Path) -> None:
    """Every answer has one of `statuses` (no 5xx, no lost connection); else the servers'
    logs say why."""
    unexpected = [(status, body) for status, body in answers if status not in statuses]
    assert not unexpected, (
        f"{len(unexpected)} answers were not {' or '.join(map(str, sorted(statuses)))}, "
        f"e.g. {unexpected[:3]}\n" + server_logs(data_dir)
    )
