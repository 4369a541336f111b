"""The JSON API as its callers meet it: who may read and write what, what a profile shows to
whom, how tokens and sessions authenticate, and what an error looks like."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from kollega.accounts.models import ApiToken
from kollega.accounts.services import api_token_create, api_token_revoke
from kollega.companies.models import Company
from kollega.core.tests.factories import MemberFactory, UserFactory
from kollega.members.models import Interest, Invitation
from kollega.members.services import profile_update
from kollega.memberships.models import Membership, MembershipEvent, Plan
from kollega.memberships.services import membership_create, plan_create, plan_retire

pytestmark = pytest.mark.django_db

API = "/api/v1"
PERSONAS = ["cecilie", "kari", "ola", "bjorn", "sven", "anonymous"]


def caller(client: Client, world: Any, persona: str) -> dict[str, str]:
    """Sign `client` in as a persona; returns the headers to send.

    Community managers use personal API tokens (Cecilie) or their session (Bjørn); members,
    who cannot create tokens, use their session.
    """
    if persona == "anonymous":
        return {}
    user = getattr(world, persona)
    if persona == "cecilie":
        _token, secret = api_token_create(user=user, name="integration")
        return {"Authorization": f"Bearer {secret}"}
    client.force_login(user)
    return {}


def call(
    client: Client,
    method: str,
    url: str,
    headers: dict[str, str],
    body: dict[str, Any] | None = None,
) -> Any:
    kwargs: dict[str, Any] = {"headers": headers}
    if body is not None or method != "get":
        kwargs.update(data=json.dumps(body or {}), content_type="application/json")
    return getattr(client, method)(API + url, **kwargs)


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"message", "detail"}
    assert isinstance(body["message"], str) and body["message"]
    return body


# --- who may read what ------------------------------------------------------------------------

# Members of space A and its staff may read; staff and members of space B get 404 (nothing in
# A exists for them); anonymous callers get 401.
READERS = {"cecilie": 200, "kari": 200, "ola": 200, "bjorn": 404, "sven": 404, "anonymous": 401}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "url",
    [
        "/spaces/smartby",
        "/spaces/smartby/plans",
        "/spaces/smartby/companies",
        "/spaces/smartby/members",
        "/members/{kari_member}",
        "/companies/{fjordkraft}",
        "/plans/{flex_plan_a}",
    ],
)
def test_members_and_staff_read_their_space_and_nobody_else_does(client, world, persona, url):
    url = url.format(
        kari_member=world.kari_member.pk,
        fjordkraft=world.fjordkraft.pk,
        flex_plan_a=world.flex_plan_a.pk,
    )
    response = call(client, "get", url, caller(client, world, persona))
    assert response.status_code == READERS[persona], response.content
    if response.status_code != 200:
        assert_error_shape(response, READERS[persona])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("cecilie", 200), ("kari", 403), ("bjorn", 404), ("sven", 404), ("anonymous", 401)],
)
def test_only_staff_list_memberships(client, world, persona, status):
    membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.solo,
        start_date=dt.date(2026, 1, 1),
    )
    response = call(client, "get", "/spaces/smartby/memberships", caller(client, world, persona))
    assert response.status_code == status, response.content
    if status == 200:
        assert [item["company"]["name"] for item in response.json()["items"]] == ["Solo Design"]


def test_spaces_lists_only_the_callers_spaces_and_their_role(client, world):
    headers = caller(client, world, "kari")
    body = call(client, "get", "/spaces", headers).json()
    assert body["count"] == 1
    assert [(space["slug"], space["is_staff"]) for space in body["items"]] == [("smartby", False)]

    staff = Client()
    body = call(staff, "get", "/spaces", caller(staff, world, "cecilie")).json()
    assert [(space["slug"], space["is_staff"]) for space in body["items"]] == [("smartby", True)]


def test_members_do_not_see_retired_plans_but_staff_do(client, world):
    plan_retire(
        plan=plan_create(
            space=world.space_a, name="Old desk", kind="fixed_desk", monthly_price=Decimal("4000")
        )
    )
    members_view = call(client, "get", "/spaces/smartby/plans", caller(client, world, "ola"))
    assert [plan["name"] for plan in members_view.json()["items"]] == ["Flex"]

    staff = Client()
    staff_view = call(staff, "get", "/spaces/smartby/plans", caller(staff, world, "cecilie"))
    assert sorted(plan["name"] for plan in staff_view.json()["items"]) == ["Flex", "Old desk"]


def test_members_see_public_company_details_and_staff_also_org_number(client, world):
    world.fjordkraft.org_number = "923456789"
    world.fjordkraft.save()
    url = f"/companies/{world.fjordkraft.pk}"
    as_member = call(client, "get", url, caller(client, world, "ola")).json()
    assert as_member["name"] == "Fjordkraft Data AS"
    assert as_member["org_number"] is None
    assert as_member["archived_at"] is None

    staff = Client()
    as_staff = call(staff, "get", url, caller(staff, world, "cecilie")).json()
    assert as_staff["org_number"] == "923456789"


def test_lists_are_paginated_with_at_most_100_items_a_page(client, world):
    headers = caller(client, world, "cecilie")
    page = call(client, "get", "/spaces/smartby/members?page=2&page_size=2", headers).json()
    assert page["count"] == 3
    assert [item["full_name"] for item in page["items"]] == ["Ola Hansen"]
    too_big = call(client, "get", "/spaces/smartby/members?page_size=101", headers)
    assert assert_error_shape(too_big, 422)["detail"][0]["field"] == "page_size"


# --- profiles: only what the caller may see ---------------------------------------------------


@pytest.fixture
def kari_private(world):
    """Kari keeps her headline and phone number for staff only."""
    profile_update(
        user=world.kari,
        actor=world.kari,
        headline="Energy data for smart grids",
        phone="+47 900 00 000",
        offers=["Grid analytics"],
        visibility={"headline": "staff", "phone": "staff"},
    )
    return world


def test_a_member_never_sees_another_members_staff_only_fields(client, kari_private):
    world = kari_private
    profile = call(
        client, "get", f"/members/{world.kari_member.pk}", caller(client, world, "ola")
    ).json()["profile"]
    assert profile["offers"] == ["Grid analytics"]
    assert "headline" not in profile
    assert "phone" not in profile
    assert "Energy data" not in json.dumps(profile)


def test_staff_and_the_member_herself_see_every_field(client, kari_private):
    world = kari_private
    url = f"/members/{world.kari_member.pk}"
    for persona in ("cecilie", "kari"):
        persona_client = Client()
        body = call(persona_client, "get", url, caller(persona_client, world, persona)).json()
        assert body["profile"]["headline"] == "Energy data for smart grids", persona
        assert body["profile"]["phone"] == "+47 900 00 000", persona
    assert body["viewer_level"] == "self"


def test_the_directory_hides_staff_only_fields_and_does_not_search_them(client, kari_private):
    world = kari_private
    headers = caller(client, world, "ola")
    items = call(client, "get", "/spaces/smartby/members", headers).json()["items"]
    kari = next(item for item in items if item["id"] == world.kari_member.pk)
    assert "headline" not in kari["profile"]
    assert "phone" not in kari["profile"]
    found = call(client, "get", "/spaces/smartby/members?q=smart+grids", headers).json()
    assert found["count"] == 0

    staff = Client()
    found = call(
        staff, "get", "/spaces/smartby/members?q=smart+grids", caller(staff, world, "cecilie")
    ).json()
    assert [item["id"] for item in found["items"]] == [world.kari_member.pk]
    assert found["items"][0]["profile"]["headline"] == "Energy data for smart grids"


def test_the_directory_filters_by_company(client, world):
    headers = caller(client, world, "mette")
    body = call(
        client, "get", f"/spaces/smartby/members?company={world.fjordkraft.pk}", headers
    ).json()
    assert sorted(item["full_name"] for item in body["items"]) == ["Kari Nordmann", "Ola Hansen"]


def test_the_directory_filters_by_interest(client, world):
    profile_update(user=world.mette, actor=world.mette, interests=["Urban mobility"])
    interest = Interest.objects.get(name="Urban mobility")
    headers = caller(client, world, "ola")
    body = call(client, "get", f"/spaces/smartby/members?interest={interest.pk}", headers).json()
    assert [item["full_name"] for item in body["items"]] == ["Mette Jensen"]
    assert body["items"][0]["profile"]["interests"] == ["Urban mobility"]


def test_members_list_query_count_does_not_grow_with_the_page(
    client, world, django_assert_num_queries
):
    headers = caller(client, world, "ola")
    call(client, "get", "/spaces/smartby/members", headers)  # warm up the session
    for n in range(20):
        member = MemberFactory(
            space=world.space_a, company=world.solo, user=UserFactory(full_name=f"Member {n:02d}")
        )
        profile_update(user=member.user, actor=member.user, interests=["Mobility", f"Topic {n}"])
    # session + user, space, staff and member checks, staff check for the directory,
    # count, the page (with company, user and profile), the page's interests.
    with django_assert_num_queries(9):
        response = call(client, "get", "/spaces/smartby/members?page_size=50", headers)
    body = response.json()
    assert body["count"] == 23
    assert len(body["items"]) == 23
    assert {"Mobility", "Topic 7"} <= set(
        next(item for item in body["items"] if item["full_name"] == "Member 07")["profile"][
            "interests"
        ]
    )


# --- who may write what -----------------------------------------------------------------------

WRITERS = {
    "cecilie": (200, 201),
    "kari": (403,),
    "ola": (403,),
    "bjorn": (404,),
    "sven": (404,),
    "anonymous": (401,),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_change_a_space(client, world, persona):
    response = call(
        client,
        "patch",
        "/spaces/smartby",
        caller(client, world, persona),
        {"theme": "Urban mobility"},
    )
    assert response.status_code in WRITERS[persona], response.content
    world.space_a.refresh_from_db()
    assert (world.space_a.theme == "Urban mobility") == (persona == "cecilie")


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_create_plans(client, world, persona):
    response = call(
        client,
        "post",
        "/spaces/smartby/plans",
        caller(client, world, persona),
        {"name": "Office for 4", "kind": "private_office", "monthly_price": "18000", "seats": 4},
    )
    assert response.status_code in WRITERS[persona], response.content
    created = Plan.objects.filter(name="Office for 4")
    assert created.exists() == (persona == "cecilie")
    if persona == "cecilie":
        assert response.json()["currency"] == "NOK"
        assert created.get().space == world.space_a


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_change_and_retire_plans(client, world, persona):
    headers = caller(client, world, persona)
    url = f"/plans/{world.flex_plan_a.pk}"
    response = call(client, "patch", url, headers, {"monthly_price": "3900.00"})
    assert response.status_code in WRITERS[persona], response.content
    response = call(client, "post", url + "/retire", headers)
    assert response.status_code in WRITERS[persona], response.content
    world.flex_plan_a.refresh_from_db()
    assert (world.flex_plan_a.monthly_price == Decimal("3900")) == (persona == "cecilie")
    assert world.flex_plan_a.is_retired == (persona == "cecilie")


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_add_companies(client, world, persona):
    response = call(
        client,
        "post",
        "/spaces/smartby/companies",
        caller(client, world, persona),
        {
            "name": "Bylab AS",
            "stage": "scaleup",
            "org_number": "912 345 678",
            "industry": "mobility",
        },
    )
    assert response.status_code in WRITERS[persona], response.content
    assert Company.objects.filter(name="Bylab AS").exists() == (persona == "cecilie")
    if persona == "cecilie":
        assert response.json()["org_number"] == "912345678"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("cecilie", 200),
        ("kari", 200),
        ("ola", 403),
        ("mette", 403),
        ("bjorn", 404),
        ("sven", 404),
        ("anonymous", 401),
    ],
)
def test_staff_and_the_companys_contact_person_change_a_company(client, world, persona, status):
    response = call(
        client,
        "patch",
        f"/companies/{world.fjordkraft.pk}",
        caller(client, world, persona),
        {"website": "https://fjordkraft.example"},
    )
    assert response.status_code == status, response.content
    world.fjordkraft.refresh_from_db()
    assert (world.fjordkraft.website == "https://fjordkraft.example") == (status == 200)


@pytest.mark.parametrize(
    ("persona", "company", "status"),
    [
        ("cecilie", "solo", 201),
        ("cecilie", None, 201),
        ("kari", "fjordkraft", 201),  # the contact person invites a colleague
        ("kari", "solo", 403),  # ... but not to another company
        ("kari", None, 403),
        ("ola", "fjordkraft", 403),
        ("bjorn", "solo", 404),
        ("sven", None, 404),
        ("anonymous", None, 401),
    ],
)
def test_who_may_invite(client, world, persona, company, status):
    body: dict[str, Any] = {"email": "new.person@example.org", "full_name": "New Person"}
    if company:
        body["company"] = getattr(world, company).pk
    response = call(
        client, "post", "/spaces/smartby/invitations", caller(client, world, persona), body
    )
    assert response.status_code == status, response.content
    assert Invitation.objects.filter(email="new.person@example.org").exists() == (status == 201)
    if status == 201:
        assert response.json()["email"] == "new.person@example.org"
        assert "token" not in json.dumps(response.json())


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_start_memberships(client, world, persona):
    response = call(
        client,
        "post",
        "/spaces/smartby/memberships",
        caller(client, world, persona),
        {"plan": world.flex_plan_a.pk, "company": world.solo.pk, "start_date": "2026-02-01"},
    )
    assert response.status_code in WRITERS[persona], response.content
    assert Membership.objects.filter(company=world.solo).exists() == (persona == "cecilie")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("notice", {"given_on": "2026-03-10"}),
        ("end", {"end_date": "2026-03-31"}),
        ("change-plan", {"plan": "flex", "seats": 2}),
    ],
)
def test_only_staff_change_memberships(client, world, persona, action, body):
    membership = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.solo,
        start_date=dt.date(2026, 1, 1),
    ).membership
    if body.get("plan") == "flex":
        body = {**body, "plan": world.flex_plan_a.pk}
    response = call(
        client,
        "post",
        f"/memberships/{membership.pk}/{action}",
        caller(client, world, persona),
        body,
    )
    assert response.status_code in WRITERS[persona], response.content
    events = MembershipEvent.objects.filter(membership=membership).count()
    assert events == (2 if persona == "cecilie" else 1)


def test_membership_lifecycle_and_seat_policy_warning(client, world):
    headers = caller(client, world, "cecilie")
    created = call(
        client,
        "post",
        "/spaces/smartby/memberships",
        headers,
        {
            "plan": world.flex_plan_a.pk,
            "company": world.fjordkraft.pk,
            "start_date": "2030-01-01",
            "seats": 12,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["membership"]["seats"] == 12
    assert len(body["warnings"]) == 1
    assert "12 seats" in body["warnings"][0]
    membership_id = body["membership"]["id"]

    noticed = call(
        client, "post", f"/memberships/{membership_id}/notice", headers, {"given_on": "2030-01-15"}
    ).json()
    assert noticed["membership"]["end_date"] == "2030-04-30"
    assert noticed["membership"]["status"] == "upcoming"
    ended = call(
        client, "post", f"/memberships/{membership_id}/end", headers, {"end_date": "2030-03-31"}
    ).json()
    assert ended["membership"]["end_date"] == "2030-03-31"
    kinds = list(
        MembershipEvent.objects.filter(membership_id=membership_id).values_list("kind", flat=True)
    )
    assert kinds == ["created", "notice_given", "ended"]


# --- authentication ---------------------------------------------------------------------------


def test_a_personal_token_authenticates_and_is_stored_only_as_a_hash(client, world):
    token, secret = api_token_create(user=world.cecilie, name="reporting")
    response = client.get(f"{API}/spaces", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert [space["slug"] for space in response.json()["items"]] == ["smartby"]

    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("klg_")
    assert stored.token_hash != secret
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert stored.last_used_at is not None


def test_a_revoked_or_wrong_token_gets_401(client, world):
    token, secret = api_token_create(user=world.cecilie, name="old script")
    api_token_revoke(token=token, actor=world.cecilie)
    for header in (f"Bearer {secret}", f"Bearer {secret}x", "Bearer klg_nonsense", secret):
        response = client.get(f"{API}/spaces", headers={"Authorization": header})
        body = assert_error_shape(response, 401)
        assert "Bearer" in body["message"]


def test_a_token_works_for_writes_without_csrf(world):
    _token, secret = api_token_create(user=world.cecilie, name="script")
    strict = Client(enforce_csrf_checks=True)
    response = strict.patch(
        f"{API}/spaces/smartby",
        data={"theme": "Mobility"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200, response.content


def test_a_session_needs_the_csrf_token_for_writes_but_not_for_reads(world):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.cecilie)
    assert strict.get(f"{API}/spaces/smartby").status_code == 200

    refused = strict.patch(
        f"{API}/spaces/smartby", data={"theme": "Mobility"}, content_type="application/json"
    )
    assert "CSRF" in assert_error_shape(refused, 403)["message"]
    world.space_a.refresh_from_db()
    assert world.space_a.theme != "Mobility"

    strict.get(f"{API}/docs")  # a page with a form (here the API docs) sets the CSRF cookie
    csrf = strict.cookies["csrftoken"].value
    accepted = strict.patch(
        f"{API}/spaces/smartby",
        data={"theme": "Mobility"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert accepted.status_code == 200, accepted.content


def test_an_anonymous_write_gets_401_not_a_csrf_error():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"{API}/spaces/smartby/plans", data={}, content_type="application/json")
    assert_error_shape(response, 401)


# --- errors name the field --------------------------------------------------------------------


def test_a_duplicate_org_number_names_the_field(client, world):
    headers = caller(client, world, "cecilie")
    body = {"name": "First AS", "stage": "startup", "org_number": "987654321"}
    assert call(client, "post", "/spaces/smartby/companies", headers, body).status_code == 201
    response = call(
        client,
        "post",
        "/spaces/smartby/companies",
        headers,
        {**body, "name": "Second AS", "org_number": "987 654 321"},
    )
    error = assert_error_shape(response, 422)
    assert error["detail"][0]["field"] == "org_number"
    assert "987654321" in error["message"]
    assert not Company.objects.filter(name="Second AS").exists()


def test_a_negative_price_names_the_field_on_create_and_on_change(client, world):
    headers = caller(client, world, "cecilie")
    created = call(
        client,
        "post",
        "/spaces/smartby/plans",
        headers,
        {"name": "Cheap", "kind": "flex", "monthly_price": "-100"},
    )
    assert [d["field"] for d in assert_error_shape(created, 422)["detail"]] == ["monthly_price"]
    changed = call(
        client, "patch", f"/plans/{world.flex_plan_a.pk}", headers, {"monthly_price": "-100"}
    )
    assert [d["field"] for d in assert_error_shape(changed, 422)["detail"]] == ["monthly_price"]
    world.flex_plan_a.refresh_from_db()
    assert world.flex_plan_a.monthly_price == Decimal("3500")


def test_a_missing_or_mistyped_field_is_named(client, world):
    headers = caller(client, world, "cecilie")
    response = call(
        client,
        "post",
        "/spaces/smartby/companies",
        headers,
        {"name": "No stage AS", "employees": "many"},
    )
    fields = {d["field"] for d in assert_error_shape(response, 422)["detail"]}
    assert fields == {"stage", "employees"}


def test_unreadable_json_is_a_400_in_the_same_shape(client, world):
    headers = caller(client, world, "cecilie")
    response = client.post(
        f"{API}/spaces/smartby/plans",
        data="{not json",
        content_type="application/json",
        headers=headers,
    )
    assert_error_shape(response, 400)


def test_a_membership_on_a_retired_plan_is_refused_and_nothing_is_written(client, world):
    headers = caller(client, world, "cecilie")
    plan_retire(plan=world.flex_plan_a)
    response = call(
        client,
        "post",
        "/spaces/smartby/memberships",
        headers,
        {"plan": world.flex_plan_a.pk, "company": world.fjordkraft.pk, "start_date": "2026-01-01"},
    )
    error = assert_error_shape(response, 422)
    assert error["detail"][0]["field"] == "plan"
    assert "retired" in error["message"]
    assert not Membership.objects.exists()
    assert not MembershipEvent.objects.exists()


@pytest.mark.parametrize(
    ("holders", "field"),
    [
        ({"company": "other space"}, "company"),
        ({}, "company"),
        ({"company": "solo", "member": "mette"}, "company"),
    ],
)
def test_a_failing_membership_create_leaves_no_rows(client, world, holders, field):
    headers = caller(client, world, "cecilie")
    other_company = Company.objects.create(space=world.space_b, name="Bygg AB", stage="startup")
    objects = {
        "other space": other_company.pk,
        "solo": world.solo.pk,
        "mette": world.mette_member.pk,
    }
    body = {
        "plan": world.flex_plan_a.pk,
        "start_date": "2026-01-01",
        **{key: objects[value] for key, value in holders.items()},
    }
    response = call(client, "post", "/spaces/smartby/memberships", headers, body)
    assert assert_error_shape(response, 422)["detail"][0]["field"] == field
    assert Membership.objects.count() == 0
    assert MembershipEvent.objects.count() == 0


def test_a_plan_of_another_space_is_not_found_by_id(client, world):
    headers = caller(client, world, "cecilie")
    plan_b = plan_create(
        space=world.space_b, name="Bygda flex", kind="flex", monthly_price=Decimal("900")
    )
    assert_error_shape(call(client, "get", f"/plans/{plan_b.pk}", headers), 404)
    assert_error_shape(call(client, "patch", f"/plans/{plan_b.pk}", headers, {"name": "Mine"}), 404)
    plan_b.refresh_from_db()
    assert plan_b.name == "Bygda flex"


# --- the schema -------------------------------------------------------------------------------


def test_openapi_schema_documents_token_auth_and_the_error_shape(client):
    schema = client.get(f"{API}/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"]["type"] == "http"
    assert schemes["ApiTokenAuth"]["scheme"] == "bearer"
    assert set(schema["components"]["schemas"]["ErrorOut"]["properties"]) == {"message", "detail"}
    members = schema["paths"]["/api/v1/spaces/{slug}/members"]["get"]
    assert members["operationId"] == "members_list"
    assert members["summary"]
    assert "422" in members["responses"]


def test_docs_page_uses_the_bundled_swagger_ui(client):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in response.content
    assert b"cdn" not in response.content.lower()


def test_a_partial_update_refuses_null_for_fields_that_cannot_be_empty(client, world):
    headers = caller(client, world, "cecilie")
    response = call(
        client, "patch", f"/companies/{world.fjordkraft.pk}", headers, {"website": None}
    )
    assert [d["field"] for d in assert_error_shape(response, 422)["detail"]] == ["website"]
    cleared = call(client, "patch", "/spaces/smartby", headers, {"max_seats_per_company": None})
    assert cleared.status_code == 200, cleared.content
    world.space_a.refresh_from_db()
    assert world.space_a.max_seats_per_company is None
