"""The concurrency proofs run on both databases: a fresh SQLite file always, and a fresh
PostgreSQL database when DATABASE_URL is postgres (the `postgres` marker)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.race import RaceDatabase, postgres_database, sqlite_database


@pytest.fixture(params=["SQLite", pytest.param("PostgreSQL", marks=pytest.mark.postgres)])
def race_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RaceDatabase]:
    """A fresh database to race on, dropped (or deleted) afterwards."""
    opened = sqlite_database(tmp_path) if request.param == "SQLite" else postgres_database()
    with opened as (url, query):
        yield RaceDatabase(url, query, request.param)
