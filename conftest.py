"""Shared fixtures: named personas in two spaces, so permission tests read like stories.

Space A, "Smartby Hub", is run by Cecilie (CM). Its companies: Fjordkraft Data (contact
Kari, colleague Ola) and Solo Design (freelancer Mette). Space B, "Bygda Cowork", is run by
Bjørn (CM) with member Sven. Nobody in one space can see the other's data.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kollega.core.tests.factories import (
    CompanyFactory,
    MemberFactory,
    PlanFactory,
    SpaceFactory,
    SpaceStaffFactory,
    UserFactory,
)
from tests.race import RaceDatabase, postgres_database, sqlite_database

PASSWORD = "correct horse battery"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked postgres/redis run only when the service is configured."""
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    has_redis = bool(os.environ.get("KOLLEGA_TEST_REDIS_URL"))
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL=postgres://…)"))
        if "redis" in item.keywords and not has_redis:
            item.add_marker(pytest.mark.skip(reason="needs Redis (KOLLEGA_TEST_REDIS_URL)"))


@dataclass
class World:
    space_a: object
    space_b: object
    cecilie: object  # CM of A
    bjorn: object  # CM of B
    fjordkraft: object
    solo: object
    kari: object  # member of A, contact of Fjordkraft
    ola: object  # member of A, works at Fjordkraft
    mette: object  # member of A, freelancer at Solo Design
    sven: object  # member of B
    kari_member: object
    ola_member: object
    mette_member: object
    sven_member: object
    flex_plan_a: object


@pytest.fixture
def world(db: None) -> World:
    space_a = SpaceFactory(name="Smartby Hub", slug="smartby", max_seats_per_company=10)
    space_b = SpaceFactory(name="Bygda Cowork", slug="bygda", currency="SEK",
                           time_zone="Europe/Stockholm")
    cecilie = UserFactory(email="cecilie@smartby.no", full_name="Cecilie Berg")
    bjorn = UserFactory(email="bjorn@bygda.se", full_name="Bjørn Lund")
    SpaceStaffFactory(space=space_a, user=cecilie)
    SpaceStaffFactory(space=space_b, user=bjorn)
    fjordkraft = CompanyFactory(space=space_a, name="Fjordkraft Data AS", industry="energy")
    solo = CompanyFactory(space=space_a, name="Solo Design", stage="freelancer", employees=1,
                          industry="design")
    kari = UserFactory(email="kari@fjordkraft.no", full_name="Kari Nordmann")
    ola = UserFactory(email="ola@fjordkraft.no", full_name="Ola Hansen")
    mette = UserFactory(email="mette@solo.dk", full_name="Mette Jensen")
    sven = UserFactory(email="sven@bygda.se", full_name="Sven Svensson")
    kari_member = MemberFactory(space=space_a, user=kari, company=fjordkraft,
                                is_company_contact=True)
    ola_member = MemberFactory(space=space_a, user=ola, company=fjordkraft)
    mette_member = MemberFactory(space=space_a, user=mette, company=solo)
    sven_member = MemberFactory(space=space_b, user=sven)
    flex_plan_a = PlanFactory(space=space_a, name="Flex")
    return World(space_a, space_b, cecilie, bjorn, fjordkraft, solo, kari, ola, mette, sven,
                 kari_member, ola_member, mette_member, sven_member, flex_plan_a)


@pytest.fixture(params=["SQLite", pytest.param("PostgreSQL", marks=pytest.mark.postgres)])
def race_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RaceDatabase]:
    """A fresh database for a concurrency proof (tests/test_*_concurrency.py): an SQLite file
    always, a new PostgreSQL database (dropped afterwards) when DATABASE_URL is postgres."""
    opened = sqlite_database(tmp_path) if request.param == "SQLite" else postgres_database()
    with opened as (url, query):
        yield RaceDatabase(url, query, request.param)
