"""Plans and memberships: every write goes through here and leaves a history entry."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.members.models import Member
from kollega.memberships.models import (
    Membership,
    MembershipEvent,
    MembershipEventKind,
    Plan,
    PlanKind,
    running_on,
)
from kollega.spaces.models import Space


@dataclass
class MembershipResult:
    membership: Membership
    warnings: list[str] = field(default_factory=list)


def notice_end_date(*, notice_given_on: dt.date, notice_months: int) -> dt.date:
    """The last day of a membership given notice on `notice_given_on`.

    The notice period runs from the end of the month in which notice is given (the usual
    practice in Nordic office agreements): three months' notice given on 15 January ends
    on 30 April; with no notice period it ends on the last day of the same month.
    """
    month_index = notice_given_on.month - 1 + notice_months
    year = notice_given_on.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def membership_notice_end_date(*, membership: Membership, given_on: dt.date) -> dt.date:
    """The end date that giving notice on `given_on` sets: never before the start date."""
    end = notice_end_date(notice_given_on=given_on, notice_months=membership.plan.notice_months)
    return max(end, membership.start_date)


def _event(
    *,
    membership: Membership,
    kind: str,
    effective_date: dt.date,
    actor: User | None,
    details: dict[str, object] | None = None,
) -> None:
    MembershipEvent.objects.create(
        membership=membership,
        kind=kind,
        effective_date=effective_date,
        actor=actor,
        details=details or {},
    )


@transaction.atomic
def plan_create(
    *,
    space: Space,
    name: str,
    kind: str,
    monthly_price: Decimal,
    seats: int = 1,
    included_room_hours: int = 0,
    notice_months: int = 3,
    description: str = "",
) -> Plan:
    plan = Plan(
        space=space,
        name=name,
        kind=kind,
        monthly_price=monthly_price,
        currency=space.currency,
        seats=seats,
        included_room_hours=included_room_hours,
        notice_months=notice_months,
        description=description,
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, **changes: object) -> Plan:
    """Change a plan's terms. Existing memberships keep the plan; its new terms apply to them."""
    allowed = {
        "name",
        "kind",
        "monthly_price",
        "seats",
        "included_room_hours",
        "notice_months",
        "description",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_retire(*, plan: Plan) -> Plan:
    """No new memberships on this plan; existing ones go on unchanged."""
    if plan.retired_at is None:
        plan.retired_at = timezone.now()
        plan.save(update_fields=["retired_at"])
    return plan


@transaction.atomic
def plan_reactivate(*, plan: Plan) -> Plan:
    plan.retired_at = None
    plan.save(update_fields=["retired_at"])
    return plan


def _check_plan_usable(*, plan: Plan, space: Space) -> None:
    if plan.space_id != space.pk:
        raise ValidationError({"plan": _("This plan belongs to another space.")})
    if plan.is_retired:
        raise ValidationError({"plan": _("The plan “%(plan)s” is retired.") % {"plan": plan}})


def company_seats_in_use(*, company: Company, on: dt.date) -> int:
    total = Membership.objects.filter(running_on(on), company=company).aggregate(
        total=Sum("seats")
    )["total"]
    return int(total or 0)


def seat_policy_warnings(*, company: Company, on: dt.date) -> list[str]:
    limit = company.space.max_seats_per_company
    if limit is None:
        return []
    seats = company_seats_in_use(company=company, on=on)
    if seats <= limit:
        return []
    return [
        _(
            "%(company)s now has %(seats)d seats, above the space's maximum of %(limit)d "
            "seats per company."
        )
        % {"company": company.name, "seats": seats, "limit": limit}
    ]


@transaction.atomic
def membership_create(
    *,
    space: Space,
    plan: Plan,
    start_date: dt.date,
    seats: int | None = None,
    company: Company | None = None,
    member: Member | None = None,
    actor: User | None = None,
) -> MembershipResult:
    """Start a membership for a company or for one member (exactly one of the two)."""
    if (company is None) == (member is None):
        raise ValidationError(
            {"company": _("A membership is held either by a company or by one member.")}
        )
    _check_plan_usable(plan=plan, space=space)
    if company is not None and company.space_id != space.pk:
        raise ValidationError({"company": _("This company belongs to another space.")})
    if member is not None and member.space_id != space.pk:
        raise ValidationError({"member": _("This member belongs to another space.")})
    membership = Membership(
        space=space,
        plan=plan,
        company=company,
        member=member,
        seats=seats if seats is not None else plan.seats,
        start_date=start_date,
    )
    membership.full_clean()
    membership.save()
    _event(
        membership=membership,
        kind=MembershipEventKind.CREATED,
        effective_date=start_date,
        actor=actor,
        details={"plan": plan.name, "seats": membership.seats},
    )
    warnings = seat_policy_warnings(company=company, on=start_date) if company else []
    return MembershipResult(membership=membership, warnings=warnings)


def _lock(membership: Membership) -> Membership:
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to company.
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("plan", "company__space")
        .get(pk=membership.pk)
    )


def _check_not_ended(membership: Membership, today: dt.date) -> None:
    if membership.end_date is not None and membership.end_date < today:
        raise ValidationError(_("This membership has already ended."))


@transaction.atomic
def membership_give_notice(
    *, membership: Membership, given_on: dt.date | None = None, actor: User | None = None
) -> MembershipResult:
    """Record notice; the end date follows from the plan's notice period."""
    membership = _lock(membership)
    given_on = given_on or timezone.localdate()
    _check_not_ended(membership, given_on)
    if membership.notice_given_on is not None:
        raise ValidationError(
            _("Notice was already given on %(date)s.") % {"date": membership.notice_given_on}
        )
    membership.notice_given_on = given_on
    membership.end_date = membership_notice_end_date(membership=membership, given_on=given_on)
    membership.save(update_fields=["notice_given_on", "end_date"])
    _event(
        membership=membership,
        kind=MembershipEventKind.NOTICE_GIVEN,
        effective_date=given_on,
        actor=actor,
        details={"end_date": membership.end_date.isoformat()},
    )
    return MembershipResult(membership=membership)


@transaction.atomic
def membership_withdraw_notice(
    *, membership: Membership, actor: User | None = None
) -> MembershipResult:
    membership = _lock(membership)
    today = timezone.localdate()
    _check_not_ended(membership, today)
    if membership.notice_given_on is None:
        raise ValidationError(_("No notice has been given for this membership."))
    membership.notice_given_on = None
    membership.end_date = None
    membership.save(update_fields=["notice_given_on", "end_date"])
    _event(
        membership=membership,
        kind=MembershipEventKind.NOTICE_WITHDRAWN,
        effective_date=today,
        actor=actor,
    )
    return MembershipResult(membership=membership)


@transaction.atomic
def membership_change_plan(
    *,
    membership: Membership,
    plan: Plan,
    seats: int | None = None,
    effective_date: dt.date | None = None,
    actor: User | None = None,
) -> MembershipResult:
    """Move a membership to another plan (and/or seat count). The change is kept in its history."""
    membership = _lock(membership)
    effective_date = effective_date or timezone.localdate()
    _check_not_ended(membership, effective_date)
    if plan.pk != membership.plan_id:
        _check_plan_usable(plan=plan, space=membership.space)
    new_seats = seats if seats is not None else membership.seats
    if new_seats < 1:
        raise ValidationError({"seats": _("A membership needs at least one seat.")})
    if plan.pk == membership.plan_id and new_seats == membership.seats:
        raise ValidationError({"plan": _("Nothing to change: same plan and seats.")})
    old_plan, old_seats = membership.plan, membership.seats
    membership.plan = plan
    membership.seats = new_seats
    membership.full_clean()
    membership.save(update_fields=["plan", "seats"])
    if plan.pk != old_plan.pk:
        _event(
            membership=membership,
            kind=MembershipEventKind.PLAN_CHANGED,
            effective_date=effective_date,
            actor=actor,
            details={"from": old_plan.name, "to": plan.name, "seats": new_seats},
        )
    if new_seats != old_seats:
        _event(
            membership=membership,
            kind=MembershipEventKind.SEATS_CHANGED,
            effective_date=effective_date,
            actor=actor,
            details={"from": old_seats, "to": new_seats},
        )
    warnings = (
        seat_policy_warnings(company=membership.company, on=effective_date)
        if membership.company is not None
        else []
    )
    return MembershipResult(membership=membership, warnings=warnings)


@transaction.atomic
def membership_end(
    *, membership: Membership, end_date: dt.date | None = None, actor: User | None = None
) -> MembershipResult:
    """End a membership on a given day (today by default), e.g. by agreement. Kept in history."""
    membership = _lock(membership)
    end_date = end_date or timezone.localdate()
    if end_date < membership.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    if membership.end_date is not None and membership.end_date < timezone.localdate():
        raise ValidationError(_("This membership has already ended."))
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    _event(
        membership=membership, kind=MembershipEventKind.ENDED, effective_date=end_date, actor=actor
    )
    return MembershipResult(membership=membership)


def plan_kinds_with_desk() -> set[str]:
    return {PlanKind.PRIVATE_OFFICE, PlanKind.FIXED_DESK, PlanKind.FLEX}
