"""factory_boy factories for bookings, and a helper that gives a member (or their company) a
running membership through the memberships service, as a CM would."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import factory

from kollega.bookings.models import (
    Booking,
    BookingRule,
    BookingStatus,
    ClosedDay,
    OpeningHours,
    Resource,
    ResourceKind,
    Zone,
)
from kollega.companies.models import Company
from kollega.core.tests.factories import PlanFactory, SpaceFactory
from kollega.members.models import Member
from kollega.memberships.models import Membership, PlanKind
from kollega.memberships.services import membership_create


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    space = factory.SubFactory(SpaceFactory)
    name = factory.Sequence(lambda n: f"Zone {n}")
    is_flex = True


class ResourceFactory(factory.django.DjangoModelFactory):
    """A meeting room unless told otherwise."""

    class Meta:
        model = Resource

    space = factory.SubFactory(SpaceFactory)
    kind = ResourceKind.ROOM
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 6
    hourly_price = Decimal("200.00")


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    space = factory.SubFactory(SpaceFactory)
    weekday = 0
    opens = dt.time(8, 0)
    closes = dt.time(17, 0)


class ClosedDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosedDay

    space = factory.SubFactory(SpaceFactory)
    date = dt.date(2026, 5, 17)
    reason = "Constitution Day"


class BookingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingRule

    space = factory.SubFactory(SpaceFactory)
    kind = ResourceKind.ROOM


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking written directly, bypassing the service: for read tests and for the
    database's own constraints."""

    class Meta:
        model = Booking

    resource = factory.SubFactory(ResourceFactory)
    space = factory.SelfAttribute("resource.space")
    member = None  # always given: a member of the resource's space
    start = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)
    end = factory.LazyAttribute(lambda booking: booking.start + dt.timedelta(hours=1))
    status = BookingStatus.CONFIRMED
    currency = factory.SelfAttribute("space.currency")


def open_weekdays(space: object, *, opens: dt.time, closes: dt.time, days: range) -> None:
    """The space is open `opens`-`closes` on each weekday in `days` (0 = Monday)."""
    for weekday in days:
        OpeningHoursFactory(space=space, weekday=weekday, opens=opens, closes=closes)


def give_membership(
    holder: Member | Company,
    *,
    kind: str = PlanKind.FLEX,
    included_room_hours: int = 0,
    seats: int = 1,
    start_date: dt.date = dt.date(2026, 1, 1),
) -> Membership:
    """A running membership for `holder` (a member, or a company) on a new plan of `kind`."""
    plan = PlanFactory(
        space=holder.space,
        kind=kind,
        included_room_hours=included_room_hours,
        seats=seats,
        currency=holder.space.currency,
    )
    if isinstance(holder, Company):
        result = membership_create(
            space=holder.space, plan=plan, company=holder, start_date=start_date, seats=seats
        )
    else:
        result = membership_create(
            space=holder.space, plan=plan, member=holder, start_date=start_date, seats=seats
        )
    return result.membership


# Every test's "now": Monday 2 March 2026, 08:00 in Oslo (winter time, UTC+1).
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=OSLO)
TUESDAY = dt.date(2026, 3, 3)
WEDNESDAY = dt.date(2026, 3, 4)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware moment on `day` in the spaces' time zone (Europe/Oslo)."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=OSLO)
