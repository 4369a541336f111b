"""The day's availability grid and a member's list of bookings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kollega.bookings.models import BookingStatus, ResourceKind
from kollega.bookings.selectors import availability_grid, booking_list_for_member, day_hours
from kollega.bookings.tests.factories import (
    NOW,
    OSLO,
    TUESDAY,
    WEDNESDAY,
    BookingFactory,
    BookingRuleFactory,
    ClosedDayFactory,
    ResourceFactory,
    at,
    open_weekdays,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rooms(world: Any) -> list[Any]:
    return [
        ResourceFactory(space=world.space_a, name="Fjordrommet"),
        ResourceFactory(space=world.space_a, name="Havrommet"),
    ]


def test_without_opening_hours_the_grid_runs_from_8_to_18_in_the_granularity(world, rooms):
    grid = availability_grid(space=world.space_a, day=TUESDAY)
    assert (grid.opens, grid.closes, grid.step_minutes) == (dt.time(8), dt.time(18), 30)
    assert [row.resource for row in grid.rows] == rooms
    slots = grid.rows[0].slots
    assert len(slots) == 20
    assert (slots[0].start, slots[0].end) == (at(TUESDAY, 8), at(TUESDAY, 8, 30))
    assert slots[-1].end == at(TUESDAY, 18)
    assert all(slot.free for row in grid.rows for slot in row.slots)


def test_the_grid_follows_the_opening_hours_and_the_rule_step(world, rooms):
    open_weekdays(world.space_a, opens=dt.time(9), closes=dt.time(15), days=range(5))
    BookingRuleFactory(space=world.space_a, kind=ResourceKind.ROOM, granularity_minutes=60)
    grid = availability_grid(space=world.space_a, day=TUESDAY)
    assert (grid.opens, grid.closes, grid.step_minutes) == (dt.time(9), dt.time(15), 60)
    starts = [slot.start for slot in grid.rows[1].slots]
    assert starts == [at(TUESDAY, hour) for hour in range(9, 15)]
    assert starts[0].tzinfo == OSLO


def test_booked_slots_carry_their_booking(world, rooms):
    fjord, hav = rooms
    kari = BookingFactory(
        resource=fjord, member=world.kari_member, start=at(TUESDAY, 9), end=at(TUESDAY, 10, 30)
    )
    BookingFactory(  # cancelled: free again
        resource=fjord,
        member=world.ola_member,
        start=at(TUESDAY, 13),
        end=at(TUESDAY, 14),
        status=BookingStatus.CANCELLED,
    )
    BookingFactory(  # another day
        resource=hav, member=world.ola_member, start=at(WEDNESDAY, 9), end=at(WEDNESDAY, 10)
    )
    grid = availability_grid(space=world.space_a, day=TUESDAY)
    booked = {
        (row.resource.name, slot.start.time()): slot.booking
        for row in grid.rows
        for slot in row.slots
        if not slot.free
    }
    assert booked == {
        ("Fjordrommet", dt.time(9)): kari,
        ("Fjordrommet", dt.time(9, 30)): kari,
        ("Fjordrommet", dt.time(10)): kari,
    }


def test_the_grid_shows_only_active_resources_of_the_kind_and_space(world, rooms):
    ResourceFactory(space=world.space_a, name="Gammelrommet", is_active=False)
    booth = ResourceFactory(space=world.space_a, name="Boks", kind=ResourceKind.BOOTH)
    ResourceFactory(space=world.space_b, name="Stugan")
    assert [row.resource for row in availability_grid(space=world.space_a, day=TUESDAY).rows] == (
        rooms
    )
    booths = availability_grid(space=world.space_a, day=TUESDAY, kind=ResourceKind.BOOTH)
    assert [row.resource for row in booths.rows] == [booth]


def test_a_closed_day_or_weekday_gives_no_slots(world, rooms):
    open_weekdays(world.space_a, opens=dt.time(8), closes=dt.time(17), days=range(5))
    ClosedDayFactory(space=world.space_a, date=TUESDAY)
    for day in (TUESDAY, dt.date(2026, 3, 7)):  # a closed day, a Saturday
        grid = availability_grid(space=world.space_a, day=day)
        assert (grid.opens, grid.closes) == (None, None)
        assert [row.resource for row in grid.rows] == rooms
        assert all(row.slots == [] for row in grid.rows)
        assert day_hours(space=world.space_a, day=day) is None
    assert day_hours(space=world.space_a, day=WEDNESDAY) == (dt.time(8), dt.time(17))


def _grid_queries(space: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        grid = availability_grid(space=space, day=TUESDAY)
        names = [
            slot.booking.member.user.full_name
            for row in grid.rows
            for slot in row.slots
            if slot.booking is not None
        ]
    assert names  # the bookings (and whose they are) were shown
    return len(queries)


def test_the_grid_takes_the_same_few_queries_however_many_rooms_and_bookings(
    world, django_assert_num_queries
):
    open_weekdays(world.space_a, opens=dt.time(8), closes=dt.time(17), days=range(5))
    first = ResourceFactory(space=world.space_a)
    BookingFactory(resource=first, member=world.kari_member, start=at(TUESDAY, 9))
    few = _grid_queries(world.space_a)

    people = [world.kari_member, world.ola_member, world.mette_member]
    for number in range(12):
        room = ResourceFactory(space=world.space_a)
        for hour in (8, 10, 12, 14):
            BookingFactory(
                resource=room, member=people[(number + hour) % 3], start=at(TUESDAY, hour)
            )
    assert _grid_queries(world.space_a) == few
    # rule, closed day, opening hours, resources, bookings with their members
    with django_assert_num_queries(5):
        grid = availability_grid(space=world.space_a, day=TUESDAY)
        assert sum(not slot.free for row in grid.rows for slot in row.slots) == 1 * 2 + 12 * 4 * 2
        assert {
            slot.booking.member.user.email
            for row in grid.rows
            for slot in row.slots
            if slot.booking
        } == {"kari@fjordkraft.no", "ola@fjordkraft.no", "mette@solo.dk"}


def test_a_members_bookings_split_into_upcoming_and_past(world, rooms):
    fjord, hav = rooms
    kari = world.kari_member
    yesterday = BookingFactory(resource=fjord, member=kari, start=at(dt.date(2026, 3, 1), 9))
    running = BookingFactory(resource=fjord, member=kari, start=at(NOW.date(), 7, 30))
    tuesday = BookingFactory(resource=fjord, member=kari, start=at(TUESDAY, 9))
    wednesday = BookingFactory(resource=hav, member=kari, start=at(WEDNESDAY, 9))
    cancelled = BookingFactory(
        resource=hav, member=kari, start=at(TUESDAY, 12), status=BookingStatus.CANCELLED
    )
    BookingFactory(resource=hav, member=world.ola_member, start=at(TUESDAY, 14))  # not hers
    upcoming = booking_list_for_member(member=kari, upcoming=True, now=NOW)
    past = booking_list_for_member(member=kari, upcoming=False, now=NOW)
    assert list(upcoming) == [running, tuesday, wednesday]
    assert list(past) == [cancelled, yesterday]
