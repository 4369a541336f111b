"""Reads about members: the directory and what a viewer may see of a profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Case, CharField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.core.permissions import viewer_level
from kollega.members.models import (
    VISIBLE_FIELDS,
    Invitation,
    Member,
    MemberStatus,
    Profile,
    Visibility,
)
from kollega.members.search import query_keys
from kollega.spaces.models import Space

# Which visibility levels each kind of viewer may see.
_LEVELS_SEEN: dict[str, set[str]] = {
    "self": {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.STAFF},
    "staff": {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.STAFF},
    "members": {Visibility.PUBLIC, Visibility.MEMBERS},
    "public": {Visibility.PUBLIC},
}


@dataclass
class DirectoryFilters:
    query: str = ""
    company_id: int | None = None
    industry: str = ""
    stage: str = ""
    interest_id: int | None = None
    include_former: bool = False


def member_directory_search(
    *, space: Space, filters: DirectoryFilters, staff: bool = False
) -> QuerySet[Member]:
    """Members of a space matching a free-text query and filters, by name.

    The query is folded so that Nordic cognates match (see members/search.py); each query
    word must match a name, company, headline, offer, need or interest the viewer may see.
    Staff search every field, members only what members may see.
    """
    members = (
        Member.objects.filter(space=space)
        .select_related("user", "user__profile", "company")
        .prefetch_related("user__profile__interests")
    )
    if not (staff and filters.include_former):
        members = members.filter(status=MemberStatus.ACTIVE)
    column = "search_staff" if staff else "search_members"
    for key in query_keys(filters.query):
        members = members.filter(**{f"{column}__contains": key})
    if filters.company_id is not None:
        members = members.filter(company_id=filters.company_id)
    if filters.industry:
        members = members.filter(company__industry=filters.industry)
    if filters.stage:
        members = members.filter(company__stage=filters.stage)
    if filters.interest_id is not None:
        members = members.filter(user__profile__interests=filters.interest_id)
        if not staff:
            members = members.exclude(user__profile__visibility__interests=Visibility.STAFF)
    return members.order_by("user__full_name", "pk")


@dataclass
class ProfileView:
    """The parts of a member's profile one viewer may see."""

    member: Member
    level: str
    fields: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.fields.get(name)


def profile_visible_fields(*, profile: Profile | None, level: str) -> dict[str, Any]:
    if profile is None:
        return {}
    seen = _LEVELS_SEEN[level]
    values: dict[str, Any] = {}
    for name in VISIBLE_FIELDS:
        if profile.visibility_of(name) not in seen:
            continue
        if name == "interests":
            values[name] = [interest.name for interest in profile.interests.all()]
        elif name == "email":
            values[name] = profile.user.email
        elif name == "photo":
            values[name] = bool(profile.photo)
        else:
            values[name] = getattr(profile, name)
    return values


def member_profile_view(*, member: Member, viewer: User) -> ProfileView:
    level = viewer_level(user=viewer, member=member)
    profile = (
        Profile.objects.filter(user_id=member.user_id)
        .select_related("user")
        .prefetch_related("interests")
        .first()
    )
    return ProfileView(
        member=member, level=level, fields=profile_visible_fields(profile=profile, level=level)
    )


def member_get_for_viewer(*, member_id: int, viewer: User) -> Member | None:
    """A member the viewer may look at: anyone in a space where the viewer is member or staff
    (former members only for staff), and for outsiders only profiles with public fields."""
    member = Member.objects.select_related("user", "company", "space").filter(pk=member_id).first()
    if member is None:
        return None
    level = viewer_level(user=viewer, member=member)
    if level == "public":
        # Outsiders see a profile only if the member made some of it public.
        profile = Profile.objects.filter(user_id=member.user_id).first()
        visibility = profile.visibility if profile is not None else {}
        if member.status != MemberStatus.ACTIVE or Visibility.PUBLIC not in visibility.values():
            return None
        return member
    if member.status != MemberStatus.ACTIVE and level not in {"staff", "self"}:
        return None
    return member


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


def invitation_list(
    *, space: Space, status: str = "", company: Company | None = None
) -> QuerySet[Invitation]:
    """A space's invitations, newest first, each annotated with its `status`."""
    now = timezone.now()
    invitations = (
        Invitation.objects.filter(space=space)
        .select_related("company", "invited_by", "accepted_member__user")
        .annotate(
            status=Case(
                When(accepted_at__isnull=False, then=Value(InvitationStatus.ACCEPTED)),
                When(revoked_at__isnull=False, then=Value(InvitationStatus.REVOKED)),
                When(expires_at__lt=now, then=Value(InvitationStatus.EXPIRED)),
                default=Value(InvitationStatus.PENDING),
                output_field=CharField(),
            )
        )
    )
    if company is not None:
        invitations = invitations.filter(company=company)
    if status == InvitationStatus.PENDING:
        invitations = invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gte=now
        )
    elif status == InvitationStatus.ACCEPTED:
        invitations = invitations.filter(accepted_at__isnull=False)
    elif status == InvitationStatus.REVOKED:
        invitations = invitations.filter(accepted_at__isnull=True, revoked_at__isnull=False)
    elif status == InvitationStatus.EXPIRED:
        invitations = invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lt=now
        )
    return invitations.order_by("-created_at", "-pk")


def invitation_account_exists(*, invitation: Invitation) -> bool:
    """Whether someone already has an account with the invited address (they sign in first)."""
    return User.objects.filter(email__iexact=invitation.email).exists()


def member_get_own(*, user: User, space: Space) -> Member | None:
    """The user's own active membership of `space`, if any."""
    return (
        Member.objects.filter(space=space, user=user, status=MemberStatus.ACTIVE)
        .select_related("space", "user", "company")
        .first()
    )


def member_get_own_by_slug(*, user: User, slug: str) -> Member | None:
    """The user's own active membership of the space with this slug, if any, with its space
    and user (not its company): one query where `space_for_viewer` and `member_get_own` take
    up to four (an active member may see their space)."""
    return (
        Member.objects.filter(space__slug=slug, user=user, status=MemberStatus.ACTIVE)
        .select_related("space", "user")
        .first()
    )


def member_get_active(*, space: Space, member_id: int) -> Member | None:
    """An active member of `space` by id, if there is one."""
    return (
        Member.objects.filter(space=space, pk=member_id, status=MemberStatus.ACTIVE)
        .select_related("space", "user", "company")
        .first()
    )


def member_language(*, member: Member) -> str:
    """The language a member reads messages in: their own choice, else the space's first
    language (one of the UI languages), else English."""
    from django.conf import settings

    known = {code for code, _name in settings.LANGUAGES}
    for code in (member.user.preferred_language, *(member.space.languages or [])):
        if code in known:
            return str(code)
    return "en"
