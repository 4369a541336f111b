"""The member directory and profiles, showing only what the caller may see of each profile."""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kollega.api.errors import ERRORS
from kollega.api.routers.common import (
    Id,
    MappedQuerySet,
    Pagination,
    Ref,
    Slug,
    Text,
    current_user,
    ensure_viewer,
    space_for_viewer,
)
from kollega.companies.models import Industry, Stage
from kollega.core.permissions import is_space_staff
from kollega.members.models import Member, MemberStatus, Profile
from kollega.members.selectors import (
    DirectoryFilters,
    member_directory_search,
    member_get_for_viewer,
    member_profile_view,
    profile_visible_fields,
)

router = Router(tags=["members"])


class ProfileOut(Schema):
    """A profile as the caller may see it: fields the member keeps from the caller are left
    out (members never see another member's staff-only fields; staff see all)."""

    photo: bool | None = Field(None, description="Whether the member has a photo.")
    headline: str | None = None
    bio: str | None = None
    languages: list[str] | None = None
    offers: list[str] | None = Field(None, description="What the member can help with.")
    needs: list[str] | None = Field(None, description="What the member is looking for.")
    interests: list[str] | None = None
    presence_days: list[str] | None = Field(None, description="Weekdays usually in: mon … sun.")
    links: list[str] | None = None
    email: str | None = None
    phone: str | None = None


class MemberOut(Schema):
    id: int
    full_name: str
    company: Ref | None
    is_company_contact: bool
    status: MemberStatus
    joined_at: dt.datetime
    viewer_level: str = Field(
        description="How the caller sees this profile: self, staff or members."
    )
    profile: ProfileOut


class MemberFilters(Schema):
    q: Text = Field(
        "",
        max_length=200,
        description="Free text over names, companies, headlines, offers, needs and interests; "
        "Nordic cognates match (regnskap finds regnskab).",
    )
    company: Id | None = Field(None, description="Company id.")
    industry: Industry | None = None
    stage: Stage | None = None
    interest: Id | None = Field(None, description="Interest id.")
    include_former: bool = Field(False, description="Staff only: include former members.")


def _profile(member: Member) -> Profile | None:
    try:
        return member.user.profile
    except Profile.DoesNotExist:
        return None


def _out(member: Member, *, level: str, fields: dict[str, Any]) -> dict[str, Any]:
    company = member.company
    return {
        "id": member.pk,
        "full_name": member.user.full_name,
        "company": {"id": company.pk, "name": company.name} if company is not None else None,
        "is_company_contact": member.is_company_contact,
        "status": member.status,
        "joined_at": member.joined_at,
        "viewer_level": level,
        "profile": fields,
    }


@router.get(
    "/spaces/{slug}/members",
    response={200: list[MemberOut], **ERRORS},
    exclude_unset=True,
    summary="Search the member directory",
    description="Active members of the space by name, filtered; each profile shows only the "
    "fields the caller may see.",
)
@paginate(Pagination)
def members_list(
    request: HttpRequest, slug: Slug, filters: Query[MemberFilters]
) -> MappedQuerySet[Member, dict[str, Any]]:
    space = space_for_viewer(request, slug)
    user = current_user(request)
    staff = is_space_staff(user=user, space=space)
    members = member_directory_search(
        space=space,
        staff=staff,
        filters=DirectoryFilters(
            query=filters.q,
            company_id=filters.company,
            industry=filters.industry or "",
            stage=filters.stage or "",
            interest_id=filters.interest,
            include_former=staff and filters.include_former,
        ),
    )

    def visible(member: Member) -> dict[str, Any]:
        level = "self" if member.user_id == user.pk else ("staff" if staff else "members")
        fields = profile_visible_fields(profile=_profile(member), level=level)
        return _out(member, level=level, fields=fields)

    return MappedQuerySet(members, visible)


@router.get(
    "/members/{member_id}",
    response={200: MemberOut, **ERRORS},
    exclude_unset=True,
    summary="Get a member's profile",
    description="Only the profile fields the caller may see are included.",
)
def member_get(request: HttpRequest, member_id: Id) -> dict[str, Any]:
    user = current_user(request)
    member = Member.objects.select_related("space").filter(pk=member_id).first()
    if member is None:
        raise Http404
    ensure_viewer(request, member.space)
    member = member_get_for_viewer(member_id=member.pk, viewer=user)
    if member is None:
        raise Http404
    view = member_profile_view(member=member, viewer=user)
    return _out(member, level=view.level, fields=view.fields)
