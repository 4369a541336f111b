"""Bookings in the demo: the rooms, desks and rules a CM would set up, and weeks of bookings
that keep the rules real bookings keep."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from kollega.bookings.models import (
    Booking,
    BookingRule,
    BookingStatus,
    ClosedDay,
    OpeningHours,
    Resource,
    ResourceKind,
)
from kollega.bookings.selectors import availability_grid, booking_list_for_member, day_hours
from kollega.demo.bookings import easter_sunday, norwegian_holidays
from kollega.members.models import Member
from kollega.memberships.models import PlanKind
from kollega.spaces.models import Space

pytestmark = pytest.mark.django_db

MEMBER = "ingrid.haugen@trakk.example"


def overlapping_pairs() -> int:
    """Confirmed bookings of one resource that overlap, counted by the database itself."""
    table = connection.ops.quote_name(Booking._meta.db_table)
    start, end = (connection.ops.quote_name(name) for name in ("start", "end"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} a JOIN {table} b "  # noqa: S608 - no user input
            f"ON a.resource_id = b.resource_id AND a.id < b.id "
            f"AND a.{start} < b.{end} AND b.{start} < a.{end} "
            "WHERE a.status = %s AND b.status = %s",
            [BookingStatus.CONFIRMED, BookingStatus.CONFIRMED],
        )
        return int(cursor.fetchone()[0])


def test_easter_and_the_norwegian_holidays() -> None:
    assert [easter_sunday(year) for year in (2024, 2025, 2026, 2027)] == [
        dt.date(2024, 3, 31),
        dt.date(2025, 4, 20),
        dt.date(2026, 4, 5),
        dt.date(2027, 3, 28),
    ]
    holidays = norwegian_holidays(2026)
    assert holidays[dt.date(2026, 5, 17)] == "Grunnlovsdag"
    assert holidays[dt.date(2026, 5, 14)] == "Kristi himmelfartsdag"
    assert holidays[dt.date(2026, 5, 25)] == "2. pinsedag"
    assert {dt.date(2026, 12, day) for day in (24, 25, 26)} <= set(holidays)


def test_the_spaces_have_rooms_booths_desks_hours_and_rules(demo_output: str) -> None:
    output = demo_output
    assert "bookings:" in output
    today = timezone.localdate()
    smartby = Space.objects.get(slug="smartby-hub")
    fjellgarden = Space.objects.get(slug="fjellgarden")
    resources = Resource.objects.filter(space=smartby)

    rooms = resources.filter(kind=ResourceKind.ROOM)
    assert rooms.count() == 8
    for room in rooms:
        assert 4 <= room.capacity <= 16
        assert room.equipment
        assert 200 <= room.hourly_price <= 900
    booths = resources.filter(kind=ResourceKind.BOOTH)
    assert booths.count() == 3 and not booths.exclude(hourly_price=0).exists()
    assert list(resources.filter(kind=ResourceKind.EVENT_AREA).values_list("name", flat=True)) == [
        "Torget"
    ]
    desks = resources.filter(kind=ResourceKind.DESK)
    assert desks.filter(zone__name="Flexsonen", zone__is_flex=True).count() == 16
    fixed = desks.filter(zone__name="Faste plasser", zone__is_flex=False)
    assert fixed.count() == 8
    assert not fixed.filter(fixed_membership__isnull=True).exists()
    assert set(fixed.values_list("fixed_membership__plan__kind", flat=True)) == {
        PlanKind.FIXED_DESK
    }
    assert not desks.filter(zone__is_flex=True, fixed_membership__isnull=False).exists()

    hours = {h.weekday: (h.opens, h.closes) for h in OpeningHours.objects.filter(space=smartby)}
    assert all(hours[day] == (dt.time(7), dt.time(20)) for day in range(5))
    assert 6 not in hours
    closed = ClosedDay.objects.filter(space=smartby, date__gt=today)
    assert closed.exists()
    assert closed.filter(date__lte=today + dt.timedelta(days=60)).exists()
    assert ClosedDay.objects.filter(space=smartby, date__month=12, date__day=25).exists()

    room_rule = BookingRule.objects.get(space=smartby, kind=ResourceKind.ROOM)
    assert (
        room_rule.granularity_minutes,
        room_rule.min_minutes,
        room_rule.max_minutes,
        room_rule.horizon_days,
        room_rule.cancel_minutes,
        room_rule.fair_use_hours,
        room_rule.check_in_grace_minutes,
    ) == (30, 30, 480, 60, 120, 20, 15)
    booth_rule = BookingRule.objects.get(space=smartby, kind=ResourceKind.BOOTH)
    assert (booth_rule.granularity_minutes, booth_rule.min_minutes, booth_rule.max_minutes) == (
        15,
        15,
        60,
    )
    desk_rule = BookingRule.objects.get(space=smartby, kind=ResourceKind.DESK)
    assert PlanKind.COMMUNITY not in desk_rule.allowed_plan_kinds

    assert OpeningHours.objects.filter(space=fjellgarden).count() == 5
    assert Resource.objects.filter(space=fjellgarden, kind=ResourceKind.ROOM).count() == 2
    assert Resource.objects.filter(space=fjellgarden, kind=ResourceKind.BOOTH).count() == 1


@pytest.mark.usefixtures("demo_output")
def test_weeks_of_bookings_that_keep_the_rules() -> None:
    now = timezone.now()
    today = timezone.localdate()
    smartby = Space.objects.get(slug="smartby-hub")
    tz = smartby.tzinfo
    bookings = Booking.objects.filter(space=smartby).select_related("resource")
    confirmed = [b for b in bookings if b.status == BookingStatus.CONFIRMED]

    assert overlapping_pairs() == 0
    assert bookings.filter(status=BookingStatus.CANCELLED, cancelled_at__isnull=False).exists()
    assert bookings.filter(start__lt=now - dt.timedelta(days=14)).exists()
    assert bookings.filter(start__gt=now + dt.timedelta(days=10)).exists()
    for booking in bookings:
        local_start = timezone.localtime(booking.start, tz)
        hours = day_hours(space=smartby, day=local_start.date())
        assert hours is not None, f"{booking} on a closed day"
        assert hours[0] <= local_start.time()
        assert timezone.localtime(booking.end, tz).time() <= hours[1]
        assert booking.created_at < booking.start and booking.created_at <= now
        if booking.status == BookingStatus.CONFIRMED and booking.start <= now:
            assert booking.checked_in_at is not None  # no release turns the past into no-shows

    # Busier mid-week, mostly between 9 and 16.
    rooms = [b for b in confirmed if b.resource.kind == ResourceKind.ROOM]
    by_weekday = Counter(timezone.localtime(b.start, tz).weekday() for b in rooms)
    assert min(by_weekday[1], by_weekday[2], by_weekday[3]) > max(by_weekday[0], by_weekday[4])
    core = [b for b in rooms if 9 <= timezone.localtime(b.start, tz).hour < 16]
    assert len(core) > 0.7 * len(rooms)

    # Usage: included hours first, then chargeable at the room's price; never more included
    # than a membership has in a month.
    assert any(b.included_minutes > 0 for b in rooms)
    chargeable = [b for b in rooms if b.chargeable_minutes > 0]
    assert chargeable
    for booking in chargeable:
        assert booking.price == booking.resource.hourly_price * booking.chargeable_minutes / 60
    used: defaultdict[tuple[int, dt.date], int] = defaultdict(int)
    for booking in Booking.objects.filter(
        status=BookingStatus.CONFIRMED, membership__isnull=False
    ).select_related("space"):
        month = timezone.localdate(booking.start, booking.space.tzinfo).replace(day=1)
        assert booking.membership_id is not None
        used[(booking.membership_id, month)] += booking.included_minutes
    allowance = {
        b.membership_id: b.membership.plan.included_room_hours * 60 * b.membership.seats
        for b in Booking.objects.filter(membership__isnull=False).select_related("membership__plan")
        if b.membership is not None
    }
    assert all(minutes <= allowance[pk] for (pk, _month), minutes in used.items())

    # The demo member: two room bookings ahead, one behind.
    ingrid = Member.objects.get(user__email=MEMBER, space=smartby)
    upcoming = booking_list_for_member(member=ingrid, upcoming=True, now=now)
    assert [b.resource.kind for b in upcoming] == [ResourceKind.ROOM] * 2
    past = booking_list_for_member(member=ingrid, upcoming=False, now=now)
    assert [b.resource.kind for b in past] == [ResourceKind.ROOM]

    # The next open day has bookings, and free time in most rooms within opening hours.
    day = today + dt.timedelta(days=1)
    while day_hours(space=smartby, day=day) is None:
        day += dt.timedelta(days=1)
    grid = availability_grid(space=smartby, day=day, kind=ResourceKind.ROOM)
    assert any(not slot.free for row in grid.rows for slot in row.slots)
    with_free_hour = [
        row
        for row in grid.rows
        if any(all(slot.free for slot in row.slots[i : i + 2]) for i in range(len(row.slots) - 1))
    ]
    assert len(with_free_hour) >= len(grid.rows) - 1

    # Desks: flex members on their days; a released fixed desk taken by a flex member.
    desks = [b for b in confirmed if b.resource.kind == ResourceKind.DESK]
    assert desks
    taken = [b for b in desks if b.resource.fixed_membership_id is not None]
    assert len(taken) == 1
    assert taken[0].resource.releases.filter(date=timezone.localdate(taken[0].start, tz)).exists()

    # The other demo space is booked too; the synthetic ones never are.
    assert Booking.objects.filter(space__slug="fjellgarden").exists()


def test_the_synthetic_spaces_get_no_bookings() -> None:
    out = io.StringIO()
    call_command("demo_build", seed=2026, members=40, stdout=out)
    synthetic = Space.objects.exclude(slug__in=["smartby-hub", "fjellgarden"])
    assert synthetic.exists()
    assert not Resource.objects.filter(space__in=synthetic).exists()
    assert not Booking.objects.filter(space__in=synthetic).exists()


def bookings_snapshot() -> list[tuple[object, ...]]:
    """Every booking of the demo, for the same-seed test in test_demo.py."""
    return list(
        Booking.objects.order_by(
            "resource__space__slug", "resource__name", "start", "pk"
        ).values_list(
            "resource__name",
            "member__user__email",
            "start",
            "end",
            "status",
            "title",
            "included_minutes",
            "chargeable_minutes",
            "price",
        )
    )
