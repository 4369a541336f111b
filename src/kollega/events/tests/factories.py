"""factory_boy factories for events, written directly (bypassing the services) for read and
page tests. Times build on the bookings tests' calendar: "now" is Monday 2 March 2026,
08:00 in Oslo, and `at(day, hour)` is a moment in the spaces' time zone."""

from __future__ import annotations

import datetime as dt

import factory

from kollega.bookings.tests.factories import NOW, OSLO, TUESDAY, WEDNESDAY, at
from kollega.core.tests.factories import SpaceFactory
from kollega.events.models import (
    Audience,
    Event,
    EventKind,
    EventStatus,
    Feedback,
    HostKind,
    Rsvp,
    RsvpStatus,
)

__all__ = [
    "NOW",
    "OSLO",
    "TUESDAY",
    "WEDNESDAY",
    "EventFactory",
    "FeedbackFactory",
    "RsvpFactory",
    "at",
]


class EventFactory(factory.django.DjangoModelFactory):
    """A published social event in the kitchen on Wednesday 4 March 2026, 15:00-17:00 Oslo."""

    class Meta:
        model = Event

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Waffle Wednesday {n}")
    description = "Waffles and coffee.\nBring a friend from the next table."
    language = "en"
    kind = EventKind.SOCIAL
    host_kind = HostKind.SPACE
    location = "The kitchen"
    start = factory.LazyFunction(lambda: at(WEDNESDAY, 15))
    end = factory.LazyAttribute(lambda event: event.start + dt.timedelta(hours=2))
    audience = Audience.MEMBERS
    status = EventStatus.PUBLISHED


class RsvpFactory(factory.django.DjangoModelFactory):
    """A member going to an event (give a member of the event's space)."""

    class Meta:
        model = Rsvp

    event = factory.SubFactory(EventFactory)
    member = None  # always given
    status = RsvpStatus.GOING
    answered_at = NOW
    waiting_since = factory.LazyAttribute(
        lambda rsvp: rsvp.answered_at if rsvp.status == RsvpStatus.WAITING else None
    )


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    event = factory.SubFactory(EventFactory)
    member = None  # always given
    answered_at = NOW
