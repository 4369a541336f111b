"""The community manager's plan and membership pages, through HTTP. Nothing is deleted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kollega.core.tests.factories import CompanyFactory, PlanFactory
from kollega.memberships.models import Membership, MembershipEvent, Plan
from kollega.memberships.services import (
    membership_create,
    membership_give_notice,
    notice_end_date,
    plan_retire,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def url(name, slug="smartby", **kwargs):
    return reverse(f"memberships:{name}", kwargs={"slug": slug, **kwargs})


@pytest.fixture
def fjordkraft_membership(world):
    return membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        start_date=dt.date(2026, 1, 1),
        seats=4,
        actor=world.cecilie,
    ).membership


def pages(world, membership):
    return [
        url("plans"),
        url("plan_create"),
        url("plan_edit", plan_id=world.flex_plan_a.pk),
        url("list"),
        url("create"),
        url("detail", membership_id=membership.pk),
    ]


def test_the_cm_sees_every_page(client, world, fjordkraft_membership):
    client.force_login(world.cecilie)
    for page in pages(world, fjordkraft_membership):
        assert client.get(page).status_code == 200, page


def test_a_cm_of_another_space_gets_404(client, world, fjordkraft_membership):
    client.force_login(world.bjorn)
    for page in pages(world, fjordkraft_membership):
        assert client.get(page).status_code == 404, page
    # Nor by putting space A's ids under his own space.
    assert (
        client.get(url("detail", slug="bygda", membership_id=fjordkraft_membership.pk)).status_code
        == 404
    )
    assert (
        client.get(url("plan_edit", slug="bygda", plan_id=world.flex_plan_a.pk)).status_code == 404
    )


def test_a_plain_member_gets_404(client, world, fjordkraft_membership):
    client.force_login(world.kari)
    for page in pages(world, fjordkraft_membership):
        assert client.get(page).status_code == 404, page


def test_anonymous_visitors_are_sent_to_sign_in(client, world, fjordkraft_membership):
    for page in pages(world, fjordkraft_membership):
        response = client.get(page)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_another_spaces_cm_cannot_act_on_plans_or_memberships(client, world, fjordkraft_membership):
    client.force_login(world.bjorn)
    plan, membership = world.flex_plan_a, fjordkraft_membership
    for action in [
        url("plan_retire", plan_id=plan.pk),
        url("plan_retire", slug="bygda", plan_id=plan.pk),
        url("notice", membership_id=membership.pk),
        url("notice", slug="bygda", membership_id=membership.pk),
        url("end", membership_id=membership.pk),
        url("change", membership_id=membership.pk),
    ]:
        response = client.post(
            action,
            {
                "given_on": "2026-03-01",
                "end_date": "2026-03-01",
                "plan": plan.pk,
                "seats": "9",
                "effective_date": "2026-03-01",
            },
        )
        assert response.status_code == 404, action
    plan.refresh_from_db()
    membership.refresh_from_db()
    assert plan.retired_at is None
    assert membership.end_date is None
    assert membership.seats == 4


# --- plans ----------------------------------------------------------------------------------


def test_plans_list_shows_terms_price_and_active_memberships(client, world, fjordkraft_membership):
    retired = PlanFactory(
        space=world.space_a,
        name="Old office",
        kind="private_office",
        monthly_price=Decimal("12000"),
    )
    plan_retire(plan=retired)
    PlanFactory(space=world.space_b, name="Bygda desk")
    client.force_login(world.cecilie)
    response = client.get(url("plans"))
    plans = {plan.name: plan for plan in response.context["plans"]}
    assert set(plans) == {"Flex", "Old office"}
    assert plans["Flex"].active_memberships == 1
    assert plans["Old office"].active_memberships == 0
    assert "€" not in response.text
    assert "NOK" + NBSP + "3,500.00" in response.text
    assert "Retired" in response.text


def test_plans_prices_follow_the_users_language(client, world):
    world.cecilie.preferred_language = "nb"
    world.cecilie.save()
    client.force_login(world.cecilie)
    response = client.get(url("plans"))
    assert f"3{NBSP}500,00{NBSP}kr" in response.text


def test_cm_creates_a_plan_in_the_spaces_currency(client, world):
    client.force_login(world.bjorn)
    response = client.post(
        url("plan_create", slug="bygda"),
        {
            "name": "Fast plats",
            "kind": "fixed_desk",
            "monthly_price": "4200.50",
            "seats": "1",
            "included_room_hours": "6",
            "notice_months": "2",
            "description": "",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(name="Fast plats")
    assert plan.space == world.space_b
    assert plan.currency == "SEK"
    assert plan.monthly_price == Decimal("4200.50")
    assert plan.notice_months == 2


def test_plan_form_shows_errors_on_fields(client, world):
    client.force_login(world.cecilie)
    response = client.post(
        url("plan_create"),
        {
            "name": "",
            "kind": "fixed_desk",
            "monthly_price": "-5",
            "seats": "0",
            "included_room_hours": "0",
            "notice_months": "3",
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "monthly_price", "seats"}


def test_cm_edits_a_plan(client, world):
    client.force_login(world.cecilie)
    plan = world.flex_plan_a
    response = client.post(
        url("plan_edit", plan_id=plan.pk),
        {
            "name": "Flex plus",
            "kind": "flex",
            "monthly_price": "3900",
            "seats": "1",
            "included_room_hours": "8",
            "notice_months": "1",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.name, plan.monthly_price, plan.included_room_hours, plan.notice_months) == (
        "Flex plus",
        Decimal("3900"),
        8,
        1,
    )


def test_retiring_a_plan_keeps_its_memberships_and_it_can_be_reactivated(
    client, world, fjordkraft_membership
):
    client.force_login(world.cecilie)
    plan = world.flex_plan_a
    assert client.post(url("plan_retire", plan_id=plan.pk)).status_code == 302
    plan.refresh_from_db()
    assert plan.retired_at is not None
    fjordkraft_membership.refresh_from_db()
    assert fjordkraft_membership.plan == plan
    assert fjordkraft_membership.end_date is None
    # Still listed, still counted, still usable for the membership's own actions.
    response = client.get(url("plans"))
    assert [p.active_memberships for p in response.context["plans"] if p.pk == plan.pk] == [1]
    response = client.get(url("detail", membership_id=fjordkraft_membership.pk))
    assert response.status_code == 200
    assert "Retired plan" in response.text
    # Not offered for new memberships.
    response = client.get(url("create"))
    assert plan not in response.context["form"].fields["plan"].queryset
    # And back.
    assert client.post(url("plan_reactivate", plan_id=plan.pk)).status_code == 302
    plan.refresh_from_db()
    assert plan.retired_at is None


def test_retire_is_post_only(client, world):
    client.force_login(world.cecilie)
    assert client.get(url("plan_retire", plan_id=world.flex_plan_a.pk)).status_code == 405


# --- list -----------------------------------------------------------------------------------


def test_list_filters_by_status_plan_and_holder(client, world):
    today = timezone.localdate()
    fixed = PlanFactory(space=world.space_a, name="Fixed", kind="fixed_desk")
    current = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        start_date=today - dt.timedelta(days=40),
    ).membership
    leaving = membership_create(
        space=world.space_a,
        plan=fixed,
        company=world.solo,
        start_date=today - dt.timedelta(days=40),
    ).membership
    membership_give_notice(membership=leaving, given_on=today)
    upcoming = membership_create(
        space=world.space_a,
        plan=fixed,
        member=world.mette_member,
        start_date=today + dt.timedelta(days=10),
    ).membership
    ended = Membership.objects.create(
        space=world.space_a,
        plan=fixed,
        company=world.solo,
        start_date=today - dt.timedelta(days=400),
        end_date=today - dt.timedelta(days=30),
    )
    client.force_login(world.cecilie)

    def pks(**params):
        response = client.get(url("list"), params)
        return {membership.pk for membership in response.context["page"].object_list}

    assert pks() == {current.pk, leaving.pk}
    assert pks(status="notice") == {leaving.pk}
    assert pks(status="upcoming") == {upcoming.pk}
    assert pks(status="ended") == {ended.pk}
    assert pks(status="all") == {current.pk, leaving.pk, upcoming.pk, ended.pk}
    assert pks(status="all", plan=fixed.pk) == {leaving.pk, upcoming.pk, ended.pk}
    assert pks(status="all", holder="mette") == {upcoming.pk}
    assert pks(status="all", holder="fjordkraft") == {current.pk}


def test_list_live_search_returns_the_partial(client, world, fjordkraft_membership):
    client.force_login(world.cecilie)
    response = client.get(
        url("list"), {"status": "all", "holder": "fjord"}, headers={"HX-Request": "true"}
    )
    assert 'id="membership-results"' in response.text
    assert "<html" not in response.text
    assert "Fjordkraft Data AS" in response.text


# --- create ---------------------------------------------------------------------------------


def test_cm_creates_a_company_membership_with_the_plans_seats(client, world):
    client.force_login(world.cecilie)
    response = client.post(
        url("create"),
        {
            "company": world.solo.pk,
            "plan": world.flex_plan_a.pk,
            "start_date": "2026-02-01",
        },
    )
    membership = Membership.objects.get(company=world.solo)
    assert response.status_code == 302
    assert response.url == url("detail", membership_id=membership.pk)
    assert membership.seats == world.flex_plan_a.seats
    assert membership.start_date == dt.date(2026, 2, 1)
    assert membership.events.get().actor == world.cecilie


def test_cm_creates_an_individual_membership(client, world):
    client.force_login(world.cecilie)
    response = client.post(
        url("create"),
        {
            "member": world.mette_member.pk,
            "plan": world.flex_plan_a.pk,
            "seats": "1",
            "start_date": "2026-02-01",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(member=world.mette_member).company is None


def test_create_needs_exactly_one_holder(client, world):
    client.force_login(world.cecilie)
    response = client.post(
        url("create"),
        {
            "company": world.solo.pk,
            "member": world.mette_member.pk,
            "plan": world.flex_plan_a.pk,
            "start_date": "2026-02-01",
        },
    )
    assert response.status_code == 400
    assert "company" in response.context["form"].errors
    assert not Membership.objects.exists()


def test_create_offers_only_this_spaces_active_plans_companies_and_members(client, world):
    retired = PlanFactory(space=world.space_a, name="Retired")
    plan_retire(plan=retired)
    other_plan = PlanFactory(space=world.space_b, name="Other")
    other_company = CompanyFactory(space=world.space_b)
    client.force_login(world.cecilie)
    form = client.get(url("create")).context["form"]
    assert list(form.fields["plan"].queryset) == [world.flex_plan_a]
    assert other_company not in form.fields["company"].queryset
    assert world.sven_member not in form.fields["member"].queryset
    for plan in (retired, other_plan):
        response = client.post(
            url("create"), {"company": world.solo.pk, "plan": plan.pk, "start_date": "2026-02-01"}
        )
        assert response.status_code == 400
        assert "plan" in response.context["form"].errors
    response = client.post(
        url("create"),
        {"company": other_company.pk, "plan": world.flex_plan_a.pk, "start_date": "2026-02-01"},
    )
    assert "company" in response.context["form"].errors
    assert not Membership.objects.exists()


def test_create_prefills_the_company_from_the_company_page(client, world):
    client.force_login(world.cecilie)
    response = client.get(url("create"), {"company": world.solo.pk})
    assert response.context["form"].initial["company"] == world.solo.pk
    assert f'<option value="{world.solo.pk}" selected>' in response.text


def test_seat_policy_warning_is_shown_after_a_membership_pushes_a_company_above(client, world):
    client.force_login(world.cecilie)
    today = timezone.localdate().isoformat()
    response = client.post(
        url("create"),
        {
            "company": world.fjordkraft.pk,
            "plan": world.flex_plan_a.pk,
            "seats": "8",
            "start_date": today,
        },
        follow=True,
    )
    assert "above the space" not in response.text
    response = client.post(
        url("create"),
        {
            "company": world.fjordkraft.pk,
            "plan": world.flex_plan_a.pk,
            "seats": "4",
            "start_date": today,
        },
        follow=True,
    )
    warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "Fjordkraft Data AS now has 12 seats" in str(warnings[0])
    assert "message warning" in response.text
    assert "Fjordkraft Data AS now has 12 seats" in response.text


# --- detail and actions ---------------------------------------------------------------------


def test_detail_shows_the_end_date_notice_would_give_today(client, world, fjordkraft_membership):
    client.force_login(world.cecilie)
    response = client.get(url("detail", membership_id=fjordkraft_membership.pk))
    today = timezone.localdate()
    expected = notice_end_date(notice_given_on=today, notice_months=3)
    assert response.context["notice_end"] == expected
    assert "Started" in response.text  # the history


def test_notice_preview_for_another_date_with_and_without_htmx(
    client, world, fjordkraft_membership
):
    client.force_login(world.cecilie)
    page = url("detail", membership_id=fjordkraft_membership.pk)
    response = client.get(page, {"given_on": "2026-03-10"})
    assert response.context["notice_end"] == dt.date(2026, 6, 30)
    assert "<html" in response.text
    response = client.get(page, {"given_on": "2026-03-10"}, headers={"HX-Request": "true"})
    assert response.text.strip().startswith('<p id="notice-preview"')
    assert "June 30, 2026" in response.text


def test_cm_gives_notice_and_the_end_date_is_stored_and_shown(client, world, fjordkraft_membership):
    client.force_login(world.cecilie)
    response = client.post(
        url("notice", membership_id=fjordkraft_membership.pk),
        {"given_on": "2026-03-10"},
        follow=True,
    )
    fjordkraft_membership.refresh_from_db()
    assert fjordkraft_membership.notice_given_on == dt.date(2026, 3, 10)
    assert fjordkraft_membership.end_date == dt.date(2026, 6, 30)
    assert "The membership ends on June 30, 2026" in response.text
    event = MembershipEvent.objects.filter(membership=fjordkraft_membership).last()
    assert (event.kind, event.actor) == ("notice_given", world.cecilie)


def test_notice_twice_shows_the_error(client, world, fjordkraft_membership):
    membership_give_notice(membership=fjordkraft_membership, given_on=dt.date(2026, 3, 10))
    client.force_login(world.cecilie)
    response = client.post(
        url("notice", membership_id=fjordkraft_membership.pk), {"given_on": "2026-03-12"}
    )
    assert response.status_code == 400
    assert "already given" in response.text


def test_cm_withdraws_notice(client, world, fjordkraft_membership):
    membership_give_notice(membership=fjordkraft_membership, given_on=timezone.localdate())
    client.force_login(world.cecilie)
    response = client.post(url("withdraw_notice", membership_id=fjordkraft_membership.pk))
    assert response.status_code == 302
    fjordkraft_membership.refresh_from_db()
    assert fjordkraft_membership.notice_given_on is None
    assert fjordkraft_membership.end_date is None


def test_cm_changes_plan_and_seats_from_a_date(client, world, fjordkraft_membership):
    fixed = PlanFactory(space=world.space_a, name="Fixed", kind="fixed_desk")
    client.force_login(world.cecilie)
    response = client.post(
        url("change", membership_id=fjordkraft_membership.pk),
        {
            "plan": fixed.pk,
            "seats": "6",
            "effective_date": "2026-04-01",
        },
    )
    assert response.status_code == 302
    fjordkraft_membership.refresh_from_db()
    assert (fjordkraft_membership.plan, fjordkraft_membership.seats) == (fixed, 6)
    kinds = list(fjordkraft_membership.events.values_list("kind", "effective_date"))
    assert kinds[-2:] == [
        ("plan_changed", dt.date(2026, 4, 1)),
        ("seats_changed", dt.date(2026, 4, 1)),
    ]


def test_change_above_the_seat_policy_warns(client, world, fjordkraft_membership):
    client.force_login(world.cecilie)
    response = client.post(
        url("change", membership_id=fjordkraft_membership.pk),
        {
            "plan": world.flex_plan_a.pk,
            "seats": "14",
            "effective_date": timezone.localdate().isoformat(),
        },
        follow=True,
    )
    assert "Fjordkraft Data AS now has 14 seats" in response.text


def test_change_with_nothing_to_change_shows_the_error_on_the_plan(
    client, world, fjordkraft_membership
):
    client.force_login(world.cecilie)
    response = client.post(
        url("change", membership_id=fjordkraft_membership.pk),
        {
            "plan": world.flex_plan_a.pk,
            "seats": "4",
            "effective_date": "2026-04-01",
        },
    )
    assert response.status_code == 400
    assert "plan" in response.context["change_form"].errors


def test_cm_ends_a_membership_and_it_is_kept(client, world, fjordkraft_membership):
    client.force_login(world.cecilie)
    response = client.post(
        url("end", membership_id=fjordkraft_membership.pk), {"end_date": "2026-02-28"}
    )
    assert response.status_code == 302
    fjordkraft_membership.refresh_from_db()
    assert fjordkraft_membership.end_date == dt.date(2026, 2, 28)
    assert fjordkraft_membership.events.last().kind == "ended"
    assert client.get(url("detail", membership_id=fjordkraft_membership.pk)).status_code == 200


def test_ending_before_the_start_shows_the_error_on_the_date(client, world, fjordkraft_membership):
    client.force_login(world.cecilie)
    response = client.post(
        url("end", membership_id=fjordkraft_membership.pk), {"end_date": "2025-12-01"}
    )
    assert response.status_code == 400
    assert "end_date" in response.context["end_form"].errors
    fjordkraft_membership.refresh_from_db()
    assert fjordkraft_membership.end_date is None
