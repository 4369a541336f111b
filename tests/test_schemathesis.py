"""Schemathesis fuzzes every operation of the OpenAPI schema at /api/v1/openapi.json against
the in-process WSGI app and checks that no answer is a server error (5xx).

The database holds the `world` personas plus a plan, company and membership in each space.
Requests come from Cecilie, staff of space A, with a personal API token, so writes are
exercised too. Path parameters and ids in bodies are drawn mostly from objects that exist,
in both spaces (so the 404s across spaces are fuzzed as well). Every request runs in a
savepoint that is rolled back, so each example meets the same data, and generation is
derandomized with a fixed seed: the run is deterministic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from kollega.accounts.services import api_token_create
from kollega.companies.services import company_create
from kollega.memberships.services import membership_create, plan_create

SEED = 20260101
EXAMPLES_PER_OPERATION = 25

# Ids differ between runs and databases, so the schema is fuzzed with small "references"
# (1, 2, 3 = the first, second, third object of that kind below), resolved before each call.
REFERENCES = {"plan_id": 2, "company_id": 3, "member_id": 3, "membership_id": 2}
BODY_REFERENCES = {"plan": "plan_id", "company": "company_id", "member": "member_id"}

config = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": EXAMPLES_PER_OPERATION, "deterministic": True},
        "dictionaries": {
            "slug": {"values": ["smartby", "bygda"]},
            **{name: {"values": list(range(1, count + 1))} for name, count in REFERENCES.items()},
        },
        "parameters": {
            "path.slug": {"dictionary": "slug", "probability": 0.9},
            **{f"path.{name}": {"dictionary": name, "probability": 0.9} for name in REFERENCES},
            **{
                f"body.{field}": {"dictionary": name, "probability": 0.8}
                for field, name in BODY_REFERENCES.items()
            },
        },
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=config)


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """Like Django's test client: don't let the request signals close the database connection
    (that would end the test's transaction and lose the fixture data)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_world(world: Any) -> dict[str, Any]:
    """The personas' world with a plan, a company and a membership in each space, the ids the
    references resolve to, and a staff token of space A."""
    plan_b = plan_create(
        space=world.space_b, name="Bygda flex", kind="flex", monthly_price=Decimal("900")
    )
    company_b = company_create(space=world.space_b, actor=None, name="Bygg AB", stage="established")
    membership_a = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        start_date=dt.date(2026, 1, 1),
        seats=2,
    ).membership
    membership_b = membership_create(
        space=world.space_b, plan=plan_b, company=company_b, start_date=dt.date(2026, 1, 1)
    ).membership
    _token, secret = api_token_create(user=world.cecilie, name="schemathesis")
    return {
        "token": secret,
        "ids": {
            "plan_id": [world.flex_plan_a.pk, plan_b.pk],
            "company_id": [world.fjordkraft.pk, world.solo.pk, company_b.pk],
            "member_id": [world.kari_member.pk, world.mette_member.pk, world.sven_member.pk],
            "membership_id": [membership_a.pk, membership_b.pk],
        },
    }


def _resolve(value: Any, ids: list[int]) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(ids):
        return ids[value - 1]
    return value


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_without_server_errors(case: Any, fuzz_world: dict[str, Any]) -> None:
    ids = fuzz_world["ids"]
    for name in REFERENCES:
        if case.path_parameters and name in case.path_parameters:
            case.path_parameters[name] = _resolve(case.path_parameters[name], ids[name])
    if isinstance(case.body, dict):
        for field, name in BODY_REFERENCES.items():
            if field in case.body:
                case.body[field] = _resolve(case.body[field], ids[name])
    with transaction.atomic():
        response = case.call(headers={"Authorization": f"Bearer {fuzz_world['token']}"})
        transaction.set_rollback(True)
    case.validate_response(response, checks=[not_a_server_error])
