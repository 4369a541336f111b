"""Memberships: the contracts of companies and individual members. Staff only."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from kollega.api.errors import ERRORS
from kollega.api.routers.common import (
    Date,
    Id,
    MappedQuerySet,
    Pagination,
    Ref,
    Seats,
    Slug,
    Text,
    current_user,
    require_staff,
    space_for_staff,
)
from kollega.companies.models import Company
from kollega.members.models import Member
from kollega.memberships.models import Membership, MembershipStatus, Plan
from kollega.memberships.selectors import MembershipFilter, membership_search
from kollega.memberships.services import (
    MembershipResult,
    membership_change_plan,
    membership_create,
    membership_end,
    membership_give_notice,
)
from kollega.spaces.models import Space
from kollega.spaces.selectors import space_today

router = Router(tags=["memberships"])


class MembershipOut(Schema):
    id: int
    plan: Ref
    company: Ref | None = Field(description="The holder, if a company holds it.")
    member: Ref | None = Field(description="The holder, if one member holds it.")
    seats: int
    start_date: dt.date
    notice_given_on: dt.date | None
    end_date: dt.date | None
    status: MembershipStatus = Field(description="Status today, in the space's time zone.")


class MembershipResultOut(Schema):
    membership: MembershipOut
    warnings: list[str] = Field(
        description="Seat-policy warnings, e.g. a company now above the space's seat limit."
    )


class MembershipFilters(Schema):
    status: MembershipFilter = MembershipFilter.CURRENT
    holder: Text = Field("", max_length=200, description="Part of a company or member name.")
    plan: Id | None = Field(None, description="Plan id.")
    company: Id | None = Field(None, description="Company id.")


class MembershipIn(Schema):
    """Exactly one of `company` and `member` holds the membership."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"plan": 1, "company": 1, "start_date": "2026-09-01", "seats": 4}]
        }
    )

    plan: Id = Field(description="Plan id.")
    start_date: Date
    seats: Seats | None = Field(None, description="Defaults to the plan's seats.")
    company: Id | None = Field(None, description="Company id, for a company membership.")
    member: Id | None = Field(None, description="Member id, for an individual membership.")


class NoticeIn(Schema):
    given_on: Date | None = Field(None, description="Defaults to today.")


class ChangePlanIn(Schema):
    plan: Id = Field(description="The new plan's id (may be the same plan with other seats).")
    seats: Seats | None = Field(None, description="Defaults to the current seats.")
    effective_date: Date | None = Field(None, description="Defaults to today.")


class EndIn(Schema):
    end_date: Date | None = Field(None, description="Defaults to today.")


def _out(membership: Membership, *, today: dt.date) -> MembershipOut:
    plan, company, member = membership.plan, membership.company, membership.member
    return MembershipOut(
        id=membership.pk,
        plan=Ref(id=plan.pk, name=plan.name),
        company=Ref(id=company.pk, name=company.name) if company is not None else None,
        member=(Ref(id=member.pk, name=member.user.full_name) if member is not None else None),
        seats=membership.seats,
        start_date=membership.start_date,
        notice_given_on=membership.notice_given_on,
        end_date=membership.end_date,
        status=membership.status_on(today),
    )


def _result(result: MembershipResult, *, space: Space) -> MembershipResultOut:
    return MembershipResultOut(
        membership=_out(result.membership, today=space_today(space=space)),
        warnings=[str(warning) for warning in result.warnings],
    )


def _in_space[M: (Plan, Company, Member)](
    model: type[M], pk: int | None, space: Space, field: str
) -> M | None:
    """An object of this space by id, or a validation error naming the field."""
    if pk is None:
        return None
    found = model._default_manager.filter(space=space, pk=pk).first()
    if found is None:
        raise ValidationError(
            {
                field: _("There is no such %(thing)s in this space.")
                % {"thing": model._meta.verbose_name}
            }
        )
    return found


def _membership_for_staff(request: HttpRequest, membership_id: int) -> Membership:
    membership = (
        Membership.objects.select_related("space", "plan", "company", "member__user")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None:
        raise Http404
    require_staff(request, membership.space)
    return membership


@router.get(
    "/spaces/{slug}/memberships",
    response={200: list[MembershipOut], **ERRORS},
    summary="List memberships",
    description="Staff only. By default the memberships running today (notice given included).",
)
@paginate(Pagination)
def memberships_list(
    request: HttpRequest, slug: Slug, filters: Query[MembershipFilters]
) -> MappedQuerySet[Membership, MembershipOut]:
    space = space_for_staff(request, slug)
    today = space_today(space=space)
    memberships = membership_search(
        space=space, on=today, status=filters.status, plan_id=filters.plan, holder=filters.holder
    )
    if filters.company is not None:
        memberships = memberships.filter(company_id=filters.company)
    return MappedQuerySet(memberships, lambda membership: _out(membership, today=today))


@router.post(
    "/spaces/{slug}/memberships",
    response={201: MembershipResultOut, **ERRORS},
    summary="Start a membership",
    description="Staff only. For a company or for one member, on a plan that is not retired. "
    "The answer lists seat-policy warnings (the membership is still created).",
)
def memberships_create(
    request: HttpRequest, slug: Slug, payload: MembershipIn
) -> Status[MembershipResultOut]:
    space = space_for_staff(request, slug)
    plan = _in_space(Plan, payload.plan, space, "plan")
    assert plan is not None
    result = membership_create(
        space=space,
        plan=plan,
        start_date=payload.start_date,
        seats=payload.seats,
        company=_in_space(Company, payload.company, space, "company"),
        member=_in_space(Member, payload.member, space, "member"),
        actor=current_user(request),
    )
    return Status(201, _result(result, space=space))


@router.post(
    "/memberships/{membership_id}/notice",
    response={200: MembershipResultOut, **ERRORS},
    summary="Give notice",
    description="Staff only. The end date follows from the plan's notice period, counted from "
    "the end of the month notice is given in.",
)
def membership_notice(
    request: HttpRequest, membership_id: Id, payload: NoticeIn
) -> MembershipResultOut:
    membership = _membership_for_staff(request, membership_id)
    result = membership_give_notice(
        membership=membership, given_on=payload.given_on, actor=current_user(request)
    )
    return _result(result, space=membership.space)


@router.post(
    "/memberships/{membership_id}/change-plan",
    response={200: MembershipResultOut, **ERRORS},
    summary="Change plan or seats",
    description="Staff only. Kept in the membership's history.",
)
def membership_change(
    request: HttpRequest, membership_id: Id, payload: ChangePlanIn
) -> MembershipResultOut:
    membership = _membership_for_staff(request, membership_id)
    plan = _in_space(Plan, payload.plan, membership.space, "plan")
    assert plan is not None
    result = membership_change_plan(
        membership=membership,
        plan=plan,
        seats=payload.seats,
        effective_date=payload.effective_date,
        actor=current_user(request),
    )
    return _result(result, space=membership.space)


@router.post(
    "/memberships/{membership_id}/end",
    response={200: MembershipResultOut, **ERRORS},
    summary="End a membership",
    operation_id="membership_end",
    description="Staff only. Ends it on the given day (today by default); history is kept.",
)
def membership_end_op(
    request: HttpRequest, membership_id: Id, payload: EndIn
) -> MembershipResultOut:
    membership = _membership_for_staff(request, membership_id)
    result = membership_end(
        membership=membership, end_date=payload.end_date, actor=current_user(request)
    )
    return _result(result, space=membership.space)
