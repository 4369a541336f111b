"""Who may do what, object by object. Views and API endpoints ask here, never inline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    from kollega.accounts.models import User
    from kollega.companies.models import Company
    from kollega.members.models import Member
    from kollega.spaces.models import Space


def staff_spaces(*, user: User) -> QuerySet[Space]:
    """Spaces the user manages: as staff of the space or as admin of its operator."""
    from kollega.spaces.models import Space

    if not user.is_authenticated:
        return Space.objects.none()
    if user.is_superuser:
        return Space.objects.all()
    return Space.objects.filter(Q(staff__user=user) | Q(operator__admins=user)).distinct()


def member_spaces(*, user: User) -> QuerySet[Space]:
    """Spaces where the user is an active member."""
    from kollega.members.models import MemberStatus
    from kollega.spaces.models import Space

    if not user.is_authenticated:
        return Space.objects.none()
    return Space.objects.filter(members__user=user, members__status=MemberStatus.ACTIVE).distinct()


def is_space_staff(*, user: User, space: Space) -> bool:
    if not user.is_authenticated:
        return False
    return staff_spaces(user=user).filter(pk=space.pk).exists()


def is_space_member(*, user: User, space: Space) -> bool:
    return member_spaces(user=user).filter(pk=space.pk).exists()


def can_view_space(*, user: User, space: Space) -> bool:
    return is_space_staff(user=user, space=space) or is_space_member(user=user, space=space)


def can_manage_company(*, user: User, company: Company) -> bool:
    """Staff of the company's space, or an active contact person of that very company."""
    from kollega.members.models import MemberStatus

    if is_space_staff(user=user, space=company.space):
        return True
    return company.people.filter(
        user=user, is_company_contact=True, status=MemberStatus.ACTIVE
    ).exists()


def viewer_level(*, user: User, member: Member) -> str:
    """How much of `member`'s profile `user` may see: 'self', 'staff', 'members' or 'public'."""
    if user.is_authenticated and member.user_id == user.pk:
        return "self"
    if is_space_staff(user=user, space=member.space):
        return "staff"
    if is_space_member(user=user, space=member.space):
        return "members"
    return "public"
