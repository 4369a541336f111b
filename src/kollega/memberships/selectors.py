from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from kollega.companies.models import Company
from kollega.memberships.models import Membership, MembershipEvent, Plan, running_on
from kollega.spaces.models import Space


def plan_list(*, space: Space, include_retired: bool = True) -> QuerySet[Plan]:
    plans = Plan.objects.filter(space=space)
    if not include_retired:
        plans = plans.filter(retired_at__isnull=True)
    return plans.order_by("retired_at", "monthly_price", "name")


def membership_list(*, space: Space, current_on: dt.date | None = None) -> QuerySet[Membership]:
    memberships = Membership.objects.filter(space=space).select_related(
        "plan", "company", "member__user"
    )
    if current_on is not None:
        memberships = memberships.filter(running_on(current_on))
    return memberships


def companies_over_seat_limit(*, space: Space, on: dt.date) -> list[tuple[Company, int]]:
    """Companies above the space's seat policy, with their seat count, most seats first."""
    if space.max_seats_per_company is None:
        return []
    current = running_on(on, prefix="memberships__")
    companies = (
        Company.objects.filter(space=space, archived_at__isnull=True)
        .annotate(seats_in_use=Sum("memberships__seats", filter=current))
        .filter(seats_in_use__gt=space.max_seats_per_company)
        .order_by("-seats_in_use", "name")
    )
    return [(company, int(company.seats_in_use)) for company in companies]


# --- for the community manager's pages ------------------------------------------------------


class MembershipFilter(models.TextChoices):
    CURRENT = "current", _("Current (incl. notice given)")
    NOTICE = "notice", _("Notice given")
    UPCOMING = "upcoming", _("Starts later")
    ENDED = "ended", _("Ended")
    ALL = "all", _("All")


def plan_list_with_usage(*, space: Space, on: dt.date) -> QuerySet[Plan]:
    """All plans of a space, retired last, each with `active_memberships` running on `on`."""
    current = running_on(on, prefix="memberships__")
    return plan_list(space=space).annotate(active_memberships=Count("memberships", filter=current))


def membership_search(
    *,
    space: Space,
    on: dt.date,
    status: str = MembershipFilter.CURRENT,
    plan_id: int | None = None,
    holder: str = "",
    company_id: int | None = None,
) -> QuerySet[Membership]:
    """Memberships of a space by status on a day, plan and holder (company or person)."""
    memberships = membership_list(space=space)
    running = running_on(on)
    if status == MembershipFilter.CURRENT:
        memberships = memberships.filter(running)
    elif status == MembershipFilter.NOTICE:
        memberships = memberships.filter(running, notice_given_on__isnull=False)
    elif status == MembershipFilter.UPCOMING:
        memberships = memberships.filter(start_date__gt=on)
    elif status == MembershipFilter.ENDED:
        memberships = memberships.filter(end_date__lt=on)
    if plan_id is not None:
        memberships = memberships.filter(plan_id=plan_id)
    if company_id is not None:
        memberships = memberships.filter(company_id=company_id)
    holder = holder.strip()
    if holder:
        memberships = memberships.filter(
            Q(company__name__icontains=holder)
            | Q(company__org_number__icontains=holder)
            | Q(member__user__full_name__icontains=holder)
            | Q(member__user__email__icontains=holder)
        )
    return memberships.order_by("-start_date", "-pk")


def membership_get_for_space(*, space: Space, membership_id: int) -> Membership | None:
    """One membership of the space with its plan, holder and history (events with actors)."""
    return (
        Membership.objects.filter(space=space, pk=membership_id)
        .select_related("space", "plan", "company", "member__user")
        .prefetch_related(
            Prefetch("events", queryset=MembershipEvent.objects.select_related("actor"))
        )
        .first()
    )
