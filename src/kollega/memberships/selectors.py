from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet, Sum

from kollega.companies.models import Company
from kollega.memberships.models import Membership, Plan
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
        memberships = memberships.filter(start_date__lte=current_on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=current_on)
        )
    return memberships


def companies_over_seat_limit(*, space: Space, on: dt.date) -> list[tuple[Company, int]]:
    """Companies above the space's seat policy, with their seat count, most seats first."""
    if space.max_seats_per_company is None:
        return []
    current = Q(memberships__start_date__lte=on) & (
        Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=on)
    )
    companies = (
        Company.objects.filter(space=space, archived_at__isnull=True)
        .annotate(seats_in_use=Sum("memberships__seats", filter=current))
        .filter(seats_in_use__gt=space.max_seats_per_company)
        .order_by("-seats_in_use", "name")
    )
    return [(company, int(company.seats_in_use)) for company in companies]
