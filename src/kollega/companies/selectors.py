from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from kollega.companies.models import Company
from kollega.members.models import MemberStatus
from kollega.spaces.models import Space


def company_list(
    *, space: Space, query: str = "", industry: str = "", stage: str = "",
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
