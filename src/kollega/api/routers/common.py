"""Shared pieces of the routers: input types, pagination, and looking objects up for the
caller (404 for anything in a space the caller may not see, 403 for a member doing staff work).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator, ConfigDict, ValidationInfo, field_validator

from kollega.accounts.models import User
from kollega.core.permissions import can_view_space, is_space_staff
from kollega.spaces.models import Space

MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000
MAX_ID = 2**63 - 1
MAX_INT32 = 2**31 - 1  # PositiveIntegerField's limit on every database
EARLIEST_DATE = dt.date(1970, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL characters; refuse them before they reach the database.
    if "\x00" in value:
        raise ValueError(_("Text may not contain NUL characters."))
    return value


def _in_date_range(value: dt.date) -> dt.date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(
            _("Give a date between %(first)s and %(last)s.")
            % {"first": EARLIEST_DATE.isoformat(), "last": LATEST_DATE.isoformat()}
        )
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
Date = Annotated[dt.date, AfterValidator(_in_date_range)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Field(ge=0, le=MAX_INT32)]
Seats = Annotated[int, Field(ge=1, le=MAX_INT32)]
# A notice period beyond a few years is a typo, and would push end dates past any calendar.
NoticeMonths = Annotated[int, Field(ge=0, le=60)]
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=60)]


def _drop_null_from_schema(schema: dict[str, Any], model: type[Any]) -> None:
    nullable: frozenset[str] = getattr(model, "nullable", frozenset())
    for name, prop in schema.get("properties", {}).items():
        options = prop.get("anyOf")
        if name in nullable or not options:
            continue
        options = [option for option in options if option != {"type": "null"}]
        if len(options) == 1:
            del prop["anyOf"]
            prop.update(options[0])
        else:
            prop["anyOf"] = options
        prop.pop("default", None)


class PatchSchema(Schema):
    """A partial update: fields left out keep their value; null is refused except for the
    fields listed in `nullable` (those that may be empty)."""

    nullable: ClassVar[frozenset[str]] = frozenset()
    model_config = ConfigDict(json_schema_extra=_drop_null_from_schema)

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.nullable:
            raise ValueError(_("This field cannot be null; leave it out to keep its value."))
        return value


class Pagination(PageNumberPagination):
    """`?page=1&page_size=50`: at most 100 items a page."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
        page_size: int | None = Field(
            None, ge=1, le=MAX_PAGE_SIZE, description="Items per page (default 50, at most 100)."
        )

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_page_size", MAX_PAGE_SIZE)
        super().__init__(**kwargs)


class MappedQuerySet[M: Model, T]:
    """A queryset whose items are turned into output objects only for the page shown, so a
    paginated list can depend on the caller (e.g. what staff may see) without loading all rows."""

    def __init__(self, queryset: QuerySet[M], mapper: Callable[[M], T]) -> None:
        self.queryset = queryset
        self.mapper = mapper

    def all(self) -> MappedQuerySet[M, T]:
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, page: slice) -> list[T]:
        return [self.mapper(item) for item in self.queryset[page]]


class Ref(Schema):
    """A short reference to another object."""

    id: int
    name: str


def current_user(request: HttpRequest) -> User:
    """The authenticated caller (by token or session)."""
    return cast(User, request.auth)  # type: ignore[attr-defined]


def space_for_viewer(request: HttpRequest, slug: str) -> Space:
    """A space the caller is member or staff of; 404 otherwise (never say it exists)."""
    space = Space.objects.filter(slug=slug).first()
    if space is None or not can_view_space(user=current_user(request), space=space):
        raise Http404
    return space


def require_staff(request: HttpRequest, space: Space) -> None:
    """Only the space's staff: a member gets 403, an outsider 404."""
    user = current_user(request)
    if is_space_staff(user=user, space=space):
        return
    if can_view_space(user=user, space=space):
        raise PermissionDenied(_("Only the space's staff can do this."))
    raise Http404


def space_for_staff(request: HttpRequest, slug: str) -> Space:
    space = space_for_viewer(request, slug)
    require_staff(request, space)
    return space


def ensure_viewer(request: HttpRequest, space: Space) -> None:
    if not can_view_space(user=current_user(request), space=space):
        raise Http404
