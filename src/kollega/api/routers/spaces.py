"""Spaces the caller belongs to or runs."""

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kollega.api.errors import ERRORS
from kollega.api.routers.common import (
    Count,
    Pagination,
    PatchSchema,
    Slug,
    Text,
    current_user,
    space_for_staff,
    space_for_viewer,
)
from kollega.core.permissions import member_spaces, staff_spaces
from kollega.spaces.models import Currency, Space
from kollega.spaces.services import space_update

router = Router(tags=["spaces"])


class SpaceOut(Schema):
    slug: str
    name: str
    address: str
    time_zone: str
    currency: Currency
    languages: list[str]
    theme: str = Field(description="What this community has in common.")
    house_values: str = Field(description="House values and expectations.")
    max_seats_per_company: int | None = Field(
        description="Seat policy: staff are warned when a company has more seats than this."
    )
    is_staff: bool = Field(description="Whether the caller is staff of this space.")


class SpaceUpdateIn(PatchSchema):
    """Only the fields sent are changed."""

    nullable = frozenset({"max_seats_per_company"})

    name: Text | None = None
    address: Text | None = None
    time_zone: Text | None = Field(None, description="An IANA time zone, e.g. Europe/Oslo.")
    currency: Currency | None = None
    languages: list[Text] | None = Field(None, description="Language codes: en, nb, da, sv.")
    theme: Text | None = None
    house_values: Text | None = None
    max_seats_per_company: Count | None = Field(None, description="null for no limit.")


def _out(space: Space, *, is_staff: bool) -> SpaceOut:
    return SpaceOut(
        slug=space.slug,
        name=space.name,
        address=space.address,
        time_zone=space.time_zone,
        currency=Currency(space.currency),
        languages=list(space.languages),
        theme=space.theme,
        house_values=space.house_values,
        max_seats_per_company=space.max_seats_per_company,
        is_staff=is_staff,
    )


@router.get(
    "/spaces",
    response={200: list[SpaceOut], **ERRORS},
    summary="List my spaces",
    description="Spaces where the caller is an active member or staff, by name.",
)
@paginate(Pagination)
def spaces_list(request: HttpRequest) -> list[SpaceOut]:
    user = current_user(request)
    staff_ids = set(staff_spaces(user=user).values_list("pk", flat=True))
    member_ids = set(member_spaces(user=user).values_list("pk", flat=True))
    spaces = Space.objects.filter(pk__in=staff_ids | member_ids).order_by("name", "pk")
    return [_out(space, is_staff=space.pk in staff_ids) for space in spaces]


@router.get(
    "/spaces/{slug}",
    response={200: SpaceOut, **ERRORS},
    summary="Get a space",
)
def space_get(request: HttpRequest, slug: Slug) -> SpaceOut:
    space = space_for_viewer(request, slug)
    is_staff = staff_spaces(user=current_user(request)).filter(pk=space.pk).exists()
    return _out(space, is_staff=is_staff)


@router.patch(
    "/spaces/{slug}",
    response={200: SpaceOut, **ERRORS},
    summary="Change a space's settings",
    description="Staff only. Send only the fields to change.",
)
def space_patch(request: HttpRequest, slug: Slug, payload: SpaceUpdateIn) -> SpaceOut:
    space = space_for_staff(request, slug)
    space = space_update(
        space=space, actor=current_user(request), **payload.model_dump(exclude_unset=True)
    )
    return _out(space, is_staff=True)
