"""Calendar feeds (iCalendar, RFC 5545): reads and rendering.

Two feeds, both of confirmed bookings from 30 days back and everything upcoming:

- a member's personal feed, found by its secret (only a hash is stored): each booking with
  the room's name and the booking's title;
- a room's feed, found by the room's token: when it is booked, never by whom.

Times are written in the space's time zone (TZID) with a VTIMEZONE describing it, so
calendar apps show them right also across daylight saving changes. Each booking's UID is
stable, so an app updates (or, once it is cancelled and left out, removes) the same event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from kollega.bookings.models import (
    Booking,
    BookingStatus,
    CalendarFeed,
    Resource,
    ResourceKind,
)
from kollega.bookings.services.calendar import calendar_feed_hash
from kollega.members.models import Member, MemberStatus
from kollega.members.selectors import member_language
from kollega.spaces.models import Space

FEED_PAST = dt.timedelta(days=30)  # how far back a feed reaches
PRODID = "-//Kollega//Bookings//EN"


def calendar_feed_get(*, secret: str) -> CalendarFeed | None:
    """The live feed with this secret, of a member still active in their space; else None."""
    if not secret:
        return None
    return (
        CalendarFeed.objects.filter(
            token_hash=calendar_feed_hash(secret),
            revoked_at__isnull=True,
            member__status=MemberStatus.ACTIVE,
        )
        .select_related("member__space", "member__user")
        .first()
    )


def calendar_feed_active(*, member: Member) -> CalendarFeed | None:
    """The member's live feed, if they have one (its secret is not known any more)."""
    return (
        CalendarFeed.objects.filter(member=member, revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )


def room_feed_resource_get(*, token: str) -> Resource | None:
    """The resource whose feed this token opens (the room's check-in token)."""
    if not token:
        return None
    return Resource.objects.filter(check_in_token=token).select_related("space").first()


def room_feed_resources(*, space: Space) -> QuerySet[Resource]:
    """The space's bookable rooms, booths and event areas, whose feeds members may see
    (desks have feeds too, but are not listed: there are many and nobody subscribes)."""
    return (
        Resource.objects.filter(space=space, is_active=True)
        .exclude(kind=ResourceKind.DESK)
        .order_by("kind", "name")
    )


def _window(bookings: QuerySet[Booking], now: dt.datetime) -> QuerySet[Booking]:
    return bookings.filter(status=BookingStatus.CONFIRMED, end__gt=now - FEED_PAST).order_by(
        "start", "pk"
    )


def feed_language(member: Member | None, space: Space) -> str | None:
    """The feed's language: the member's own, else the space's first (apps send none)."""
    if member is not None:
        return member_language(member=member)
    return next(iter(space.languages or []), None)


def _uid(booking: Booking) -> str:
    host = urlsplit(settings.KOLLEGA_BASE_URL).hostname or "kollega"
    return f"booking-{booking.pk}@{host}"


def calendar_frame(*, name: str, space: Space) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", space.time_zone)
    return calendar


def calendar_ics(
    calendar: icalendar.Calendar, spans: list[tuple[dt.datetime, dt.datetime]]
) -> bytes:
    """The calendar as iCalendar bytes, with the VTIMEZONE definitions for the (start, end)
    `spans` of its entries and a year either side."""
    if spans:
        margin = dt.timedelta(days=366)
        calendar.add_missing_timezones(
            first_date=(min(start for start, _end in spans) - margin).date(),
            last_date=(max(end for _start, end in spans) + margin).date(),
        )
    return calendar.to_ical()


def _render(
    calendar: icalendar.Calendar,
    *,
    space: Space,
    bookings: Iterable[Booking],
    summary: Callable[[Booking], str],
    now: dt.datetime,
) -> bytes:
    """Add one VEVENT per booking (`summary(booking)` names it) and the VTIMEZONE."""
    tz = space.tzinfo
    stamp = now.astimezone(dt.UTC)
    spans: list[tuple[dt.datetime, dt.datetime]] = []
    for booking in bookings:
        event = icalendar.Event()
        event.add("uid", _uid(booking))
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.start.astimezone(tz))
        event.add("dtend", booking.end.astimezone(tz))
        event.add("summary", summary(booking))
        event.add("location", space.name)
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        event.add("created", booking.created_at.astimezone(dt.UTC))
        calendar.add_component(event)
        spans.append((booking.start, booking.end))
    return calendar_ics(calendar, spans)


def member_calendar(*, member: Member, now: dt.datetime) -> bytes:
    """The member's confirmed bookings (30 days back, all upcoming) as an iCalendar file."""
    space = member.space
    bookings = _window(Booking.objects.filter(member=member), now).select_related("resource")
    with translation.override(feed_language(member, space)):
        calendar = calendar_frame(
            name=_("My bookings at %(space)s") % {"space": space.name}, space=space
        )

        def summary(booking: Booking) -> str:
            if booking.title:
                return f"{booking.resource.name}: {booking.title}"
            return booking.resource.name

        return _render(calendar, space=space, bookings=bookings, summary=summary, now=now)


def room_calendar(*, resource: Resource, now: dt.datetime) -> bytes:
    """When `resource` is booked (30 days back, all upcoming), without who or why."""
    space = resource.space
    bookings = _window(Booking.objects.filter(resource=resource), now).only(
        "pk", "start", "end", "created_at"
    )
    with translation.override(feed_language(None, space)):
        calendar = calendar_frame(name=f"{resource.name} · {space.name}", space=space)
        booked = _("Booked")
        return _render(calendar, space=space, bookings=bookings, summary=lambda _b: booked, now=now)
