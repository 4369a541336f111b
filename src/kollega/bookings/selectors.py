"""Booking reads: the day's availability grid, desks free for a whole day per zone, a
member's bookings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from kollega.accounts.models import User
from kollega.bookings.models import (
    Booking,
    BookingStatus,
    CalendarFeed,
    DeskRelease,
    OpeningHours,
    PresencePreference,
    Resource,
    ResourceKind,
    Zone,
)
from kollega.bookings.services.bookings import MAX_BOOKING, booking_rule_for
from kollega.members.models import Member
from kollega.spaces.models import Space

DEFAULT_DAY = (dt.time(8, 0), dt.time(18, 0))  # the grid's hours when none are set


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


# --- whole-day desks ----------------------------------------------------------------------------


def desk_day_window(
    *, space: Space, day: dt.date, hours: tuple[dt.time, dt.time], step: int, now: dt.datetime
) -> tuple[dt.datetime, dt.datetime] | None:
    """The time a whole-day desk booking covers: from opening to closing, or today from the
    next time step on; None when the day is over. No queries."""
    tz = space.tzinfo
    start = dt.datetime.combine(day, hours[0], tzinfo=tz)
    end = dt.datetime.combine(day, hours[1], tzinfo=tz)
    if now >= end:
        return None
    if now > start:  # today, after opening: from the next step (now is on `day`)
        local = timezone.localtime(now, tz)
        minutes = local.hour * 60 + local.minute + bool(local.second or local.microsecond)
        minutes = -(-minutes // step) * step
        start = dt.datetime.combine(day, dt.time(0), tzinfo=tz) + dt.timedelta(minutes=minutes)
        if start >= end:
            return None
    return start, end


def bookable_desks(
    *,
    space: Space,
    day: dt.date,
    start: dt.datetime,
    end: dt.datetime,
    zone: Zone | None = None,
    free_only: bool = False,
) -> QuerySet[Resource]:
    """The desks others may book on `day` (flex desks, and fixed desks released that day),
    by name, each annotated `taken`: whether a confirmed booking overlaps `start`-`end`.
    Only those of `zone` if given; only those not taken with `free_only`."""
    released = DeskRelease.objects.filter(resource=OuterRef("pk"), date=day)
    overlapping = Booking.objects.filter(
        resource=OuterRef("pk"),
        status=BookingStatus.CONFIRMED,
        start__lt=end,
        end__gt=start,
        start__gte=start - MAX_BOOKING,  # a booking lasts at most a day: use the index
    )
    desks = Resource.objects.filter(space=space, kind=ResourceKind.DESK, is_active=True).filter(
        Q(fixed_membership__isnull=True) | Exists(released)
    )
    if zone is not None:
        desks = desks.filter(zone=zone)
    if free_only:
        desks = desks.filter(~Exists(overlapping))
    return desks.annotate(taken=Exists(overlapping)).select_related("zone").order_by("name", "pk")


@dataclass
class ZoneFree:
    zone: Zone
    desks: int  # desks bookable in the zone that day
    free_desks: list[Resource]  # of those, the ones free for the whole day, by name

    @property
    def free(self) -> int:
        return len(self.free_desks)


def flex_zone_free(*, space: Space, day: dt.date, now: dt.datetime | None = None) -> list[ZoneFree]:
    """Per zone with desks others may book on `day` (every flex zone with desks, and a fixed
    zone with a desk released that day), how many are free for the whole day. Empty when the
    space is closed or the day is over.

    Four queries whatever the number of zones and desks: closed day, opening hours, the
    desks' rule, the desks (with releases and bookings as subqueries).
    """
    hours = day_hours(space=space, day=day)
    if hours is None:
        return []
    step = booking_rule_for(space_id=space.pk, kind=ResourceKind.DESK).granularity_minutes
    window = desk_day_window(
        space=space, day=day, hours=hours, step=step, now=now or timezone.now()
    )
    if window is None:
        return []
    zones: dict[int, ZoneFree] = {}
    for desk in bookable_desks(space=space, day=day, start=window[0], end=window[1]):
        if desk.zone is None:
            continue
        entry = zones.setdefault(desk.zone.pk, ZoneFree(zone=desk.zone, desks=0, free_desks=[]))
        entry.desks += 1
        if not desk.taken:  # type: ignore[attr-defined]
            entry.free_desks.append(desk)
    return sorted(zones.values(), key=lambda entry: (entry.zone.name, entry.zone.pk))


def bookings_data_export(*, user: User) -> dict[str, list[Any]]:
    """Everything bookings hold about `user`, for the GDPR export: their bookings (with
    price, check-in and no-show), the days they released their desk, their calendar feeds
    (when made and revoked; the secret is not stored) and their who's-in choice."""

    def moment(value: dt.datetime | None) -> str | None:
        return value.isoformat() if value is not None else None

    bookings = (
        Booking.objects.filter(member__user=user)
        .select_related("space", "resource")
        .order_by("start", "pk")
    )
    releases = (
        DeskRelease.objects.filter(released_by__user=user)
        .select_related("resource__space")
        .order_by("date")
    )
    return {
        "bookings": [
            {
                "space": booking.space.name,
                "resource": booking.resource.name,
                "start": booking.start.isoformat(),
                "end": booking.end.isoformat(),
                "title": booking.title,
                "status": booking.status,
                "price": str(booking.price),
                "currency": booking.currency,
                "included_minutes": booking.included_minutes,
                "chargeable_minutes": booking.chargeable_minutes,
                "created_at": booking.created_at.isoformat(),
                "cancelled_at": moment(booking.cancelled_at),
                "checked_in_at": moment(booking.checked_in_at),
                "released_as_no_show_at": moment(booking.released_at),
            }
            for booking in bookings
        ],
        "desk_releases": [
            {
                "space": release.resource.space.name,
                "desk": release.resource.name,
                "date": release.date.isoformat(),
            }
            for release in releases
        ],
        "calendar_feeds": [
            {"created_at": feed.created_at.isoformat(), "revoked_at": moment(feed.revoked_at)}
            for feed in CalendarFeed.objects.filter(member__user=user).order_by("created_at")
        ],
        "hidden_from_whos_in": [
            preference.member.space.name
            for preference in PresencePreference.objects.filter(
                member__user=user, hide_from_whos_in=True
            ).select_related("member__space")
        ],
    }
