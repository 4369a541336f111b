"""Check-in and no-shows, fixed desks released for days away, and recurring bookings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kollega.bookings.models import (
    Booking,
    BookingRule,
    BookingStatus,
    DeskRelease,
    Resource,
    ResourceKind,
)
from kollega.bookings.services import (
    booking_check_in,
    booking_create,
    booking_series_create,
    bookings_release_no_shows,
    desk_release,
    desk_release_withdraw,
)
from kollega.core.tests.factories import PlanFactory
from kollega.memberships.models import Membership
from kollega.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 3, 2)


def at(space, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=space.tzinfo)


@pytest.fixture
def room(world):
    BookingRule.objects.create(
        space=world.space_a, kind=ResourceKind.ROOM, check_in_grace_minutes=15, max_minutes=480
    )
    return Resource.objects.create(
        space=world.space_a, kind=ResourceKind.ROOM, name="Fjorden", hourly_price=Decimal("300")
    )


@pytest.fixture
def booked(world, room):
    start = at(world.space_a, MONDAY, 10)
    return booking_create(
        member=world.kari_member,
        resource=room,
        start=start,
        end=start + dt.timedelta(hours=1),
        actor=world.kari,
        now=start - dt.timedelta(days=1),
    )


def test_check_in_opens_15_minutes_before_and_closes_at_the_end(world, booked):
    with pytest.raises(ValidationError):
        booking_check_in(
            booking=booked, actor=world.kari, now=booked.start - dt.timedelta(minutes=16)
        )
    done = booking_check_in(
        booking=booked, actor=world.kari, now=booked.start - dt.timedelta(minutes=5)
    )
    assert done.checked_in_at == booked.start - dt.timedelta(minutes=5)
    again = booking_check_in(booking=booked, actor=world.kari, now=booked.start)
    assert again.checked_in_at == done.checked_in_at  # the first time counts
    with pytest.raises(PermissionDenied):
        booking_check_in(booking=booked, actor=world.ola, now=booked.start)


def test_a_no_show_is_released_after_the_grace_period_and_told_once(
    world, booked, django_capture_on_commit_callbacks
):
    assert bookings_release_no_shows(now=booked.start + dt.timedelta(minutes=14)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert bookings_release_no_shows(now=booked.start + dt.timedelta(minutes=16)) == 1
        assert bookings_release_no_shows(now=booked.start + dt.timedelta(minutes=20)) == 0
    booked.refresh_from_db()
    assert booked.status == BookingStatus.RELEASED
    assert (
        OutboundEmail.objects.filter(
            to=world.kari.email, key=f"booking-{booked.pk}-released"
        ).count()
        == 1
    )


def test_a_checked_in_booking_is_never_released(world, booked):
    booking_check_in(booking=booked, actor=world.kari, now=booked.start + dt.timedelta(minutes=3))
    assert bookings_release_no_shows(now=booked.start + dt.timedelta(minutes=30)) == 0


def test_without_a_grace_period_nothing_is_released(world, booked):
    BookingRule.objects.update(check_in_grace_minutes=None)
    assert bookings_release_no_shows(now=booked.start + dt.timedelta(minutes=50)) == 0


def test_the_qr_code_page_checks_me_in(client, world, booked, time_machine):
    time_machine.move_to(booked.start + dt.timedelta(minutes=2))
    url = reverse("checkin:code", kwargs={"token": booked.resource.check_in_token})
    client.force_login(world.kari)
    assert b"Fjorden" in client.get(url).content
    client.post(url)
    booked.refresh_from_db()
    assert booked.checked_in_at is not None
    client.force_login(world.ola)  # no booking of his own: nothing to check in to
    assert 'class="checked-in"' not in client.get(url).content.decode()
    assert client.get(reverse("checkin:code", kwargs={"token": "nope"})).status_code == 404


# --- fixed desks -------------------------------------------------------------------------


@pytest.fixture
def fixed_desk(world):
    plan = PlanFactory(space=world.space_a, kind="fixed_desk", name="Fast plass")
    membership = Membership.objects.create(
        space=world.space_a, plan=plan, member=world.mette_member, start_date=dt.date(2026, 1, 1)
    )
    return Resource.objects.create(
        space=world.space_a, kind=ResourceKind.DESK, name="Pult 7", fixed_membership=membership
    )


def desk_day(space, day):
    return at(space, day, 9), at(space, day, 17)


def test_a_fixed_desk_is_bookable_by_others_only_on_released_days(world, fixed_desk, time_machine):
    time_machine.move_to(at(world.space_a, MONDAY, 7))
    BookingRule.objects.create(space=world.space_a, kind=ResourceKind.DESK, max_minutes=600)
    start, end = desk_day(world.space_a, MONDAY + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        booking_create(
            member=world.kari_member, resource=fixed_desk, start=start, end=end, actor=world.kari
        )
    assert "fixed desk" in str(refused.value.message_dict["resource"])
    desk_release(
        resource=fixed_desk, member=world.mette_member, actor=world.mette, date=start.date()
    )
    booking = booking_create(
        member=world.kari_member, resource=fixed_desk, start=start, end=end, actor=world.kari
    )
    assert booking.status == BookingStatus.CONFIRMED
    with pytest.raises(ValidationError):  # booked by someone: the release stays
        desk_release_withdraw(
            resource=fixed_desk, member=world.mette_member, actor=world.mette, date=start.date()
        )
    holder = booking_create(
        member=world.mette_member,
        resource=fixed_desk,
        start=start + dt.timedelta(days=1),
        end=end + dt.timedelta(days=1),
        actor=world.mette,
    )
    assert holder.status == BookingStatus.CONFIRMED  # the holder needs no release


def test_only_the_holder_releases_a_fixed_desk(world, fixed_desk, time_machine):
    time_machine.move_to(at(world.space_a, MONDAY, 7))
    with pytest.raises(PermissionDenied):
        desk_release(resource=fixed_desk, member=world.kari_member, actor=world.kari, date=MONDAY)
    with pytest.raises(ValidationError):
        desk_release(
            resource=fixed_desk,
            member=world.mette_member,
            actor=world.mette,
            date=MONDAY - dt.timedelta(days=1),
        )
    assert not DeskRelease.objects.exists()


# --- recurring bookings ------------------------------------------------------------------


def test_a_weekly_series_books_each_free_week_and_reports_the_clashes(world, room):
    now = at(world.space_a, MONDAY, 7)
    clash_day = MONDAY + dt.timedelta(weeks=2)
    booking_create(
        member=world.ola_member,
        resource=room,
        start=at(world.space_a, clash_day, 9, 30),
        end=at(world.space_a, clash_day, 10, 30),
        actor=world.ola,
        now=now,
    )
    result = booking_series_create(
        member=world.kari_member,
        resource=room,
        first_start=at(world.space_a, MONDAY, 9),
        minutes=60,
        until=MONDAY + dt.timedelta(weeks=4),
        actor=world.kari,
        now=now,
    )
    booked_days = [timezone_date(b.start, world.space_a) for b in result.booked]
    assert booked_days == [MONDAY + dt.timedelta(weeks=w) for w in (0, 1, 3, 4)]
    assert [start.date() for start, _why in result.conflicts] == [clash_day]
    assert "Fjorden" in result.conflicts[0][1]
    assert Booking.objects.filter(series=result.series).count() == 4


def test_a_series_keeps_its_wall_clock_time_across_daylight_saving(world, room):
    now = at(world.space_a, MONDAY, 7)
    result = booking_series_create(
        member=world.kari_member,
        resource=room,
        first_start=at(world.space_a, dt.date(2026, 3, 23), 9),
        minutes=60,
        until=dt.date(2026, 4, 6),
        actor=world.kari,
        now=now,
    )
    local_hours = {b.start.astimezone(world.space_a.tzinfo).hour for b in result.booked}
    assert local_hours == {9} and len(result.booked) == 3  # summer time begins 29 March


def test_a_series_where_nothing_can_be_booked_writes_nothing(world, room):
    now = at(world.space_a, MONDAY, 7)
    with pytest.raises(ValidationError):
        booking_series_create(
            member=world.kari_member,
            resource=room,
            first_start=at(world.space_a, MONDAY, 9),
            minutes=600,
            until=MONDAY + dt.timedelta(weeks=2),
            actor=world.kari,
            now=now,
        )
    assert not Booking.objects.exists()
    from kollega.bookings.models import BookingSeries

    assert not BookingSeries.objects.exists()


def timezone_date(moment, space):
    return moment.astimezone(space.tzinfo).date()
