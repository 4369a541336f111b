"""Booking reads: the day's availability grid, a member's bookings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from kollega.bookings.models import (
    Booking,
    BookingStatus,
    DeskRelease,
    OpeningHours,
    Resource,
    ResourceKind,
)
from kollega.bookings.services import booking_rule_for
from kollega.members.models import Member
from kollega.spaces.models import Space

DEFAULT_DAY = (dt.time(8, 0), dt.time(18, 0))
MAX_BOOKING = dt.timedelta(
    days=1
)  # bookings start and end on the same day  # the grid's hours when none are set


@dataclass
class Slot:
    start: dt.datetime  # aware, in the space's time zone
    end: dt.datetime
    booking: Booking | None = None  # the confirmed booking covering this slot, if any

    @property
    def free(self) -> bool:
        return self.booking is None


@dataclass
class ResourceRow:
    resource: Resource
    slots: list[Slot] = field(default_factory=list)


@dataclass
class DayGrid:
    day: dt.date
    opens: dt.time | None  # None: closed that day
    closes: dt.time | None
    step_minutes: int
    rows: list[ResourceRow]


def day_hours(*, space: Space, day: dt.date) -> tuple[dt.time, dt.time] | None:
    """When the space is open on `day` (None if closed)."""
    if space.closed_days.filter(date=day).exists():
        return None
    hours = list(OpeningHours.objects.filter(space=space))
    if not hours:
        return DEFAULT_DAY
    for entry in hours:
        if entry.weekday == day.weekday():
            return entry.opens, entry.closes
    return None


def availability_grid(*, space: Space, day: dt.date, kind: str = ResourceKind.ROOM) -> DayGrid:
    """Every active resource of `kind` by every time step of the day: free or booked.

    Two queries whatever the size: the resources, and the day's confirmed bookings.
    """
    rule = booking_rule_for(space_id=space.pk, kind=kind)
    step = rule.granularity_minutes
    hours = day_hours(space=space, day=day)
    resources = list(
        Resource.objects.filter(space=space, kind=kind, is_active=True).select_related("zone")
    )
    if hours is None:
        return DayGrid(
            day=day,
            opens=None,
            closes=None,
            step_minutes=step,
            rows=[ResourceRow(resource=r) for r in resources],
        )
    tz = space.tzinfo
    opens = dt.datetime.combine(day, hours[0], tzinfo=tz)
    closes = dt.datetime.combine(day, hours[1], tzinfo=tz)
    bookings: dict[int, list[Booking]] = {}
    for booking in Booking.objects.filter(
        resource__in=resources,
        status=BookingStatus.CONFIRMED,
        start__lt=closes,
        end__gt=opens,
        # A booking lasts at most a day, so this bound lets the (resource, start) index
        # skip the history instead of scanning every past booking of the rooms.
        start__gte=opens - MAX_BOOKING,
    ).select_related("member__user"):
        bookings.setdefault(booking.resource_id, []).append(booking)
    rows = []
    for resource in resources:
        taken = bookings.get(resource.pk, [])
        slots = []
        moment = opens
        while moment < closes:
            after = moment + dt.timedelta(minutes=step)
            covering = next((b for b in taken if b.start < after and b.end > moment), None)
            slots.append(Slot(start=moment, end=after, booking=covering))
            moment = after
        rows.append(ResourceRow(resource=resource, slots=slots))
    return DayGrid(day=day, opens=hours[0], closes=hours[1], step_minutes=step, rows=rows)


def booking_list_for_member(
    *, member: Member, upcoming: bool, now: dt.datetime
) -> QuerySet[Booking]:
    """A member's upcoming bookings (soonest first), or the past and cancelled ones."""
    return booking_list(
        space=member.space, member=member, when="upcoming" if upcoming else "past", now=now
    )


def resource_list(*, space: Space, kind: str | None = None) -> QuerySet[Resource]:
    """The space's bookable resources, by kind and name."""
    resources = Resource.objects.filter(space=space, is_active=True).select_related("zone")
    if kind is not None:
        resources = resources.filter(kind=kind)
    return resources.order_by("kind", "name", "pk")


def booking_list(
    *, space: Space, member: Member | None, when: str | None, now: dt.datetime
) -> QuerySet[Booking]:
    """A space's bookings (or one member's): "upcoming" (confirmed, not over; soonest first),
    "past" (the rest; latest first) or all (latest first)."""
    bookings = Booking.objects.filter(space=space).select_related("resource", "member__user")
    if member is not None:
        bookings = bookings.filter(member=member)
    running = Q(end__gt=now, status=BookingStatus.CONFIRMED)
    if when == "upcoming":
        return bookings.filter(running).order_by("start", "pk")
    if when == "past":
        bookings = bookings.exclude(running)
    return bookings.order_by("-start", "-pk")


def fixed_desks_of(*, member: Member, today: dt.date) -> list[tuple[Resource, list[DeskRelease]]]:
    """The fixed desks a member holds (through their own or their company's membership),
    each with its upcoming released days."""
    from kollega.memberships.models import running_on

    desks = list(
        Resource.objects.filter(
            Q(fixed_membership__member=member)
            | Q(fixed_membership__company_id=member.company_id, fixed_membership__member=None)
            if member.company_id
            else Q(fixed_membership__member=member),
            running_on(today, prefix="fixed_membership__"),
            space=member.space,
            is_active=True,
        ).order_by("name")
    )
    releases: dict[int, list[DeskRelease]] = {}
    for release in DeskRelease.objects.filter(resource__in=desks, date__gte=today).order_by("date"):
        releases.setdefault(release.resource_id, []).append(release)
    return [(desk, releases.get(desk.pk, [])) for desk in desks]
