"""Reads for the community manager's pages: which spaces a user runs, the dashboard,
the invitations of a space."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.core.permissions import staff_spaces
from kollega.members.models import Interest, Invitation, Member, MemberStatus
from kollega.members.selectors import InvitationStatus, invitation_list
from kollega.memberships.models import Membership, PlanKind
from kollega.memberships.selectors import companies_over_seat_limit, membership_list
from kollega.spaces.models import Operator, Space

ENDING_SOON_DAYS = 90
DASHBOARD_LIST_LENGTH = 8


def space_today(*, space: Space) -> dt.date:
    """Today's date where the space is."""
    return timezone.localdate(timezone=space.tzinfo)


def space_get_for_staff(*, user: User, slug: str) -> Space | None:
    """The space with this slug if the user manages it, else None (never say it exists)."""
    return staff_spaces(user=user).filter(slug=slug).select_related("operator").first()


def operators_administered(*, user: User) -> QuerySet[Operator]:
    """Operators in whose name the user may open new spaces."""
    if not user.is_authenticated:
        return Operator.objects.none()
    if user.is_superuser:
        return Operator.objects.order_by("name")
    return Operator.objects.filter(admins=user).order_by("name")


@dataclass
class SeatUse:
    kind: str
    label: str
    seats: int
    memberships: int


@dataclass
class Dashboard:
    today: dt.date
    active_members: int
    companies: int
    active_memberships: int
    seats_in_use: int
    desk_seats_in_use: int
    seats_by_kind: list[SeatUse]
    ending_soon: list[Membership]
    over_limit: list[tuple[Company, int]]
    pending_invitations: list[Invitation]
    pending_invitation_count: int
    newest_members: list[Member]
    max_seats_per_company: int | None = None

    @property
    def community_passes(self) -> int:
        return self.seats_in_use - self.desk_seats_in_use


def space_dashboard(*, space: Space, today: dt.date | None = None) -> Dashboard:
    """Everything on the CM's start page, in a fixed number of queries."""
    today = today or space_today(space=space)
    by_kind: dict[str, Mapping[str, Any]] = {
        row["plan__kind"]: row
        for row in membership_list(space=space, current_on=today)
        .order_by()
        .values("plan__kind")
        .annotate(seats=Sum("seats"), count=Count("id"))
    }
    seats_by_kind = [
        SeatUse(
            kind=kind.value,
            label=str(kind.label),
            seats=int(by_kind.get(kind.value, {}).get("seats") or 0),
            memberships=int(by_kind.get(kind.value, {}).get("count") or 0),
        )
        for kind in PlanKind
    ]
    desk_kinds = {PlanKind.PRIVATE_OFFICE, PlanKind.FIXED_DESK, PlanKind.FLEX}
    pending = invitation_list(space=space, status=InvitationStatus.PENDING)
    return Dashboard(
        today=today,
        active_members=Member.objects.filter(space=space, status=MemberStatus.ACTIVE).count(),
        companies=Company.objects.filter(space=space, archived_at__isnull=True).count(),
        active_memberships=sum(use.memberships for use in seats_by_kind),
        seats_in_use=sum(use.seats for use in seats_by_kind),
        desk_seats_in_use=sum(use.seats for use in seats_by_kind if use.kind in desk_kinds),
        seats_by_kind=seats_by_kind,
        ending_soon=list(
            membership_list(space=space, current_on=today)
            .filter(
                notice_given_on__isnull=False,
                end_date__lte=today + dt.timedelta(days=ENDING_SOON_DAYS),
            )
            .order_by("end_date", "id")
        ),
        over_limit=companies_over_seat_limit(space=space, on=today),
        pending_invitations=list(pending[:DASHBOARD_LIST_LENGTH]),
        pending_invitation_count=pending.count(),
        newest_members=list(
            Member.objects.filter(space=space, status=MemberStatus.ACTIVE)
            .select_related("user", "company")
            .order_by("-joined_at", "-pk")[:DASHBOARD_LIST_LENGTH]
        ),
        max_seats_per_company=space.max_seats_per_company,
    )


def invitation_get_for_space(*, space: Space, invitation_id: int) -> Invitation | None:
    return (
        Invitation.objects.filter(space=space, pk=invitation_id)
        .select_related("space", "company")
        .first()
    )


def space_interests(*, space: Space) -> QuerySet[Interest]:
    """Interests that some member of the space has, for the members list filter."""
    return (
        Interest.objects.filter(profiles__user__memberships_in_spaces__space=space)
        .distinct()
        .order_by("name")
    )


def space_companies(*, space: Space, include_archived: bool = False) -> QuerySet[Company]:
    companies = Company.objects.filter(space=space)
    if not include_archived:
        companies = companies.filter(archived_at__isnull=True)
    return companies.order_by("name")


def space_members_for_choice(*, space: Space) -> QuerySet[Member]:
    """Active members, for choosing the holder of an individual membership."""
    return (
        Member.objects.filter(space=space, status=MemberStatus.ACTIVE)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
