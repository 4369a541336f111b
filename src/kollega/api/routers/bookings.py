"""Bookings: a space's rooms, desks, booths and event areas, their free and booked times for a
day, the price of a booking before it is made, booking and cancelling; a desk for the whole
day, weekly series, and fixed desks released for days away. Thin enough for a tablet kiosk at
a room door.

Members book for themselves; staff may book for any active member. Who booked a time is
shown only to staff and to the booker; everyone else sees just "booked". Every rule
(opening hours, steps, length, horizon, plan, fair use, overlaps) is the service's: a
refusal is a 422 naming the field, and a clash with another booking names `start`.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator

from kollega.accounts.models import User
from kollega.api.errors import ERRORS
from kollega.api.routers.common import (
    Date,
    Id,
    MappedQuerySet,
    Pagination,
    Ref,
    Slug,
    Text,
    current_user,
    space_for_viewer,
)
from kollega.bookings.models import (
    Booking,
    BookingStatus,
    DeskRelease,
    Resource,
    ResourceKind,
    Zone,
)
from kollega.bookings.selectors import (
    ResourceRow,
    availability_grid,
    booking_list,
    fixed_desks_of,
    resource_list,
)
from kollega.bookings.services import (
    booking_cancel,
    booking_check_in,
    booking_create,
    booking_quote,
    booking_series_create,
    desk_book_day,
    desk_release,
    desk_release_withdraw,
)
from kollega.core.permissions import is_space_staff
from kollega.members.models import Member
from kollega.members.selectors import member_get_active, member_get_own, member_get_own_by_slug
from kollega.spaces.models import Space

router = Router(tags=["bookings"])

MINUTES_PER_DAY = 24 * 60
EARLIEST_MOMENT = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LATEST_MOMENT = dt.datetime(2199, 12, 31, tzinfo=dt.UTC)


def _aware_in_range(value: dt.datetime) -> dt.datetime:
    if timezone.is_naive(value):
        raise ValueError(
            _("Give the time with its time zone, e.g. 2026-03-02T09:00:00+01:00 or …Z.")
        )
    if not EARLIEST_MOMENT <= value <= LATEST_MOMENT:
        raise ValueError(
            _("Give a time between %(first)s and %(last)s.")
            % {
                "first": EARLIEST_MOMENT.date().isoformat(),
                "last": LATEST_MOMENT.date().isoformat(),
            }
        )
    return value


# A moment with its time zone (ISO 8601), within dates any calendar can show.
Moment = Annotated[dt.datetime, AfterValidator(_aware_in_range)]


# --- schemas ------------------------------------------------------------------------------------


class ResourceOut(Schema):
    id: int
    kind: ResourceKind
    name: str
    zone: str | None = Field(description="The zone (area) of the space it is in, if any.")
    capacity: int = Field(description="Seats.")
    equipment: list[str]
    hourly_price: str = Field(
        description="Price per hour beyond the plan's included hours, a decimal string."
    )
    currency: str


class ResourceFilters(Schema):
    kind: ResourceKind | None = Field(None, description="Only resources of this kind.")


class AvailabilityFilters(Schema):
    date: Date = Field(description="The day, YYYY-MM-DD, in the space's time zone.")
    kind: ResourceKind = Field(ResourceKind.ROOM, description="Which kind of resource.")


class TimeRange(Schema):
    start: dt.datetime
    end: dt.datetime


class BookedRange(TimeRange):
    booking: int | None = Field(description="The booking's id: only for staff and the booker.")
    booked_by: str | None = Field(description="Who booked: only for staff and the booker.")
    mine: bool = Field(description="Whether the caller booked it.")


class ResourceDay(Schema):
    resource: ResourceOut
    free: list[TimeRange] = Field(description="Free times, in order.")
    booked: list[BookedRange] = Field(description="Booked times, in order.")


class AvailabilityOut(Schema):
    date: dt.date
    kind: ResourceKind
    time_zone: str = Field(description="The space's time zone; times are given in it.")
    opens: dt.time | None = Field(description="Null when the space is closed that day.")
    closes: dt.time | None
    step_minutes: int = Field(description="Bookings start and end on these steps.")
    resources: list[ResourceDay]


class QuoteIn(Schema):
    resource: Id = Field(description="Resource id.")
    start: Moment = Field(description="ISO 8601 with time zone, e.g. 2026-03-02T09:00:00+01:00.")
    end: Moment = Field(description="ISO 8601 with time zone.")
    member: Id | None = Field(
        None, description="Staff only: the member to book for. Default: yourself."
    )


class BookingIn(QuoteIn):
    title: Text = Field("", max_length=120, description="Shown on the booking, e.g. a meeting.")


class QuoteOut(Schema):
    minutes: int
    included_minutes: int = Field(description="Taken from the plan's included room hours.")
    chargeable_minutes: int = Field(description="Charged at the resource's hourly price.")
    price: str = Field(description="A decimal string, e.g. 150.00.")
    currency: str


class BookingResource(Schema):
    id: int
    kind: ResourceKind
    name: str


class BookingOut(QuoteOut):
    id: int
    resource: BookingResource
    member: Ref | None = Field(
        description="Who the booking is for; null when the space holds the resource for an event."
    )
    start: dt.datetime = Field(description="In the space's time zone.")
    end: dt.datetime
    status: BookingStatus
    title: str
    created_at: dt.datetime
    cancelled_at: dt.datetime | None
    checked_in_at: dt.datetime | None


class DeskDayIn(Schema):
    date: Date = Field(description="The day, YYYY-MM-DD, in the space's time zone.")
    zone: Id | None = Field(
        None, description="Zone id: any desk of the zone free all day. Give this or `resource`."
    )
    resource: Id | None = Field(None, description="Desk id. Give this or `zone`.")
    member: Id | None = Field(
        None, description="Staff only: the member to book for. Default: yourself."
    )


class SeriesIn(Schema):
    resource: Id = Field(description="Resource id.")
    start: Moment = Field(
        description="The first booking's start, ISO 8601 with time zone; every occurrence "
        "starts at this wall-clock time in the space's time zone."
    )
    minutes: int = Field(ge=1, le=MINUTES_PER_DAY, description="Length of each booking.")
    every_weeks: int = Field(1, ge=1, le=52, description="Repeat every this many weeks.")
    until: Date = Field(description="The last day a booking may fall on, YYYY-MM-DD.")
    title: Text = Field("", max_length=120, description="Shown on every booking.")
    member: Id | None = Field(
        None, description="Staff only: the member to book for. Default: yourself."
    )


class SeriesConflict(Schema):
    start: dt.datetime = Field(description="The occurrence not booked, in the space's time zone.")
    reason: str = Field(description="Why it could not be booked.")


class SeriesOut(Schema):
    id: int = Field(description="The series' id; its bookings are ordinary bookings.")
    booked: list[BookingOut]
    conflicts: list[SeriesConflict] = Field(description="Occurrences not booked, in order.")


class DeskReleaseIn(Schema):
    date: Date = Field(description="The day away, YYYY-MM-DD, in the space's time zone.")


class DeskReleaseOut(Schema):
    resource: int = Field(description="The desk's id.")
    date: dt.date
    released_by: Ref


class FixedDeskOut(Schema):
    id: int
    name: str
    zone: str | None
    releases: list[dt.date] = Field(
        description="Upcoming days the desk is released for others to book, in order."
    )


class BookingFilters(Schema):
    member: Id | None = Field(None, description="Staff only: only this member's bookings.")
    when: Literal["upcoming", "past"] | None = Field(
        None,
        description="upcoming: confirmed and not over, soonest first; past: over, cancelled "
        "or released, newest first. Default: all, newest first.",
    )


# --- looking things up --------------------------------------------------------------------------


def _resource(space: Space, resource_id: int) -> Resource:
    resource = Resource.objects.filter(space=space, pk=resource_id, is_active=True).first()
    if resource is None:
        raise ValidationError({"resource": _("There is no such resource in this space.")})
    resource.space = space  # the one in hand: no join, no second copy
    return resource


def _space_and_own(
    request: HttpRequest, slug: str, member_id: int | None
) -> tuple[Space, Member | None]:
    """The space, and the caller's own active membership of it when they book for themselves
    (one query: an active member may see the space); otherwise `space_for_viewer` decides
    (404 for a space the caller may not see) and `_booker` finds the member later."""
    if member_id is None:
        own = member_get_own_by_slug(user=current_user(request), slug=slug)
        if own is not None:
            return own.space, own
    return space_for_viewer(request, slug), None


def _booker(request: HttpRequest, space: Space, member_id: int | None) -> Member:
    """Who a booking is for: the caller's own membership, or (staff) the member named. The
    service refuses a member booking for someone else (403)."""
    if member_id is None:
        own = member_get_own(user=current_user(request), space=space)
        if own is None:
            raise ValidationError(
                {"member": _("Choose the member to book for: you are not a member here.")}
            )
        return own
    member = member_get_active(space=space, member_id=member_id)
    if member is None:
        raise ValidationError({"member": _("There is no such member in this space.")})
    return member


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _resource_out(resource: Resource, space: Space) -> ResourceOut:
    equipment = resource.equipment if isinstance(resource.equipment, list) else []
    return ResourceOut(
        id=resource.pk,
        kind=ResourceKind(resource.kind),
        name=resource.name,
        zone=resource.zone.name if resource.zone is not None else None,
        capacity=resource.capacity,
        equipment=[str(item) for item in equipment],
        hourly_price=_money(resource.hourly_price),
        currency=space.currency,
    )


def _booking_out(booking: Booking, tz: dt.tzinfo) -> BookingOut:
    def local(moment: dt.datetime | None) -> dt.datetime | None:
        return timezone.localtime(moment, tz) if moment is not None else None

    return BookingOut(
        id=booking.pk,
        resource=BookingResource(
            id=booking.resource.pk,
            kind=ResourceKind(booking.resource.kind),
            name=booking.resource.name,
        ),
        member=(
            Ref(id=booking.member.pk, name=booking.member.user.full_name)
            if booking.member is not None
            else None
        ),
        start=timezone.localtime(booking.start, tz),
        end=timezone.localtime(booking.end, tz),
        status=BookingStatus(booking.status),
        title=booking.title,
        minutes=int((booking.end - booking.start).total_seconds() // 60),
        included_minutes=booking.included_minutes,
        chargeable_minutes=booking.chargeable_minutes,
        price=_money(booking.price),
        currency=booking.currency,
        created_at=timezone.localtime(booking.created_at, tz),
        cancelled_at=local(booking.cancelled_at),
        checked_in_at=local(booking.checked_in_at),
    )


def _resource_day(row: ResourceRow, space: Space, user: User, staff: bool) -> ResourceDay:
    """A row of the grid as ranges: consecutive free steps merged, and the steps of one
    booking merged; who booked only for staff and the booker."""
    # (start, end, booking or None) runs of consecutive steps with the same booking.
    runs: list[tuple[dt.datetime, dt.datetime, Booking | None]] = []
    for slot in row.slots:
        if runs and runs[-1][1] == slot.start and _same(runs[-1][2], slot.booking):
            runs[-1] = (runs[-1][0], slot.end, runs[-1][2])
        else:
            runs.append((slot.start, slot.end, slot.booking))
    free: list[TimeRange] = []
    booked: list[BookedRange] = []
    for start, end, booking in runs:
        if booking is None:
            free.append(TimeRange(start=start, end=end))
            continue
        holder = booking.member  # None: the space holds it for an event
        mine = holder is not None and holder.user_id == user.pk
        shown = staff or mine
        booked.append(
            BookedRange(
                start=start,
                end=end,
                booking=booking.pk if shown else None,
                booked_by=holder.user.full_name if shown and holder is not None else None,
                mine=mine,
            )
        )
    return ResourceDay(resource=_resource_out(row.resource, space), free=free, booked=booked)


def _same(first: Booking | None, second: Booking | None) -> bool:
    if first is None or second is None:
        return first is second
    return first.pk == second.pk


# --- resources and availability -----------------------------------------------------------------


@router.get(
    "/spaces/{slug}/resources",
    response={200: list[ResourceOut], **ERRORS},
    summary="Rooms, desks, booths and event areas",
    description="The space's bookable resources by kind and name. Members and staff.",
)
@paginate(Pagination)
def resources_list(
    request: HttpRequest, slug: Slug, filters: Query[ResourceFilters]
) -> MappedQuerySet[Resource, ResourceOut]:
    space = space_for_viewer(request, slug)
    return MappedQuerySet(
        resource_list(space=space, kind=filters.kind), lambda r: _resource_out(r, space)
    )


@router.get(
    "/spaces/{slug}/availability",
    response={200: AvailabilityOut, **ERRORS},
    summary="Free and booked times of a day",
    description="Per resource of the kind, its free and booked times for the day within the "
    "opening hours, in the space's time zone. Booked times say who booked only to staff and "
    "to the booker. Members and staff.",
)
def availability_get(
    request: HttpRequest, slug: Slug, filters: Query[AvailabilityFilters]
) -> AvailabilityOut:
    space = space_for_viewer(request, slug)
    user = current_user(request)
    staff = is_space_staff(user=user, space=space)
    grid = availability_grid(space=space, day=filters.date, kind=filters.kind)
    return AvailabilityOut(
        date=grid.day,
        kind=filters.kind,
        time_zone=space.time_zone,
        opens=grid.opens,
        closes=grid.closes,
        step_minutes=grid.step_minutes,
        resources=[_resource_day(row, space, user, staff) for row in grid.rows],
    )


# --- bookings -----------------------------------------------------------------------------------


@router.post(
    "/spaces/{slug}/bookings/quote",
    response={200: QuoteOut, **ERRORS},
    summary="What a booking would cost",
    description="Every check a booking gets, and its price: minutes from the plan's included "
    "room hours first, the rest at the hourly price. Writes nothing; the time may still be "
    "taken before you book.",
)
def bookings_quote(request: HttpRequest, slug: Slug, payload: QuoteIn) -> QuoteOut:
    space, own = _space_and_own(request, slug, payload.member)
    resource = _resource(space, payload.resource)
    quote = booking_quote(
        member=own or _booker(request, space, payload.member),
        resource=resource,
        start=payload.start,
        end=payload.end,
        actor=current_user(request),
    )
    return QuoteOut(
        minutes=quote.minutes,
        included_minutes=quote.included_minutes,
        chargeable_minutes=quote.chargeable_minutes,
        price=_money(quote.price),
        currency=quote.currency,
    )


@router.post(
    "/spaces/{slug}/bookings",
    response={201: BookingOut, **ERRORS},
    summary="Book a resource",
    description="Books the resource for the caller (staff: for `member`). A time already "
    "booked is refused with 422 naming `start`; so is any other rule broken, naming its field.",
)
def bookings_create(request: HttpRequest, slug: Slug, payload: BookingIn) -> Status[BookingOut]:
    space, own = _space_and_own(request, slug, payload.member)
    resource = _resource(space, payload.resource)
    booking = booking_create(
        member=own or _booker(request, space, payload.member),
        resource=resource,
        start=payload.start,
        end=payload.end,
        title=payload.title,
        actor=current_user(request),
    )
    return Status(201, _booking_out(booking, space.tzinfo))


@router.get(
    "/spaces/{slug}/bookings",
    response={200: list[BookingOut], **ERRORS},
    summary="Bookings",
    description="A member: their own bookings. Staff: every booking of the space, or one "
    "member's with `member` (members get 403 for that filter).",
)
@paginate(Pagination)
def bookings_list(
    request: HttpRequest, slug: Slug, filters: Query[BookingFilters]
) -> MappedQuerySet[Booking, BookingOut]:
    space = space_for_viewer(request, slug)
    user = current_user(request)
    member: Member | None
    if is_space_staff(user=user, space=space):
        member = None
        if filters.member is not None:
            member = Member.objects.filter(space=space, pk=filters.member).first()
            if member is None:
                raise ValidationError({"member": _("There is no such member in this space.")})
    elif filters.member is not None:
        raise PermissionDenied(_("Only the space's staff can see other members' bookings."))
    else:
        member = member_get_own(user=user, space=space)
        if member is None:  # pragma: no cover - a viewer who is not staff is a member
            raise Http404
    tz = space.tzinfo
    bookings = booking_list(space=space, member=member, when=filters.when, now=timezone.now())
    return MappedQuerySet(bookings, lambda b: _booking_out(b, tz))


@router.post(
    "/spaces/{slug}/bookings/{booking_id}/cancel",
    response={200: BookingOut, **ERRORS},
    summary="Cancel a booking",
    description="The booker until the cancellation deadline of the resource's rule; staff at "
    "any time before it ends. Included hours are given back. Someone else's booking is 404.",
)
def bookings_cancel(request: HttpRequest, slug: Slug, booking_id: Id) -> BookingOut:
    space, booking = _visible_booking(request, slug, booking_id)
    booking = booking_cancel(booking=booking, actor=current_user(request))
    return _booking_out(booking, space.tzinfo)


def _visible_booking(request: HttpRequest, slug: str, booking_id: int) -> tuple[Space, Booking]:
    """A booking of the space the caller may act on: their own, or any for staff; else 404."""
    space = space_for_viewer(request, slug)
    user = current_user(request)
    bookings = Booking.objects.filter(space=space, pk=booking_id)
    if not is_space_staff(user=user, space=space):
        bookings = bookings.filter(member__user=user)
    booking = bookings.first()
    if booking is None:
        raise Http404
    return space, booking


@router.post(
    "/spaces/{slug}/bookings/{booking_id}/check-in",
    response={200: BookingOut, **ERRORS},
    summary="Check in to a booking",
    description="From 15 minutes before the start until the end; a second check-in changes "
    "nothing. The booker, or staff (e.g. a kiosk at the door signed in as staff). A room "
    "booking nobody checks in to within the rule's grace period is released.",
)
def bookings_check_in(request: HttpRequest, slug: Slug, booking_id: Id) -> BookingOut:
    space, booking = _visible_booking(request, slug, booking_id)
    booking = booking_check_in(booking=booking, actor=current_user(request))
    return _booking_out(booking, space.tzinfo)


# --- desks and series ---------------------------------------------------------------------------


def _own_member(request: HttpRequest, space: Space) -> Member:
    """The caller's own membership; staff who are not members hold no desk (403)."""
    member = member_get_own(user=current_user(request), space=space)
    if member is None:
        raise PermissionDenied(_("This is not your fixed desk."))
    return member


def _desk(space: Space, resource_id: int) -> Resource:
    desk = (
        Resource.objects.filter(space=space, pk=resource_id, kind=ResourceKind.DESK, is_active=True)
        .select_related("space", "fixed_membership")
        .first()
    )
    if desk is None:
        raise Http404
    return desk


def _release_out(release: DeskRelease) -> DeskReleaseOut:
    return DeskReleaseOut(
        resource=release.resource_id,
        date=release.date,
        released_by=Ref(id=release.released_by.pk, name=release.released_by.user.full_name),
    )


@router.get(
    "/spaces/{slug}/desks/mine",
    response={200: list[FixedDeskOut], **ERRORS},
    summary="My fixed desks",
    description="The fixed desks the caller holds (through their own or their company's "
    "membership), each with the upcoming days it is released for others. Empty for staff "
    "who are not members.",
)
def desks_mine(request: HttpRequest, slug: Slug) -> list[FixedDeskOut]:
    space = space_for_viewer(request, slug)
    member = member_get_own(user=current_user(request), space=space)
    if member is None:
        return []
    today = timezone.localdate(timezone=space.tzinfo)
    return [
        FixedDeskOut(
            id=desk.pk,
            name=desk.name,
            zone=desk.zone.name if desk.zone is not None else None,
            releases=[release.date for release in releases],
        )
        for desk, releases in fixed_desks_of(member=member, today=today)
    ]


@router.post(
    "/spaces/{slug}/desks/{resource_id}/releases",
    response={201: DeskReleaseOut, **ERRORS},
    summary="Release my fixed desk for a day",
    description="The holder of a fixed desk lets others book it on a day away; releasing a "
    "day twice changes nothing. Someone else's desk is 403; a past day is 422 naming `date`.",
)
def desk_releases_create(
    request: HttpRequest, slug: Slug, resource_id: Id, payload: DeskReleaseIn
) -> Status[DeskReleaseOut]:
    space = space_for_viewer(request, slug)
    desk = _desk(space, resource_id)
    release = desk_release(
        resource=desk,
        member=_own_member(request, space),
        actor=current_user(request),
        date=payload.date,
    )
    release = DeskRelease.objects.select_related("released_by__user").get(pk=release.pk)
    return Status(201, _release_out(release))


@router.delete(
    "/spaces/{slug}/desks/{resource_id}/releases/{date}",
    response={204: None, **ERRORS},
    summary="Take a released day back",
    description="The holder has the desk again that day, unless someone has booked it "
    "(422 naming `date`). Someone else's desk is 403; a day that is not released is 404.",
)
def desk_releases_delete(
    request: HttpRequest, slug: Slug, resource_id: Id, date: Date
) -> Status[None]:
    space = space_for_viewer(request, slug)
    desk = _desk(space, resource_id)
    released = DeskRelease.objects.filter(resource=desk, date=date).exists()
    # The service checks it is the caller's desk (403) before anything else.
    desk_release_withdraw(
        resource=desk, member=_own_member(request, space), actor=current_user(request), date=date
    )
    if not released:
        raise Http404
    return Status(204, None)


@router.post(
    "/spaces/{slug}/desks/book-day",
    response={201: BookingOut, **ERRORS},
    summary="Book a desk for the whole day",
    description="From opening to closing (today: from the next time step) with every rule of "
    "a booking. Give `zone` for the first free desk of the zone by name (flex desks, and fixed "
    "desks released that day), or `resource` for one desk: exactly one of them (422 naming "
    "`zone` when neither, `resource` when both). A full zone is 422 naming `zone`; a second "
    "desk the same day, a closed or past day are 422 naming `date`.",
)
def desks_book_day(request: HttpRequest, slug: Slug, payload: DeskDayIn) -> Status[BookingOut]:
    space = space_for_viewer(request, slug)
    zone = None
    if payload.zone is not None:
        zone = Zone.objects.filter(space=space, pk=payload.zone).first()
        if zone is None:
            raise ValidationError({"zone": _("There is no such zone in this space.")})
    resource = _resource(space, payload.resource) if payload.resource is not None else None
    try:
        booking = desk_book_day(
            member=_booker(request, space, payload.member),
            day=payload.date,
            actor=current_user(request),
            zone=zone,
            resource=resource,
        )
    except ValidationError as error:
        # The service speaks of the "day", which is `date` here.
        if hasattr(error, "error_dict") and "day" in error.error_dict:
            error.error_dict["date"] = error.error_dict.pop("day")
        raise
    return Status(201, _booking_out(booking, space.tzinfo))


@router.post(
    "/spaces/{slug}/booking-series",
    response={201: SeriesOut, **ERRORS},
    summary="Book every week (or every N weeks)",
    operation_id="booking_series_create",
    description="Books each occurrence from `start` until `until` (at most 52) that passes "
    "every rule, at the same wall-clock time across daylight saving, and reports the others "
    "with the reason. When none can be booked: 422 naming `start`, and nothing is written.",
)
def series_create(request: HttpRequest, slug: Slug, payload: SeriesIn) -> Status[SeriesOut]:
    space = space_for_viewer(request, slug)
    result = booking_series_create(
        member=_booker(request, space, payload.member),
        resource=_resource(space, payload.resource),
        first_start=payload.start,
        minutes=payload.minutes,
        until=payload.until,
        every_weeks=payload.every_weeks,
        title=payload.title,
        actor=current_user(request),
    )
    tz = space.tzinfo
    return Status(
        201,
        SeriesOut(
            id=result.series.pk,
            booked=[_booking_out(booking, tz) for booking in result.booked],
            conflicts=[
                SeriesConflict(start=timezone.localtime(start, tz), reason=reason)
                for start, reason in result.conflicts
            ],
        ),
    )
