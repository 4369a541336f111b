"""Events in the demo: a living calendar with a rhythm, a past people took part in, upcoming
events filling up, proposals, and the demo member's own events."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from kollega.bookings.models import Booking, BookingStatus
from kollega.events.models import (
    Audience,
    Event,
    EventFormat,
    EventKind,
    EventStatus,
    Feedback,
    HostKind,
    Rsvp,
    RsvpStatus,
)
from kollega.events.selectors import event_proposals, my_events, waiting_list
from kollega.events.services import seats_taken
from kollega.events.services.attendance import ATTENDANCE_GRACE
from kollega.members.models import Member
from kollega.notifications.models import OutboundEmail
from kollega.spaces.models import Space

pytestmark = pytest.mark.django_db

MEMBER = "ingrid.haugen@trakk.example"


def week_of(moment: dt.datetime, space: Space) -> dt.date:
    day = timezone.localdate(moment, space.tzinfo)
    return day - dt.timedelta(days=day.weekday())


def test_the_demo_has_a_living_calendar(demo_output: str) -> None:
    output = demo_output
    assert "events:" in output
    now = timezone.now()
    smartby = Space.objects.get(slug="smartby-hub")
    tz = smartby.tzinfo
    this_monday = week_of(now, smartby)
    published = Event.objects.filter(space=smartby, status=EventStatus.PUBLISHED)
    past = published.filter(end__lte=now - ATTENDANCE_GRACE)
    upcoming = published.filter(start__gt=now)

    # A rhythm: the Thursday bar every week of the sixteen (a holiday moves it, a booked
    # Torget sends it to the canteen), and every kind of event.
    bars = list(published.filter(title="Torsdagsbar"))
    bar_weeks = {week_of(event.start, smartby) for event in bars}
    for back in range(-12, 5):
        assert this_monday + dt.timedelta(weeks=back) in bar_weeks
    assert all(timezone.localtime(e.start, tz).weekday() in (2, 3) for e in bars)
    assert sum(1 for e in bars if e.series_id is not None) >= 12
    assert set(published.values_list("kind", flat=True)) == set(EventKind.values)
    formats = {f for fs in published.values_list("formats", flat=True) for f in fs}
    assert {
        EventFormat.BAR,
        EventFormat.BREAKFAST,
        EventFormat.LUNCH_LECTURE,
        EventFormat.PITCH,
        EventFormat.WORKSHOP,
        EventFormat.SPEED_DATING,
    } <= formats
    assert published.filter(host_kind=HostKind.OUTSIDE).exclude(host_name="").count() >= 6
    assert published.filter(host_kind=HostKind.COMPANY, host_company__isnull=False).count() >= 2
    assert set(published.values_list("language", flat=True)) == {"nb", "en", "sv", "da"}

    # The deliberate gap: exactly one stretch of three past weeks without a professional
    # event, which the rhythm view can flag.
    professional_weeks = {
        week_of(start, smartby)
        for start in past.filter(kind=EventKind.PROFESSIONAL).values_list("start", flat=True)
    }
    runs, run = [], 0
    for back in range(-11, 0):
        if this_monday + dt.timedelta(weeks=back) in professional_weeks:
            runs.append(run)
            run = 0
        else:
            run += 1
    assert max(runs) == 3 and runs.count(3) == 1

    # The past: answers, check-ins (70-90 % of those going), no-shows, walk-ins, feedback.
    assert past.count() >= 30
    assert not past.filter(attendance_closed_at__isnull=True).exists()
    rsvps = Rsvp.objects.filter(event__in=past)
    going = rsvps.filter(status=RsvpStatus.GOING, walk_in=False)
    came = going.filter(checked_in_at__isnull=False).count()
    assert 0.7 <= came / going.count() <= 0.9
    assert going.filter(no_show=True).count() == going.count() - came
    assert rsvps.filter(walk_in=True, checked_in_at__isnull=False).count() >= 10
    assert rsvps.filter(status=RsvpStatus.NOT_GOING).exists()
    for rsvp in rsvps.filter(checked_in_at__isnull=False).select_related("event"):
        assert rsvp.event.start - dt.timedelta(hours=1) <= rsvp.checked_in_at < rsvp.event.end
        assert rsvp.answered_at <= rsvp.checked_in_at
    attendees = rsvps.filter(checked_in_at__isnull=False).count()
    feedback = Feedback.objects.filter(event__in=past)
    assert 0.6 * attendees <= feedback.count() < attendees
    assert feedback.filter(worth_it=True).count() > feedback.filter(worth_it=False).count() > 0
    assert feedback.filter(met_someone_new=True).exists()
    came_pairs = set(rsvps.filter(checked_in_at__isnull=False).values_list("event_id", "member_id"))
    assert set(feedback.values_list("event_id", "member_id")) <= came_pairs
    per_event = past.annotate(came=Count("rsvps", filter=Q(rsvps__checked_in_at__isnull=False)))
    assert sum(1 for event in per_event if event.came > 0) >= 0.9 * len(per_event)

    # The next four weeks: answers coming in, a full event with a waiting list (a seat was
    # given back and the first in line promoted), an event members bring guests to.
    assert upcoming.filter(start__lt=now + dt.timedelta(weeks=4)).count() >= 8
    answered = upcoming.annotate(going=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.GOING)))
    assert sum(1 for event in answered if event.going > 0) >= 8
    assert not Rsvp.objects.filter(event__in=upcoming, checked_in_at__isnull=False).exists()
    full = [
        event
        for event in upcoming.filter(capacity__isnull=False)
        if seats_taken(event) == event.capacity and waiting_list(event=event).exists()
    ]
    assert len(full) == 1
    assert Rsvp.objects.filter(event=full[0], promoted_at__isnull=False).count() == 1
    guests = upcoming.filter(audience=Audience.GUESTS)
    assert Rsvp.objects.filter(event__in=guests, status=RsvpStatus.GOING).exclude(guest_name="")

    # Proposals: one waits for the CM, one was declined with a message, one took place.
    assert [e.proposed_by.user.full_name for e in event_proposals(space=smartby)] == ["Priya Raman"]
    declined = Event.objects.get(space=smartby, status=EventStatus.DECLINED)
    assert declined.decision_message and declined.proposed_by is not None
    assert past.filter(proposed_by__isnull=False, host_kind=HostKind.MEMBER).exists()

    # Rooms are held through bookings: one hold per event in a room, at the event's time,
    # never overlapping a booking; made when the event was announced; used once started.
    in_rooms = published.filter(resource__isnull=False).select_related("room_booking")
    assert in_rooms.count() >= 30
    for event in in_rooms:
        hold = event.room_booking
        assert hold is not None and hold.member_id is None
        assert (hold.resource_id, hold.start, hold.end) == (
            event.resource_id,
            event.start,
            event.end,
        )
        assert hold.status == BookingStatus.CONFIRMED and hold.created_at < hold.start
        assert (hold.checked_in_at is not None) == (hold.start <= now)
        clash = Booking.objects.filter(
            resource_id=hold.resource_id,
            status=BookingStatus.CONFIRMED,
            start__lt=hold.end,
            end__gt=hold.start,
        ).exclude(pk=hold.pk)
        assert not clash.exists(), f"{event} clashes with {list(clash)}"

    # The e-mails the services queued while building count as sent; none goes out again.
    emails = OutboundEmail.objects.filter(key__startswith="event-")
    assert emails.filter(key__contains="-feedback-").exists()
    assert not emails.filter(sent_at__isnull=True).exists()

    # The other demo space has its own, smaller calendar.
    fjellgarden = Event.objects.filter(space__slug="fjellgarden", status=EventStatus.PUBLISHED)
    assert fjellgarden.filter(title="Fredagsbar").count() >= 14
    assert Rsvp.objects.filter(event__space__slug="fjellgarden", checked_in_at__isnull=False)
    assert Event.objects.filter(space__slug="fjellgarden", status=EventStatus.PROPOSED).exists()


@pytest.mark.usefixtures("demo_output")
def test_the_demo_member_has_events_of_her_own() -> None:
    now = timezone.now()
    ingrid = Member.objects.get(user__email=MEMBER, space__slug="smartby-hub")
    mine = list(my_events(member=ingrid, now=now))
    statuses = Counter(event.my_rsvps[0].status for event in mine)
    assert statuses[RsvpStatus.GOING] >= 1
    assert statuses[RsvpStatus.WAITING] == 1
    assert any(e.title == "Torsdagsbar" for e in mine if e.my_rsvps[0].status == RsvpStatus.GOING)

    # Second in line for the full event.
    waiting = next(e for e in mine if e.my_rsvps[0].status == RsvpStatus.WAITING)
    assert seats_taken(waiting) == waiting.capacity
    assert [r.member for r in waiting_list(event=waiting)].index(ingrid) == 1

    # One event she came to still waits for her feedback; the others she came to have it.
    came = Rsvp.objects.filter(
        member=ingrid, checked_in_at__isnull=False, event__attendance_closed_at__isnull=False
    ).select_related("event")
    pending = [r.event for r in came if not Feedback.objects.filter(event=r.event, member=ingrid)]
    assert len(pending) == 1
    assert pending[0].end <= now and pending[0].kind == EventKind.PROFESSIONAL
    assert came.count() >= 2


def calendar_snapshot() -> list[tuple[object, ...]]:
    """Every event, answer and feedback of the demo, for the same-seed test in test_demo.py."""
    events = list(
        Event.objects.order_by("space__slug", "start", "title", "pk").values_list(
            "space__slug", "title", "start", "end", "status", "resource__name", "capacity"
        )
    )
    rsvps = list(
        Rsvp.objects.order_by(
            "event__start", "event__title", "member__user__email", "pk"
        ).values_list(
            "event__title",
            "event__start",
            "member__user__email",
            "status",
            "guest_name",
            "walk_in",
            "no_show",
        )
    )
    feedback = list(
        Feedback.objects.order_by("event__start", "member__user__email", "pk").values_list(
            "event__title", "member__user__email", "worth_it", "met_someone_new"
        )
    )
    return events + rsvps + feedback
