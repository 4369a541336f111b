"""Event calendar feeds for calendar apps, at /calendar/<secret>/events.ics (the space's
events) and /calendar/<secret>/my-events.ics (the events I am going to).

No sign-in: the secret of the member's bookings calendar feed is the key, so one secret,
made and revoked on the member's calendar page, opens all their feeds. Unknown or revoked →
404; never cached, as the feeds show private data. Same headers as the bookings feeds.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kollega.bookings.calendar import calendar_feed_get
from kollega.bookings.calendar_views import ics_response
from kollega.events.calendar import my_events_calendar, space_events_calendar
from kollega.members.models import Member


def _member(secret: str) -> Member:
    feed = calendar_feed_get(secret=secret)
    if feed is None:
        raise Http404
    return feed.member


@require_safe
@never_cache
def space_feed(request: HttpRequest, secret: str) -> HttpResponse:
    member = _member(secret)
    return ics_response(space_events_calendar(member=member, now=timezone.now()), "events.ics")


@require_safe
@never_cache
def my_feed(request: HttpRequest, secret: str) -> HttpResponse:
    member = _member(secret)
    return ics_response(my_events_calendar(member=member, now=timezone.now()), "my-events.ics")
