"""Calendar feeds and presence pages.

- `/calendar/<secret>.ics` and `/calendar/rooms/<token>.ics`: iCalendar feeds for calendar
  apps, with no sign-in (the secret in the URL is the key); unknown or revoked → 404, and
  never cached, as they show private data.
- `/s/<slug>/calendar/`: the member makes or revokes their feed (the URL is shown once) and
  chooses whether they appear in "who's in".
- `/s/<slug>/whos-in/`: who is in today and this week, for the space's members and staff.

Thin: parse, call one selector or service, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from kollega.bookings.calendar import (
    calendar_feed_active,
    calendar_feed_get,
    member_calendar,
    room_calendar,
    room_feed_resource_get,
    room_feed_resources,
)
from kollega.bookings.presence import presence_hidden, whos_in
from kollega.bookings.services.calendar import calendar_feed_create, calendar_feed_revoke
from kollega.bookings.services.presence import presence_preference_update
from kollega.core.http import own_member_or_404, request_user
from kollega.core.permissions import can_view_space
from kollega.members.models import Member
from kollega.members.selectors import member_get_own
from kollega.spaces.models import Space

ICALENDAR = "text/calendar; charset=utf-8"


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICALENDAR)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
@never_cache
def member_feed(request: HttpRequest, secret: str) -> HttpResponse:
    feed = calendar_feed_get(secret=secret)
    if feed is None:
        raise Http404
    return ics_response(member_calendar(member=feed.member, now=timezone.now()), "bookings.ics")


@require_safe
@never_cache
def room_feed(request: HttpRequest, token: str) -> HttpResponse:
    resource = room_feed_resource_get(token=token)
    if resource is None:
        raise Http404
    return ics_response(room_calendar(resource=resource, now=timezone.now()), "room.ics")


def _calendar_page(
    request: HttpRequest, member: Member, *, secret: str | None = None
) -> HttpResponse:
    feed_url = events_url = my_events_url = None
    if secret is not None:
        feed_url = request.build_absolute_uri(reverse("calendar:member_feed", args=[secret]))
        events_url = request.build_absolute_uri(
            reverse("events_calendar:space_feed", args=[secret])
        )
        my_events_url = request.build_absolute_uri(
            reverse("events_calendar:my_feed", args=[secret])
        )
    rooms = [
        (
            resource,
            request.build_absolute_uri(
                reverse("calendar:room_feed", args=[resource.check_in_token])
            ),
        )
        for resource in room_feed_resources(space=member.space)
    ]
    return render(
        request,
        "bookings/calendar.html",
        {
            "space": member.space,
            "feed": calendar_feed_active(member=member),
            "feed_url": feed_url,
            "webcal_url": feed_url and "webcal://" + feed_url.split("://", 1)[1],
            "events_url": events_url,
            "my_events_url": my_events_url,
            "hidden": presence_hidden(member=member),
            "rooms": rooms,
        },
    )


@login_required
@require_GET
@never_cache
def calendar_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _calendar_page(request, own_member_or_404(request, slug))


@login_required
@require_POST
@never_cache
def feed_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Make a new feed and show its URL, this once (it is not stored, so not redirected)."""
    member = own_member_or_404(request, slug)
    _feed, secret = calendar_feed_create(member=member, actor=request_user(request))
    return _calendar_page(request, member, secret=secret)


@login_required
@require_POST
def feed_revoke(request: HttpRequest, slug: str) -> HttpResponse:
    member = own_member_or_404(request, slug)
    feed = calendar_feed_active(member=member)
    if feed is not None:
        calendar_feed_revoke(feed=feed, actor=request_user(request))
        messages.success(request, _("Your calendar feed is switched off."))
    return redirect("presence:calendar", slug=slug)


@login_required
@require_POST
def presence_update(request: HttpRequest, slug: str) -> HttpResponse:
    member = own_member_or_404(request, slug)
    hide = request.POST.get("hide_from_whos_in") == "on"
    presence_preference_update(member=member, actor=request_user(request), hide_from_whos_in=hide)
    if hide:
        messages.success(request, _("You are no longer shown in “who's in”."))
    else:
        messages.success(request, _("You are shown in “who's in” on the days you are in."))
    return redirect("presence:calendar", slug=slug)


@login_required
@require_GET
def whos_in_page(request: HttpRequest, slug: str) -> HttpResponse:
    space = get_object_or_404(Space, slug=slug)
    if not can_view_space(user=request_user(request), space=space):
        raise Http404
    today = timezone.localdate(timezone=space.tzinfo)
    week = whos_in(space=space, day=today, week=True)
    return render(
        request,
        "bookings/whos_in.html",
        {
            "space": space,
            "today": next(entry for entry in week if entry.day == today),
            "week": week,
            "me": member_get_own(user=request_user(request), space=space),
        },
    )
