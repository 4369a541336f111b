from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from kollega.companies.models import Company
from kollega.members.models import Member, MemberStatus
from kollega.memberships.models import Membership, MembershipEvent
from kollega.spaces.models import Space


def company_list(
    *,
    space: Space,
    query: str = "",
    industry: str = "",
    stage: str = "",
    include_archived: bool = False,
) -> QuerySet[Company]:
    companies = Company.objects.filter(space=space).annotate(
        people_count=Count("people", filter=Q(people__status=MemberStatus.ACTIVE))
    )
    if not include_archived:
        companies = companies.filter(archived_at__isnull=True)
    if query:
        companies = companies.filter(Q(name__icontains=query) | Q(org_number__icontains=query))
    if industry:
        companies = companies.filter(industry=industry)
    if stage:
        companies = companies.filter(stage=stage)
    return companies.order_by("name")


@dataclass
class CompanyOverview:
    """What the community manager sees on a company's page."""

    company: Company
    people: list[Member]
    former_people: list[Member]
    memberships: list[Membership]
    seats_in_use: int
    seat_limit: int | None

    @property
    def above_seat_limit(self) -> bool:
        return self.seat_limit is not None and self.seats_in_use > self.seat_limit


def company_get_for_space(*, space: Space, company_id: int) -> Company | None:
    return Company.objects.filter(space=space, pk=company_id).select_related("space").first()


def company_overview(*, company: Company, on: dt.date) -> CompanyOverview:
    """A company's people (contact persons first), its memberships with their history, and
    its seats in use on `on` against the space's seat policy."""
    from kollega.memberships.services import company_seats_in_use

    people = list(
        Member.objects.filter(company=company)
        .select_related("user")
        .order_by("-is_company_contact", "user__full_name", "pk")
    )
    memberships = list(
        Membership.objects.filter(company=company)
        .select_related("plan")
        .prefetch_related(
            Prefetch("events", queryset=MembershipEvent.objects.select_related("actor"))
        )
        .order_by("-start_date", "-pk")
    )
    return CompanyOverview(
        company=company,
        people=[person for person in people if person.status == MemberStatus.ACTIVE],
        former_people=[person for person in people if person.status != MemberStatus.ACTIVE],
        memberships=memberships,
        seats_in_use=company_seats_in_use(company=company, on=on),
        seat_limit=company.space.max_seats_per_company,
    )
