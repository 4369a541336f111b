"""Plans of a space: what members can buy. Reads for members, writes for staff."""

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kollega.api.errors import ERRORS
from kollega.api.routers.common import (
    Count,
    Id,
    NoticeMonths,
    Pagination,
    PatchSchema,
    Slug,
    Text,
    current_user,
    ensure_viewer,
    require_staff,
    space_for_staff,
    space_for_viewer,
)
from kollega.core.permissions import is_space_staff
from kollega.memberships.models import Plan, PlanKind
from kollega.memberships.selectors import plan_list
from kollega.memberships.services import plan_create, plan_retire, plan_update
from kollega.spaces.models import Currency

router = Router(tags=["plans"])


class PlanOut(Schema):
    id: int
    name: str
    kind: PlanKind
    monthly_price: Decimal
    currency: Currency
    seats: int = Field(description="Seats included.")
    included_room_hours: int = Field(description="Meeting-room hours included per month.")
    notice_months: int = Field(description="Notice period in months.")
    description: str
    retired_at: dt.datetime | None = Field(
        description="When the plan was retired; retired plans take no new memberships."
    )


class PlanIn(Schema):
    name: Text = Field(max_length=120)
    kind: PlanKind
    monthly_price: Decimal = Field(ge=0, description="Per month, in the space's currency.")
    seats: Count = 1
    included_room_hours: Count = 0
    notice_months: NoticeMonths = 3
    description: Text = ""


class PlanUpdateIn(PatchSchema):
    """Only the fields sent are changed; existing memberships get the new terms."""

    name: Text | None = None
    kind: PlanKind | None = None
    monthly_price: Decimal | None = None
    seats: Count | None = None
    included_room_hours: Count | None = None
    notice_months: NoticeMonths | None = None
    description: Text | None = None


def _plan_for_staff(request: HttpRequest, plan_id: int) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("space"), pk=plan_id)
    ensure_viewer(request, plan.space)
    require_staff(request, plan.space)
    return plan


@router.get(
    "/spaces/{slug}/plans",
    response={200: list[PlanOut], **ERRORS},
    summary="List plans",
    description="Members see the plans on offer; staff also see retired plans.",
)
@paginate(Pagination)
def plans_list(request: HttpRequest, slug: Slug) -> list[Plan]:
    space = space_for_viewer(request, slug)
    staff = is_space_staff(user=current_user(request), space=space)
    return list(plan_list(space=space, include_retired=staff))


@router.post(
    "/spaces/{slug}/plans",
    response={201: PlanOut, **ERRORS},
    summary="Create a plan",
    description="Staff only. The price is in the space's currency.",
)
def plans_create(request: HttpRequest, slug: Slug, payload: PlanIn) -> Status[Plan]:
    space = space_for_staff(request, slug)
    return Status(201, plan_create(space=space, **payload.model_dump()))


@router.get("/plans/{plan_id}", response={200: PlanOut, **ERRORS}, summary="Get a plan")
def plan_get(request: HttpRequest, plan_id: Id) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("space"), pk=plan_id)
    ensure_viewer(request, plan.space)
    if plan.is_retired and not is_space_staff(user=current_user(request), space=plan.space):
        raise Http404
    return plan


@router.patch(
    "/plans/{plan_id}",
    response={200: PlanOut, **ERRORS},
    summary="Change a plan",
    description="Staff only. Send only the fields to change.",
)
def plan_patch(request: HttpRequest, plan_id: Id, payload: PlanUpdateIn) -> Plan:
    plan = _plan_for_staff(request, plan_id)
    return plan_update(plan=plan, **payload.model_dump(exclude_unset=True))


@router.post(
    "/plans/{plan_id}/retire",
    response={200: PlanOut, **ERRORS},
    summary="Retire a plan",
    operation_id="plan_retire",
    description="Staff only. No new memberships on it; existing ones go on unchanged.",
)
def plan_retire_op(request: HttpRequest, plan_id: Id) -> Plan:
    plan = _plan_for_staff(request, plan_id)
    return plan_retire(plan=plan)
