from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kollega.memberships.models import MembershipEvent, MembershipStatus
from kollega.memberships.selectors import companies_over_seat_limit, membership_search
from kollega.memberships.services import (
    membership_change_plan,
    membership_create,
    membership_end,
    membership_give_notice,
    notice_end_date,
    plan_create,
    plan_retire,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("given", "months", "end"),
    [
        (dt.date(2026, 1, 15), 3, dt.date(2026, 4, 30)),
        (dt.date(2026, 11, 1), 3, dt.date(2027, 2, 28)),
        (dt.date(2027, 11, 30), 3, dt.date(2028, 2, 29)),
        (dt.date(2026, 6, 10), 0, dt.date(2026, 6, 30)),
        (dt.date(2026, 12, 31), 1, dt.date(2027, 1, 31)),
    ],
)
def test_notice_runs_from_the_end_of_the_month_notice_is_given(given, months, end):
    assert notice_end_date(notice_given_on=given, notice_months=months) == end


def test_plan_takes_the_space_currency_and_can_be_retired_without_touching_memberships(world):
    plan = plan_create(
        space=world.space_b,
        name="Fast plass",
        kind="fixed_desk",
        monthly_price=Decimal("4200"),
        seats=1,
    )
    assert plan.currency == "SEK"
    company = world.space_b.companies.create(name="Bygg AB", stage="established")
    result = membership_create(
        space=world.space_b, plan=plan, company=company, start_date=dt.date(2026, 1, 1)
    )
    plan_retire(plan=plan)
    result.membership.refresh_from_db()
    assert result.membership.plan == plan
    with pytest.raises(ValidationError, match="retired"):
        membership_create(
            space=world.space_b, plan=plan, company=company, start_date=dt.date(2026, 2, 1)
        )


def test_notice_sets_end_date_and_history_is_kept(world):
    result = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        start_date=dt.date(2026, 1, 1),
        seats=3,
        actor=world.cecilie,
    )
    membership = membership_give_notice(
        membership=result.membership, given_on=dt.date(2026, 3, 10)
    ).membership
    assert membership.end_date == dt.date(2026, 6, 30)
    assert membership.status_on(dt.date(2026, 5, 1)) == MembershipStatus.NOTICE
    assert membership.status_on(dt.date(2026, 7, 1)) == MembershipStatus.ENDED
    kinds = list(
        MembershipEvent.objects.filter(membership=membership).values_list("kind", flat=True)
    )
    assert kinds == ["created", "notice_given"]


def test_seat_policy_warns_when_a_company_goes_above_the_maximum(world):
    start = dt.date(2026, 1, 1)
    first = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        start_date=start,
        seats=8,
    )
    assert first.warnings == []
    second = membership_change_plan(
        membership=first.membership, plan=world.flex_plan_a, seats=12, effective_date=start
    )
    assert "12 seats" in second.warnings[0]
    assert companies_over_seat_limit(space=world.space_a, on=start) == [(world.fjordkraft, 12)]
    membership_end(membership=first.membership, end_date=dt.date(2026, 1, 31))
    assert companies_over_seat_limit(space=world.space_a, on=dt.date(2026, 2, 1)) == []


def test_membership_needs_exactly_one_holder(world):
    with pytest.raises(ValidationError):
        membership_create(
            space=world.space_a, plan=world.flex_plan_a, start_date=dt.date(2026, 1, 1)
        )


def test_membership_search_filters_by_status_on_a_day_and_by_company(world):
    day = dt.date(2026, 6, 1)
    fjord = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        start_date=dt.date(2026, 1, 1),
    ).membership
    solo = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.solo,
        start_date=dt.date(2026, 1, 1),
    ).membership
    membership_give_notice(membership=solo, given_on=dt.date(2026, 5, 20))  # ends 31 August
    later = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        member=world.mette_member,
        start_date=dt.date(2026, 7, 1),
    ).membership

    def pks(**filters):
        return {m.pk for m in membership_search(space=world.space_a, on=day, **filters)}

    assert pks() == {fjord.pk, solo.pk}
    assert pks(status="notice") == {solo.pk}
    assert pks(status="upcoming") == {later.pk}
    assert pks(status="all", company_id=world.solo.pk) == {solo.pk}
    assert pks(status="ended") == set()
    assert {
        m.pk for m in membership_search(space=world.space_a, on=dt.date(2026, 9, 1), status="ended")
    } == {solo.pk}


def test_absurd_terms_are_refused_on_the_field_that_is_wrong(world):
    with pytest.raises(ValidationError) as error:
        plan_create(
            space=world.space_a,
            name="Forever",
            kind="flex",
            monthly_price=Decimal("100"),
            notice_months=1000,
        )
    assert "notice_months" in error.value.message_dict
    result = membership_create(
        space=world.space_a,
        plan=world.flex_plan_a,
        company=world.fjordkraft,
        start_date=dt.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        membership_change_plan(
            membership=result.membership, plan=world.flex_plan_a, seats=2_000_000
        )
    assert "seats" in error.value.message_dict
    result.membership.refresh_from_db()
    assert result.membership.seats == 1
