"""Matchmaking through the JSON API, as its callers meet it: people to meet with reasons,
introductions with double opt-in (contact details only after both said yes, a decline never
shown to the one declined), staff brokering, pairing rounds where a member sees only their own
pair, the member's own choices, and who gets 401/403/404/422."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kollega.accounts.services import api_token_create
from kollega.core.tests.factories import MemberFactory, UserFactory
from kollega.matching.models import Block, Introduction, IntroductionStatus, Outcome, Pair
from kollega.matching.services import introduction_request, suggestions_refresh
from kollega.members.services import profile_update

pytestmark = pytest.mark.django_db

API = "/api/v1"


class Caller:
    """One persona calling the API: staff with a personal API token, members with their
    session (the test client does not enforce CSRF)."""

    def __init__(self, user: Any, *, token: bool = False) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if token:
            _token, secret = api_token_create(user=user, name="matchmaking tests")
            self.headers["Authorization"] = f"Bearer {secret}"
        elif user is not None:
            self.client.force_login(user)

    def get(self, url: str, **params: Any) -> Any:
        return self.client.get(API + url, params, headers=self.headers)

    def send(self, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
        return getattr(self.client, method)(
            API + url,
            data=json.dumps(body or {}),
            content_type="application/json",
            headers=self.headers,
        )

    def post(self, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.send("post", url, body)


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json() if response.content else None


def field_errors(response: Any) -> dict[str | None, str]:
    body = ok(response, 422)
    assert set(body) == {"message", "detail"}
    return {item["field"]: item["message"] for item in body["detail"]}


@pytest.fixture
def people(world: Any) -> Any:
    """Kari (accounting, needs web design) and Mette (web design, needs accounting) are a
    natural match; Ola is Kari's colleague. Mette shows her phone to members; Kari does not."""
    profile_update(
        user=world.kari,
        actor=world.kari,
        offers=["accounting", "bookkeeping"],
        needs=["web design"],
        presence_days=["tue", "thu"],
        phone="+47 911 11 111",
    )
    profile_update(
        user=world.mette,
        actor=world.mette,
        offers=["web design", "branding"],
        needs=["accounting"],
        presence_days=["tue"],
        phone="+47 900 00 000",
        visibility={"phone": "members"},
    )
    profile_update(user=world.ola, actor=world.ola, offers=["python"], needs=["branding"])
    suggestions_refresh(space=world.space_a)
    world.as_kari = Caller(world.kari)
    world.as_mette = Caller(world.mette)
    world.as_ola = Caller(world.ola)
    world.as_sven = Caller(world.sven)
    world.as_bjorn = Caller(world.bjorn)
    world.as_cecilie = Caller(world.cecilie, token=True)
    return world


def ask(world: Any, note: str = "Kaffe en tirsdag?") -> dict[str, Any]:
    body = {"recipient": world.mette_member.pk, "note": note}
    return ok(world.as_kari.post("/spaces/smartby/introductions", body), 201)


# --- suggestions --------------------------------------------------------------------------------


def test_suggestions_are_returned_with_reasons_and_never_a_colleague(people):
    body = ok(people.as_kari.get("/spaces/smartby/suggestions"))
    assert body["count"] == 1
    [item] = body["items"]
    assert item["member"] == {
        "id": people.mette_member.pk,
        "name": "Mette Jensen",
        "company": "Solo Design",
    }
    assert item["score"] > 0
    assert item["reasons"] and all(isinstance(reason, str) for reason in item["reasons"])
    assert any("web design" in reason for reason in item["reasons"])
    assert item["introduction_status"] is None

    ask(people)
    [item] = ok(people.as_kari.get("/spaces/smartby/suggestions"))["items"]
    assert item["introduction_status"] == "waiting"


def test_a_member_who_opted_out_gets_no_suggestions(people):
    body = {"suggestions_opt_out": True, "pairing_opt_in": False}
    ok(people.as_kari.send("put", "/spaces/smartby/matchmaking/preferences", body))
    assert ok(people.as_kari.get("/spaces/smartby/suggestions"))["items"] == []


# --- introductions ------------------------------------------------------------------------------


def test_request_answer_accept_shares_contact_details_only_after_both_said_yes(people):
    asked = ask(people)
    assert asked["status"] == "waiting"
    assert asked["other"] == {"id": people.mette_member.pk, "name": "Mette Jensen"}
    assert asked["asked_by_me"] is True and asked["brokered"] is False
    assert asked["contact"] is None

    [seen] = ok(people.as_mette.get("/spaces/smartby/introductions"))["items"]
    assert seen["id"] == asked["id"]
    assert seen["status"] == "to_answer"
    assert seen["note"] == "Kaffe en tirsdag?"
    assert seen["reasons"]
    assert seen["contact"] is None
    assert ok(people.as_mette.get("/spaces/smartby/introductions", status="waiting"))["count"] == 0

    answered = ok(
        people.as_mette.post(
            f"/spaces/smartby/introductions/{asked['id']}/answer", {"accept": True}
        )
    )
    assert answered["status"] == "accepted"
    # Kari keeps her phone to staff: Mette gets only the e-mail address.
    assert answered["contact"] == {"email": "kari@fjordkraft.no", "phone": None}

    [mine] = ok(people.as_kari.get("/spaces/smartby/introductions", status="accepted"))["items"]
    assert mine["contact"] == {"email": "mette@solo.dk", "phone": "+47 900 00 000"}
    assert mine["suggested_day"] is not None  # both are usually in on Tuesdays


def test_a_decline_is_shown_to_the_requester_as_still_waiting(people):
    asked = ask(people)
    declined = ok(
        people.as_mette.post(
            f"/spaces/smartby/introductions/{asked['id']}/answer", {"accept": False}
        )
    )
    assert declined["status"] == "declined"  # to the one who declined

    [mine] = ok(people.as_kari.get("/spaces/smartby/introductions"))["items"]
    assert mine["status"] == "waiting"
    assert mine["contact"] is None
    assert ok(people.as_kari.get("/spaces/smartby/introductions", status="declined"))["count"] == 0
    assert ok(people.as_kari.get("/spaces/smartby/introductions", status="waiting"))["count"] == 1
    assert b"declined" not in people.as_kari.get("/spaces/smartby/introductions").content


def test_only_the_one_who_asked_can_withdraw_and_then_the_other_no_longer_sees_it(people):
    asked = ask(people)
    url = f"/spaces/smartby/introductions/{asked['id']}/withdraw"
    assert people.as_mette.post(url).status_code == 403
    assert ok(people.as_kari.post(url))["status"] == "withdrawn"
    assert ok(people.as_mette.get("/spaces/smartby/introductions"))["count"] == 0
    assert Introduction.objects.get(pk=asked["id"]).status == IntroductionStatus.WITHDRAWN
    assert ask(people)["status"] == "waiting"  # asking again is fine


def test_outcomes_of_an_introduction_once_both_said_yes(people):
    asked = ask(people)
    url = f"/spaces/smartby/introductions/{asked['id']}/outcome"
    assert "introduction" in field_errors(people.as_kari.post(url, {"met": True}))

    people.as_mette.post(f"/spaces/smartby/introductions/{asked['id']}/answer", {"accept": True})
    answer = {"met": True, "useful": True, "led_to_work": False}
    assert ok(people.as_kari.post(url, answer)) == answer
    # Without a meeting there is nothing to be useful.
    cleared = ok(people.as_kari.post(url, {"met": False, "useful": True}))
    assert cleared == {"met": False, "useful": None, "led_to_work": None}
    [mine] = ok(people.as_kari.get("/spaces/smartby/introductions"))["items"]
    assert mine["outcome"] == cleared
    assert Outcome.objects.filter(introduction_id=asked["id"]).count() == 1
    # Someone else's introduction does not exist for Ola.
    assert people.as_ola.post(url, answer).status_code == 404


def test_staff_broker_an_introduction_and_both_sides_are_asked(people):
    body = {"first": people.kari_member.pk, "second": people.mette_member.pk, "note": "Snakk!"}
    made = ok(people.as_cecilie.post("/spaces/smartby/introductions/broker", body), 201)
    assert made["first"]["name"] == "Kari Nordmann"
    assert made["second"]["name"] == "Mette Jensen"

    for caller in (people.as_kari, people.as_mette):
        [seen] = ok(caller.get("/spaces/smartby/introductions"))["items"]
        assert (seen["id"], seen["status"]) == (made["id"], "to_answer")
        assert seen["brokered"] is True and seen["asked_by_me"] is False
    withdraw = f"/spaces/smartby/introductions/{made['id']}/withdraw"
    assert people.as_kari.post(withdraw).status_code == 403

    answer = f"/spaces/smartby/introductions/{made['id']}/answer"
    assert ok(people.as_kari.post(answer, {"accept": True}))["status"] == "waiting"
    assert ok(people.as_mette.post(answer, {"accept": True}))["status"] == "accepted"


def test_staff_cannot_broker_colleagues_and_the_error_names_the_field(people):
    body = {"first": people.kari_member.pk, "second": people.ola_member.pk}
    errors = field_errors(people.as_cecilie.post("/spaces/smartby/introductions/broker", body))
    assert set(errors) == {"second"}
    body = {"first": people.kari_member.pk, "second": people.sven_member.pk}
    errors = field_errors(people.as_cecilie.post("/spaces/smartby/introductions/broker", body))
    assert set(errors) == {"second"}


def test_listing_introductions_costs_the_same_queries_for_one_or_many(people):
    ask(people)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert ok(people.as_mette.get("/spaces/smartby/introductions"))["items"]
        return len(captured)

    one = queries()
    for name in ("Nora Nilsen", "Per Persen"):
        user = UserFactory(email=f"{name.split()[0].lower()}@example.org", full_name=name)
        introduction_request(
            requester=MemberFactory(space=people.space_a, user=user),
            recipient=people.mette_member,
        )
    assert ok(people.as_mette.get("/spaces/smartby/introductions"))["count"] == 3
    assert queries() == one


# --- who may call what --------------------------------------------------------------------------

MEMBER_READS = [
    "/spaces/smartby/suggestions",
    "/spaces/smartby/introductions",
    "/spaces/smartby/pairing/rounds",
    "/spaces/smartby/matchmaking/preferences",
    "/spaces/smartby/matchmaking/blocks",
]


@pytest.mark.parametrize("persona", ["as_sven", "as_bjorn"])
@pytest.mark.parametrize("url", [*MEMBER_READS, "/spaces/smartby/matchmaking/evidence"])
def test_people_of_another_space_get_404(people, persona, url):
    response = getattr(people, persona).get(url)
    assert response.status_code == 404, response.content
    assert set(response.json()) == {"message", "detail"}


@pytest.mark.parametrize("persona", ["as_sven", "as_bjorn"])
def test_people_of_another_space_cannot_write_there(people, persona):
    caller = getattr(people, persona)
    asked = caller.post(
        "/spaces/smartby/introductions", {"recipient": people.mette_member.pk, "note": ""}
    )
    assert asked.status_code == 404
    assert caller.post("/spaces/smartby/pairing/rounds", {}).status_code == 404
    assert Introduction.objects.count() == 0


def test_someone_elses_introduction_is_not_found(people):
    asked = ask(people)
    answer = f"/spaces/smartby/introductions/{asked['id']}/answer"
    assert people.as_ola.post(answer, {"accept": True}).status_code == 404
    assert people.as_sven.post(answer, {"accept": True}).status_code == 404
    # ... nor under the other space's slug, for its own member.
    assert (
        people.as_sven.post(
            f"/spaces/bygda/introductions/{asked['id']}/answer", {"accept": True}
        ).status_code
        == 404
    )
    assert Introduction.objects.get(pk=asked["id"]).status == IntroductionStatus.PENDING


def test_anonymous_callers_get_401(people):
    assert Caller(None).get("/spaces/smartby/suggestions").status_code == 401


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("post", "/spaces/smartby/introductions/broker", {"first": 1, "second": 2}),
        ("post", "/spaces/smartby/pairing/rounds", {}),
        ("get", "/spaces/smartby/matchmaking/evidence", None),
    ],
)
def test_members_get_403_on_staff_endpoints(people, method, url, body):
    caller = people.as_kari
    response = caller.get(url) if method == "get" else caller.post(url, body)
    assert response.status_code == 403, response.content
    assert response.json()["message"]
    assert Introduction.objects.count() == 0


@pytest.mark.parametrize("url", [u for u in MEMBER_READS if "pairing" not in u])
def test_staff_who_are_not_members_get_404_on_member_endpoints_with_a_reason(people, url):
    response = people.as_cecilie.get(url)
    assert response.status_code == 404
    assert "member" in response.json()["message"]


def test_staff_see_the_evidence(people):
    asked = ask(people)
    people.as_mette.post(f"/spaces/smartby/introductions/{asked['id']}/answer", {"accept": True})
    evidence = ok(people.as_cecilie.get("/spaces/smartby/matchmaking/evidence"))
    assert evidence["introductions"] == 1
    assert evidence["accepted"] == 1
    assert evidence["acceptance_rate"] == 1.0
    assert evidence["members"] == 3


# --- pairing rounds -----------------------------------------------------------------------------


def opt_in(caller: Caller) -> None:
    body = {"suggestions_opt_out": False, "pairing_opt_in": True}
    ok(caller.send("put", "/spaces/smartby/matchmaking/preferences", body))


def test_a_round_run_by_staff_shows_each_member_only_their_own_pair(people):
    nora = UserFactory(email="nora@example.org", full_name="Nora Nilsen")
    nora_member = MemberFactory(space=people.space_a, user=nora)
    for caller in (people.as_kari, people.as_ola, people.as_mette, Caller(nora)):
        opt_in(caller)
    outsider = UserFactory(email="per@example.org", full_name="Per Persen")
    MemberFactory(space=people.space_a, user=outsider)  # did not opt in

    url = "/spaces/smartby/pairing/rounds"
    made = ok(people.as_cecilie.post(url, {"week_of": "2026-03-02"}), 201)
    assert made["week_of"] == "2026-03-02"
    assert (made["pair_count"], made["sat_out"], made["pool_size"]) == (2, 0, 4)
    assert len(made["pairs"]) == 2
    # Running it again for the same day answers with the same round.
    assert ok(people.as_cecilie.post(url, {"week_of": "2026-03-02"}), 200)["id"] == made["id"]
    staff_list = ok(people.as_cecilie.get("/spaces/smartby/pairing/rounds"))
    assert [r["pair_count"] for r in staff_list["items"]] == [2]

    kari_id = people.kari_member.pk
    rounds = ok(people.as_kari.get("/spaces/smartby/pairing/rounds"))
    assert rounds["count"] == 1
    [item] = rounds["items"]
    assert item["pair_count"] is None  # counts are for staff
    pair = item["my_pair"]
    sides = {pair["first"]["id"], pair["second"]["id"]}
    assert kari_id in sides
    assert people.ola_member.pk not in sides  # never colleagues
    assert sides - {kari_id} <= {people.mette_member.pk, nora_member.pk}

    detail = ok(people.as_kari.get(f"/spaces/smartby/pairing/rounds/{made['id']}"))
    assert [p["id"] for p in detail["pairs"]] == [pair["id"]]
    assert detail["pairs"][0]["met"] is None

    # Someone not in the round, and someone of another space, do not see it.
    assert ok(Caller(outsider).get("/spaces/smartby/pairing/rounds"))["count"] == 0
    assert Caller(outsider).get(f"/spaces/smartby/pairing/rounds/{made['id']}").status_code == 404
    assert people.as_sven.get(f"/spaces/smartby/pairing/rounds/{made['id']}").status_code == 404

    # Kari says how it went; staff see it counted, the other pair cannot answer for it.
    url = f"/spaces/smartby/pairing/pairs/{pair['id']}/outcome"
    assert ok(people.as_kari.post(url, {"met": True, "useful": True}))["met"] is True
    assert people.as_ola.post(url, {"met": True}).status_code == 404
    staff_view = ok(people.as_cecilie.get(f"/spaces/smartby/pairing/rounds/{made['id']}"))
    counted = {p["id"]: (p["met"], p["useful"]) for p in staff_view["pairs"]}
    assert counted[pair["id"]] == (1, 1)
    assert ok(people.as_kari.get("/spaces/smartby/pairing/rounds"))["items"][0]["my_pair"][
        "outcome"
    ] == {"met": True, "useful": True, "led_to_work": None}


def test_a_round_needs_two_members_who_opted_in(people):
    errors = field_errors(people.as_cecilie.post("/spaces/smartby/pairing/rounds", {}))
    assert "pool" in errors
    assert not Pair.objects.exists()


def test_a_round_day_must_be_a_date(people):
    response = people.as_cecilie.post("/spaces/smartby/pairing/rounds", {"week_of": "Monday"})
    assert "week_of" in field_errors(response)


# --- the member's own choices -------------------------------------------------------------------


def test_preferences_round_trip(people):
    url = "/spaces/smartby/matchmaking/preferences"
    assert ok(people.as_kari.get(url)) == {"suggestions_opt_out": False, "pairing_opt_in": False}
    chosen = {"suggestions_opt_out": False, "pairing_opt_in": True}
    assert ok(people.as_kari.send("put", url, chosen)) == chosen
    assert ok(people.as_kari.get(url)) == chosen
    # Mette's choices are her own.
    assert ok(people.as_mette.get(url))["pairing_opt_in"] is False

    refused = people.as_kari.send("put", url, {"suggestions_opt_out": True, "pairing_opt_in": True})
    assert "pairing_opt_in" in field_errors(refused)
    out = {"suggestions_opt_out": True, "pairing_opt_in": False}
    assert ok(people.as_kari.send("put", url, out)) == out


def test_blocks_round_trip(people):
    url = "/spaces/smartby/matchmaking/blocks"
    made = ok(people.as_kari.post(url, {"member": people.mette_member.pk}), 201)
    assert made["member"] == {"id": people.mette_member.pk, "name": "Mette Jensen"}
    assert [b["member"]["id"] for b in ok(people.as_kari.get(url))["items"]] == [
        people.mette_member.pk
    ]
    # The blocked member is never told, and is no longer suggested or introduced.
    assert ok(people.as_mette.get(url))["count"] == 0
    assert ok(people.as_kari.get("/spaces/smartby/suggestions"))["items"] == []
    refused = people.as_kari.post(
        "/spaces/smartby/introductions", {"recipient": people.mette_member.pk}
    )
    assert "recipient" in field_errors(refused)

    assert people.as_kari.send("delete", f"{url}/{people.mette_member.pk}").status_code == 204
    assert ok(people.as_kari.get(url))["count"] == 0
    assert not Block.objects.exists()
    assert people.as_kari.send("delete", f"{url}/{people.mette_member.pk}").status_code == 404


def test_blocking_someone_outside_the_space_names_the_field(people):
    url = "/spaces/smartby/matchmaking/blocks"
    assert set(field_errors(people.as_kari.post(url, {"member": people.sven_member.pk}))) == {
        "member"
    }
    assert "member" in field_errors(people.as_kari.post(url, {"member": people.kari_member.pk}))
    assert not Block.objects.exists()


# --- validation ---------------------------------------------------------------------------------


def test_validation_errors_name_the_field(people):
    url = "/spaces/smartby/introductions"
    too_long = {"recipient": people.mette_member.pk, "note": "x" * 601}
    assert set(field_errors(people.as_kari.post(url, too_long))) == {"note"}
    unknown = {"recipient": people.sven_member.pk, "note": "Hei"}
    assert set(field_errors(people.as_kari.post(url, unknown))) == {"recipient"}
    myself = {"recipient": people.kari_member.pk}
    assert set(field_errors(people.as_kari.post(url, myself))) == {"recipient"}
    colleague = {"recipient": people.ola_member.pk}
    assert set(field_errors(people.as_kari.post(url, colleague))) == {"recipient"}
    assert "recipient" in field_errors(people.as_kari.post(url, {"note": "Hei"}))
    assert "status" in field_errors(people.as_kari.get(url, status="maybe"))
    assert Introduction.objects.count() == 0

    ask(people)
    twice = {"recipient": people.mette_member.pk}
    assert set(field_errors(people.as_kari.post(url, twice))) == {"recipient"}


def test_openapi_schema_documents_the_matchmaking_endpoints(client):
    schema = ok(client.get(f"{API}/openapi.json"))
    paths = schema["paths"]
    suggestions = paths["/api/v1/spaces/{slug}/suggestions"]["get"]
    assert suggestions["operationId"] == "suggestions_list"
    assert suggestions["tags"] == ["matchmaking"]
    assert "/api/v1/spaces/{slug}/introductions/{introduction_id}/answer" in paths
    assert "/api/v1/spaces/{slug}/matchmaking/blocks/{member_id}" in paths
    assert set(paths["/api/v1/spaces/{slug}/matchmaking/preferences"]) == {"get", "put"}
    assert "Matchmaking" in schema["info"]["description"]
