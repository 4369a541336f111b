"""Rooms the space holds for events: a hold is a booking without a member, so it blocks the
room like any booking, but it is nobody's usage, never a no-show, and only staff move or
release it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kollega.bookings.models import Booking, BookingRule, BookingStatus, ResourceKind
from kollega.bookings.presence import whos_in
from kollega.bookings.services import (
    booking_hold_create,
    booking_hold_move,
    booking_hold_release,
    bookings_release_no_shows,
)
from kollega.bookings.tests.factories import ResourceFactory
from kollega.bookings.usage import usage_statement

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
DAY = dt.date(2026, 3, 5)


def at(hour: int) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour), tzinfo=OSLO)


@pytest.fixture
def room(world):
    return ResourceFactory(space=world.space_a, name="Storstua", kind=ResourceKind.ROOM)


def test_staff_hold_a_free_room_outside_opening_hours(world, room):
    hold = booking_hold_create(
        resource=room, start=at(18), end=at(23), title="Thursday bar", actor=world.cecilie
    )
    assert hold.member is None and hold.status == BookingStatus.CONFIRMED
    assert hold.title == "Thursday bar"


def test_members_cannot_hold_rooms(world, room):
    with pytest.raises(PermissionDenied):
        booking_hold_create(resource=room, start=at(18), end=at(20), title="x", actor=world.kari)


def test_a_hold_cannot_overlap_a_booking_and_a_failed_move_leaves_it(world, room):
    Booking.objects.create(
        space=world.space_a,
        resource=room,
        member=world.kari_member,
        start=at(10),
        end=at(11),
        currency="NOK",
    )
    with pytest.raises(ValidationError):
        booking_hold_create(resource=room, start=at(9), end=at(12), title="x", actor=world.cecilie)
    hold = booking_hold_create(
        resource=room, start=at(12), end=at(13), title="Lunch", actor=world.cecilie
    )
    with pytest.raises(ValidationError):
        booking_hold_move(
            hold=hold, resource=room, start=at(10), end=at(12), title="Lunch", actor=world.cecilie
        )
    hold.refresh_from_db()
    assert (hold.start, hold.end) == (at(12), at(13))
    moved = booking_hold_move(  # overlapping its own old time is fine
        hold=hold, resource=room, start=at(12), end=at(14), title="Lunch", actor=world.cecilie
    )
    assert moved.end == at(14)


def test_a_hold_longer_than_a_day_is_refused(world, room):
    with pytest.raises(ValidationError) as error:
        booking_hold_create(
            resource=room,
            start=at(9),
            end=at(9) + dt.timedelta(days=2),
            title="x",
            actor=world.cecilie,
        )
    assert "end" in error.value.message_dict


def test_a_hold_is_not_a_no_show_not_usage_and_not_someone_in(world, room):
    BookingRule.objects.create(
        space=world.space_a, kind=ResourceKind.ROOM, check_in_grace_minutes=15
    )
    booking_hold_create(resource=room, start=at(9), end=at(12), title="x", actor=world.cecilie)
    assert bookings_release_no_shows(now=at(11)) == 0
    statement = usage_statement(space=world.space_a, month=DAY.replace(day=1))
    assert statement.total.bookings == 0
    assert whos_in(space=world.space_a, day=DAY)[0].members == []


def test_releasing_a_hold_frees_the_room(world, room):
    hold = booking_hold_create(
        resource=room, start=at(9), end=at(12), title="x", actor=world.cecilie
    )
    with pytest.raises(PermissionDenied):
        booking_hold_release(hold=hold, actor=world.kari)
    booking_hold_release(hold=hold, actor=world.cecilie)
    hold.refresh_from_db()
    assert hold.status == BookingStatus.CANCELLED
    assert (
        booking_hold_create(
            resource=room, start=at(9), end=at(12), title="y", actor=world.cecilie
        ).pk
        != hold.pk
    )


def test_the_personal_data_export_has_bookings_but_not_the_spaces_holds(world, room):
    from kollega.members.gdpr import user_data_export

    Booking.objects.create(
        space=world.space_a,
        resource=room,
        member=world.kari_member,
        start=at(10),
        end=at(11),
        title="Board meeting",
        currency="NOK",
    )
    booking_hold_create(resource=room, start=at(12), end=at(13), title="x", actor=world.cecilie)
    exported = user_data_export(user=world.kari)["bookings"]
    assert [b["title"] for b in exported["bookings"]] == ["Board meeting"]
    assert exported["bookings"][0]["resource"] == "Storstua"
    assert user_data_export(user=world.ola)["bookings"]["bookings"] == []
