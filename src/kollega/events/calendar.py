"""Event calendar feeds (iCalendar, RFC 5545), opened by the member's bookings feed secret.

Two feeds, both from 30 days back and everything upcoming:

- the space's feed: every published event of the member's space, and the cancelled ones as
  STATUS:CANCELLED, so a calendar app that showed them takes them away;
- the member's own feed: the events they are going to (a cancelled one stays, cancelled).

Members see every event of their space (as on the events pages), so the space's feed is the
same for all of them but for its language. Times are written in the space's time zone
(TZID) with a VTIMEZONE; each event's UID is stable, so an app updates the same entry when
an event moves. The calendar's frame (PRODID, name, time zone) and its language come from
the bookings feeds, so every Kollega feed looks alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from kollega.bookings.calendar import FEED_PAST, calendar_frame, calendar_ics, feed_language
from kollega.events.models import Event, EventStatus, Rsvp, RsvpStatus
from kollega.events.services.events import event_url
from kollega.members.models import Member
from kollega.spaces.models import Space

FEED_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)


def _window(events: QuerySet[Event], now: dt.datetime) -> QuerySet[Event]:
    return (
        events.filter(status__in=FEED_STATUSES, end__gt=now - FEED_PAST)
        .select_related("resource", "space")
        .order_by("start", "pk")
    )


def _uid(event: Event) -> str:
    host = urlsplit(settings.KOLLEGA_BASE_URL).hostname or "kollega"
    return f"event-{event.pk}@{host}"


def _place(event: Event) -> str:
    if event.resource is not None:
        return event.resource.name
    return event.location or event.online_url


def _description(event: Event, url: str) -> str:
    parts = [event.description]
    if event.online_url:
        parts.append(_("Online: %(link)s") % {"link": event.online_url})
    if event.status == EventStatus.CANCELLED:
        parts.insert(0, _("This event is cancelled."))
    parts.append(url)
    return "\n\n".join(part for part in parts if part)


def _render(
    calendar: icalendar.Calendar, *, space: Space, events: Iterable[Event], now: dt.datetime
) -> bytes:
    """One VEVENT per event, and the VTIMEZONE of the space's time zone."""
    tz = space.tzinfo
    stamp = now.astimezone(dt.UTC)
    spans: list[tuple[dt.datetime, dt.datetime]] = []
    for event in events:
        cancelled = event.status == EventStatus.CANCELLED
        url = event_url(event)
        entry = icalendar.Event()
        entry.add("uid", _uid(event))
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start.astimezone(tz))
        entry.add("dtend", event.end.astimezone(tz))
        entry.add("summary", event.title)
        entry.add("description", _description(event, url))
        place = _place(event)
        if place:
            entry.add("location", place)
        entry.add("url", url)
        entry.add("categories", [str(event.get_kind_display())])
        entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        entry.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
        entry.add("created", event.created_at.astimezone(dt.UTC))
        if event.cancelled_at is not None:
            entry.add("last-modified", event.cancelled_at.astimezone(dt.UTC))
        calendar.add_component(entry)
        spans.append((event.start, event.end))
    return calendar_ics(calendar, spans)


def space_events_calendar(*, member: Member, now: dt.datetime) -> bytes:
    """The events of the member's space (30 days back, all upcoming; cancelled ones marked
    so), in the member's language."""
    space = member.space
    events = _window(Event.objects.filter(space=space), now)
    with translation.override(feed_language(member, space)):
        calendar = calendar_frame(
            name=_("Events at %(space)s") % {"space": space.name}, space=space
        )
        return _render(calendar, space=space, events=events, now=now)


def my_events_calendar(*, member: Member, now: dt.datetime) -> bytes:
    """The events the member is going to (30 days back, all upcoming)."""
    space = member.space
    going = Rsvp.objects.filter(member=member, status=RsvpStatus.GOING).values("event_id")
    events = _window(Event.objects.filter(space=space, pk__in=going), now)
    with translation.override(feed_language(member, space)):
        calendar = calendar_frame(
            name=_("My events at %(space)s") % {"space": space.name}, space=space
        )
        return _render(calendar, space=space, events=events, now=now)
