"""Included meeting-room hours, prices, quotes and cancelling.

A plan's included room hours times the membership's seats are used first each calendar month
(in the space's time zone), shared by everyone booking under the membership; the rest is
chargeable at the room's hourly price.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from kollega.bookings.models import Booking, BookingStatus, ResourceKind
from kollega.bookings.services import booking_cancel, booking_create, booking_quote
from kollega.bookings.tests.factories import (
    NOW,
    TUESDAY,
    WEDNESDAY,
    BookingRuleFactory,
    ResourceFactory,
    at,
    give_membership,
)
from kollega.memberships.models import PlanKind

pytestmark = pytest.mark.django_db

MARCH_31 = dt.date(2026, 3, 31)
APRIL_1 = dt.date(2026, 4, 1)


@pytest.fixture
def room(world: Any) -> Any:
    return ResourceFactory(space=world.space_a, name="Fjordrommet", hourly_price=Decimal("200"))


def book(
    member: Any,
    resource: Any,
    start: dt.datetime,
    end: dt.datetime,
    *,
    actor: Any = None,
    now: dt.datetime = NOW,
) -> Booking:
    return booking_create(
        member=member, resource=resource, start=start, end=end, actor=actor or member.user, now=now
    )


def usage(booking: Booking) -> tuple[int, int, Decimal]:
    booking.refresh_from_db()
    return booking.included_minutes, booking.chargeable_minutes, booking.price


# --- Allowances --------------------------------------------------------------------------


def test_included_hours_are_used_first_and_the_rest_is_charged(world, room):
    give_membership(world.mette_member, included_room_hours=2)
    first = book(world.mette_member, room, at(TUESDAY, 9), at(TUESDAY, 10, 30))
    second = book(world.mette_member, room, at(TUESDAY, 11), at(TUESDAY, 12))
    third = book(world.mette_member, room, at(TUESDAY, 13), at(TUESDAY, 14))
    assert usage(first) == (90, 0, Decimal("0.00"))
    assert usage(second) == (30, 30, Decimal("100.00"))
    assert usage(third) == (0, 60, Decimal("200.00"))
    assert third.currency == "NOK"


def test_the_allowance_is_hours_times_seats_pooled_across_the_company(world, room):
    membership = give_membership(world.fjordkraft, included_room_hours=2, seats=2)
    kari = book(world.kari_member, room, at(TUESDAY, 9), at(TUESDAY, 12))
    ola = book(world.ola_member, room, at(WEDNESDAY, 9), at(WEDNESDAY, 11))
    assert (kari.membership, ola.membership) == (membership, membership)
    assert usage(kari) == (180, 0, Decimal("0.00"))
    assert usage(ola) == (60, 60, Decimal("200.00"))
    # Another company's allowance is its own.
    give_membership(world.solo, included_room_hours=1)
    assert usage(book(world.mette_member, room, at(WEDNESDAY, 13), at(WEDNESDAY, 14)))[0] == 60


def test_the_price_is_rounded_to_ore_half_up(world):
    odd = ResourceFactory(space=world.space_a, hourly_price=Decimal("333.33"))
    half_hour = book(world.mette_member, odd, at(TUESDAY, 9), at(TUESDAY, 9, 30))
    hour_and_a_half = book(world.mette_member, odd, at(TUESDAY, 10), at(TUESDAY, 11, 30))
    assert usage(half_hour) == (0, 30, Decimal("166.67"))  # 166.665
    assert usage(hour_and_a_half) == (0, 90, Decimal("500.00"))  # 499.995


def test_the_allowance_is_per_calendar_month_in_the_space_time_zone(world, room):
    """00:00-01:00 on 1 April in Oslo is still 31 March in UTC; it uses April's hours."""
    give_membership(world.mette_member, included_room_hours=1)
    march = book(world.mette_member, room, at(MARCH_31, 22), at(MARCH_31, 23))
    march_again = book(world.mette_member, room, at(MARCH_31, 23), at(APRIL_1, 0))
    april = book(world.mette_member, room, at(APRIL_1, 0), at(APRIL_1, 1))
    april_again = book(world.mette_member, room, at(APRIL_1, 10), at(APRIL_1, 11))
    assert april.start.astimezone(dt.UTC).date() == MARCH_31
    assert [usage(b)[:2] for b in (march, march_again, april, april_again)] == [
        (60, 0),
        (0, 60),
        (60, 0),
        (0, 60),
    ]


def test_cancelling_gives_the_included_hours_back(world, room):
    give_membership(world.mette_member, included_room_hours=1)
    first = book(world.mette_member, room, at(TUESDAY, 10), at(TUESDAY, 11))
    booking_cancel(booking=first, actor=world.mette, now=NOW)
    again = book(world.mette_member, room, at(WEDNESDAY, 10), at(WEDNESDAY, 11))
    assert usage(again) == (60, 0, Decimal("0.00"))


def test_an_individual_membership_is_preferred_over_the_company(world, room):
    give_membership(world.fjordkraft, included_room_hours=10, seats=2)
    own = give_membership(world.ola_member, kind=PlanKind.COMMUNITY, included_room_hours=1)
    booking = book(world.ola_member, room, at(TUESDAY, 10), at(TUESDAY, 12))
    assert booking.membership == own
    assert usage(booking) == (60, 60, Decimal("200.00"))


def test_an_ended_or_future_membership_is_not_used(world, room):
    ended = give_membership(world.mette_member, included_room_hours=5)
    ended.end_date = dt.date(2026, 2, 28)
    ended.save()
    give_membership(world.mette_member, included_room_hours=5, start_date=WEDNESDAY)
    tuesday = book(world.mette_member, room, at(TUESDAY, 10), at(TUESDAY, 11))
    wednesday = book(world.mette_member, room, at(WEDNESDAY, 10), at(WEDNESDAY, 11))
    assert (tuesday.membership, usage(tuesday)) == (None, (0, 60, Decimal("200.00")))
    assert usage(wednesday) == (60, 0, Decimal("0.00"))


@pytest.mark.parametrize("kind", [ResourceKind.BOOTH, ResourceKind.DESK, ResourceKind.EVENT_AREA])
def test_only_meeting_rooms_use_the_allowance(world, kind):
    membership = give_membership(world.mette_member, included_room_hours=10)
    resource = ResourceFactory(space=world.space_a, kind=kind, hourly_price=Decimal("50"))
    booking = book(world.mette_member, resource, at(TUESDAY, 10), at(TUESDAY, 11))
    assert booking.membership == membership
    assert usage(booking) == (0, 60, Decimal("50.00"))


def test_a_quote_shows_the_figures_of_the_booking_it_becomes_and_writes_nothing(world, room):
    give_membership(world.fjordkraft, included_room_hours=1)
    book(world.kari_member, room, at(TUESDAY, 9), at(TUESDAY, 9, 30))
    before = list(Booking.objects.values_list("pk", "included_minutes"))
    quote = booking_quote(
        member=world.ola_member,
        resource=room,
        start=at(TUESDAY, 10),
        end=at(TUESDAY, 11, 30),
        actor=world.ola,
        now=NOW,
    )
    assert list(Booking.objects.values_list("pk", "included_minutes")) == before
    booking = book(world.ola_member, room, at(TUESDAY, 10), at(TUESDAY, 11, 30))
    assert (quote.minutes, quote.included_minutes, quote.chargeable_minutes) == (90, 30, 60)
    assert (quote.price, quote.currency, quote.membership) == (
        booking.price,
        booking.currency,
        booking.membership,
    )
    assert (booking.included_minutes, booking.chargeable_minutes) == (30, 60)
    assert booking.price == Decimal("200.00")


def test_a_quote_refuses_a_taken_time_like_the_booking_would(world, room):
    book(world.kari_member, room, at(TUESDAY, 10), at(TUESDAY, 11))
    with pytest.raises(ValidationError) as info:
        booking_quote(
            member=world.ola_member,
            resource=room,
            start=at(TUESDAY, 10, 30),
            end=at(TUESDAY, 11, 30),
            actor=world.ola,
            now=NOW,
        )
    assert list(info.value.message_dict) == ["start"]


# --- Cancelling --------------------------------------------------------------------------


@pytest.fixture
def kari_tuesday(world: Any, room: Any) -> Booking:
    """Kari's room 10-11 on Tuesday; rooms can be cancelled until 2 hours before."""
    BookingRuleFactory(space=world.space_a, kind=ResourceKind.ROOM, cancel_minutes=120)
    return book(world.kari_member, room, at(TUESDAY, 10), at(TUESDAY, 11))


def test_a_member_cancels_their_own_booking_until_the_deadline(world, kari_tuesday):
    cancelled = booking_cancel(booking=kari_tuesday, actor=world.kari, now=at(TUESDAY, 8))
    kari_tuesday.refresh_from_db()
    assert kari_tuesday.status == cancelled.status == BookingStatus.CANCELLED
    assert kari_tuesday.cancelled_at == at(TUESDAY, 8)


def test_the_clock_is_the_default_now_when_cancelling(world, kari_tuesday):
    with time_machine.travel(at(TUESDAY, 8, 1), tick=False), pytest.raises(ValidationError):
        booking_cancel(booking=kari_tuesday, actor=world.kari)
    with time_machine.travel(at(TUESDAY, 7, 59), tick=False):
        booking_cancel(booking=kari_tuesday, actor=world.kari)
    kari_tuesday.refresh_from_db()
    assert kari_tuesday.status == BookingStatus.CANCELLED


def test_after_the_deadline_members_cannot_cancel_but_staff_can(world, kari_tuesday):
    with pytest.raises(ValidationError) as info:
        booking_cancel(booking=kari_tuesday, actor=world.kari, now=at(TUESDAY, 8, 30))
    assert info.value.message_dict == {
        "status": ["Bookings can be cancelled until 120 minutes before they start."]
    }
    kari_tuesday.refresh_from_db()
    assert kari_tuesday.status == BookingStatus.CONFIRMED
    booking_cancel(booking=kari_tuesday, actor=world.cecilie, now=at(TUESDAY, 10, 30))
    kari_tuesday.refresh_from_db()
    assert kari_tuesday.status == BookingStatus.CANCELLED


@pytest.mark.parametrize("actor", ["ola", "mette", "sven", "bjorn"])
def test_nobody_else_cancels_a_members_booking(world, kari_tuesday, actor):
    with pytest.raises(PermissionDenied, match=r"You can only cancel your own bookings\."):
        booking_cancel(booking=kari_tuesday, actor=getattr(world, actor), now=NOW)
    kari_tuesday.refresh_from_db()
    assert kari_tuesday.status == BookingStatus.CONFIRMED


def test_a_booking_cannot_be_cancelled_twice(world, kari_tuesday):
    booking_cancel(booking=kari_tuesday, actor=world.kari, now=NOW)
    with pytest.raises(ValidationError) as info:
        booking_cancel(booking=kari_tuesday, actor=world.cecilie, now=at(TUESDAY, 7))
    assert info.value.message_dict == {"status": ["This booking is not active."]}
    kari_tuesday.refresh_from_db()
    assert kari_tuesday.cancelled_at == NOW


def test_a_finished_booking_cannot_be_cancelled_even_by_staff(world, kari_tuesday):
    with pytest.raises(ValidationError) as info:
        booking_cancel(booking=kari_tuesday, actor=world.cecilie, now=at(TUESDAY, 11))
    assert info.value.message_dict == {"status": ["This booking is over."]}
    kari_tuesday.refresh_from_db()
    assert kari_tuesday.status == BookingStatus.CONFIRMED
