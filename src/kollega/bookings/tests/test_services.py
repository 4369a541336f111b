"""Booking a resource: every bad input is refused with a message naming the field, and
nothing is written; who may book for whom; retrying deadlocks; the database's backstop.

Allowances, prices and cancelling are in test_services_allowances.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction

from kollega.bookings.models import Booking, BookingStatus, ResourceKind
from kollega.bookings.services import booking_create, booking_quote
from kollega.bookings.services import bookings as bookings_services
from kollega.bookings.tests.factories import (
    NOW,
    TUESDAY,
    WEDNESDAY,
    BookingFactory,
    BookingRuleFactory,
    ClosedDayFactory,
    ResourceFactory,
    at,
    give_membership,
    open_weekdays,
)
from kollega.core.db import RETRIES, atomic_with_retry
from kollega.members.models import MemberStatus
from kollega.memberships.models import PlanKind

pytestmark = pytest.mark.django_db

SATURDAY = dt.date(2026, 3, 7)


@pytest.fixture
def room(world: Any) -> Any:
    return ResourceFactory(space=world.space_a, name="Fjordrommet")


@pytest.fixture
def rules(world: Any) -> Any:
    """Smartby is open 08-17 on weekdays; rooms go in half hours, 1-4 hours, 30 days ahead."""
    open_weekdays(world.space_a, opens=dt.time(8), closes=dt.time(17), days=range(5))
    return BookingRuleFactory(
        space=world.space_a,
        kind=ResourceKind.ROOM,
        granularity_minutes=30,
        min_minutes=60,
        max_minutes=240,
        horizon_days=30,
    )


def book(
    member: Any,
    resource: Any,
    start: dt.datetime,
    end: dt.datetime,
    *,
    actor: Any = None,
    now: dt.datetime | None = NOW,
) -> Booking:
    return booking_create(
        member=member,
        resource=resource,
        start=start,
        end=end,
        actor=actor or member.user,
        now=now,
    )


def refused(member: Any, resource: Any, start: Any, end: Any, **kwargs: Any) -> tuple[str, str]:
    """Book, expect a ValidationError about one field, check nothing was written (neither by
    the quote nor by the booking), and return (field, message)."""
    before = Booking.objects.count()
    with pytest.raises(ValidationError) as quoted:
        booking_quote(
            member=member,
            resource=resource,
            start=start,
            end=end,
            actor=kwargs.get("actor") or member.user,
            now=kwargs.get("now", NOW),
        )
    with pytest.raises(ValidationError) as booked:
        book(member, resource, start, end, **kwargs)
    assert Booking.objects.count() == before
    assert quoted.value.message_dict == booked.value.message_dict
    [(field, messages)] = booked.value.message_dict.items()
    return field, messages[0]


# --- Bad input --------------------------------------------------------------------------


OPEN_HOURS = "The space is open from 08:00 to 17:00 that day."
STEPS = "Bookings go in steps of 30 minutes."
END_FIRST = "The end must be after the start."
NAIVE = "Give times with their time zone."
FRIDAY_BEFORE, APRIL_2 = dt.date(2026, 2, 27), dt.date(2026, 4, 2)
SECOND = dt.timedelta(seconds=1)

BAD_TIMES = {
    "past": (
        at(FRIDAY_BEFORE, 10),
        at(FRIDAY_BEFORE, 11),
        "start",
        "This time has already passed.",
    ),
    "end-first": (at(TUESDAY, 11), at(TUESDAY, 10), "end", END_FIRST),
    "empty": (at(TUESDAY, 10), at(TUESDAY, 10), "end", END_FIRST),
    "naive": (dt.datetime(2026, 3, 3, 10), dt.datetime(2026, 3, 3, 11), "start", NAIVE),
    "naive-end": (at(TUESDAY, 10), dt.datetime(2026, 3, 3, 11), "start", NAIVE),
    "before-opening": (at(TUESDAY, 7), at(TUESDAY, 9), "start", OPEN_HOURS),
    "after-closing": (at(TUESDAY, 16), at(TUESDAY, 17, 30), "start", OPEN_HOURS),
    "closed-weekday": (
        at(SATURDAY, 10),
        at(SATURDAY, 11),
        "start",
        "The space is closed on that day.",
    ),
    "across-midnight": (
        at(TUESDAY, 23, 30),
        at(WEDNESDAY, 0, 30),
        "end",
        "A booking must start and end on the same day.",
    ),
    "start-off-step": (at(TUESDAY, 10, 15), at(TUESDAY, 11, 15), "start", STEPS),
    "end-off-step": (at(TUESDAY, 10), at(TUESDAY, 11, 10), "end", STEPS),
    "seconds": (at(TUESDAY, 10) + SECOND, at(TUESDAY, 11) + SECOND, "start", STEPS),
    "too-short": (
        at(TUESDAY, 10),
        at(TUESDAY, 10, 30),
        "end",
        "The shortest booking is 60 minutes.",
    ),
    "too-long": (at(TUESDAY, 9), at(TUESDAY, 13, 30), "end", "The longest booking is 240 minutes."),
    "beyond-horizon": (
        at(APRIL_2, 10),
        at(APRIL_2, 11),
        "start",
        "You can book at most 30 days ahead.",
    ),
}


@pytest.mark.parametrize(("start", "end", "field", "message"), BAD_TIMES.values(), ids=BAD_TIMES)
def test_a_bad_time_is_refused_naming_the_field_and_nothing_is_written(
    world, room, rules, start, end, field, message
):
    assert refused(world.mette_member, room, start, end) == (field, message)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(at(TUESDAY, 8), at(TUESDAY, 12), id="from-opening-longest"),
        pytest.param(at(TUESDAY, 16), at(TUESDAY, 17), id="until-closing-shortest"),
        pytest.param(at(dt.date(2026, 4, 1), 10), at(dt.date(2026, 4, 1), 11), id="last-day"),
        pytest.param(at(NOW.date(), 8), at(NOW.date(), 9), id="starting-now"),
    ],
)
def test_the_limits_themselves_may_be_booked(world, room, rules, start, end):
    booking = book(world.mette_member, room, start, end)
    assert (booking.start, booking.end, booking.status) == (start, end, BookingStatus.CONFIRMED)


def test_the_clock_is_the_default_now(world, room, rules):
    with time_machine.travel(at(TUESDAY, 10, 5), tick=False):
        assert refused(world.mette_member, room, at(TUESDAY, 10), at(TUESDAY, 11), now=None) == (
            "start",
            "This time has already passed.",
        )
        booking = book(world.mette_member, room, at(TUESDAY, 10, 30), at(TUESDAY, 11, 30), now=None)
    assert booking.pk is not None


def test_a_closed_day_is_refused_with_its_date(world, room, rules):
    ClosedDayFactory(space=world.space_a, date=TUESDAY, reason="Strike")
    assert refused(world.mette_member, room, at(TUESDAY, 10), at(TUESDAY, 11)) == (
        "start",
        "The space is closed on March 3, 2026.",
    )
    ClosedDayFactory(space=world.space_b, date=WEDNESDAY)
    assert book(world.mette_member, room, at(WEDNESDAY, 10), at(WEDNESDAY, 11)).pk


def test_without_opening_hours_any_time_of_day_can_be_booked(world, room):
    booking = book(world.mette_member, room, at(SATURDAY, 22), at(dt.date(2026, 3, 8), 0))
    assert booking.end == at(dt.date(2026, 3, 8), 0)


def test_a_booking_ending_at_midnight_a_day_later_is_across_midnight(world, room):
    BookingRuleFactory(space=world.space_a, kind=ResourceKind.ROOM, max_minutes=3000)
    assert refused(world.mette_member, room, at(TUESDAY, 22), at(dt.date(2026, 3, 5), 0)) == (
        "end",
        "A booking must start and end on the same day.",
    )


def test_an_overlap_with_a_confirmed_booking_names_the_resource_and_its_times(world, room, rules):
    book(world.kari_member, room, at(TUESDAY, 10), at(TUESDAY, 11))
    message = "Fjordrommet is already booked from 03/03/2026 10 a.m. to 03/03/2026 11 a.m."
    for start, end in [
        (at(TUESDAY, 10), at(TUESDAY, 11)),
        (at(TUESDAY, 9), at(TUESDAY, 10, 30)),
        (at(TUESDAY, 10, 30), at(TUESDAY, 12)),
        (at(TUESDAY, 9), at(TUESDAY, 12)),
    ]:
        field, refusal = refused(world.ola_member, room, start, end)
        assert field == "start"
        assert refusal.startswith(message)
    # Touching is not overlapping; another room is another room.
    assert book(world.ola_member, room, at(TUESDAY, 11), at(TUESDAY, 12)).pk
    assert book(world.ola_member, room, at(TUESDAY, 9), at(TUESDAY, 10)).pk
    other = ResourceFactory(space=world.space_a, name="Havrommet")
    assert book(world.ola_member, other, at(TUESDAY, 10), at(TUESDAY, 11)).pk


@pytest.mark.parametrize("status", [BookingStatus.CANCELLED, BookingStatus.RELEASED])
def test_a_cancelled_or_released_booking_does_not_block_the_time(world, room, rules, status):
    BookingFactory(
        resource=room,
        member=world.kari_member,
        start=at(TUESDAY, 10),
        end=at(TUESDAY, 11),
        status=status,
    )
    booking = book(world.ola_member, room, at(TUESDAY, 10), at(TUESDAY, 11))
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).get() == booking


def test_only_the_allowed_plan_kinds_may_book(world, room, rules):
    rules.allowed_plan_kinds = [PlanKind.PRIVATE_OFFICE, PlanKind.FIXED_DESK]
    rules.save()
    message = ("resource", "Your plan does not include booking this kind of resource.")
    # No membership at all.
    assert refused(world.mette_member, room, at(TUESDAY, 10), at(TUESDAY, 11)) == message
    # A flex plan.
    give_membership(world.mette_member, kind=PlanKind.FLEX)
    assert refused(world.mette_member, room, at(TUESDAY, 10), at(TUESDAY, 11)) == message
    # Through the company: Fjordkraft has a private office.
    give_membership(world.fjordkraft, kind=PlanKind.PRIVATE_OFFICE, seats=2)
    assert book(world.kari_member, room, at(TUESDAY, 10), at(TUESDAY, 11)).pk


def test_without_restrictions_members_without_a_membership_may_book(world, room, rules):
    booking = book(world.mette_member, room, at(TUESDAY, 10), at(TUESDAY, 11))
    assert booking.membership is None


def test_the_fair_use_cap_counts_the_members_future_confirmed_hours_of_that_kind(
    world, room, rules
):
    rules.fair_use_hours = 3
    rules.save()
    mette = world.mette_member
    booth = ResourceFactory(space=world.space_a, kind=ResourceKind.BOOTH, name="Boks 1")
    other_room = ResourceFactory(space=world.space_a, name="Havrommet")
    book(mette, room, at(TUESDAY, 10), at(TUESDAY, 12))
    book(mette, booth, at(TUESDAY, 13), at(TUESDAY, 16))  # booths have their own rule
    BookingFactory(
        resource=room,
        member=mette,
        start=at(TUESDAY, 13),
        end=at(TUESDAY, 16),
        status=BookingStatus.CANCELLED,
    )
    BookingFactory(resource=room, member=mette, start=at(NOW.date(), 6))  # over before now
    book(world.kari_member, room, at(WEDNESDAY, 8), at(WEDNESDAY, 11))  # someone else's

    assert refused(mette, other_room, at(WEDNESDAY, 13), at(WEDNESDAY, 14, 30)) == (
        "end",
        "You can have at most 3 hours booked ahead; you have 2:00 already.",
    )
    # Exactly up to the cap is fine ...
    book(mette, other_room, at(WEDNESDAY, 13), at(WEDNESDAY, 14))
    assert refused(mette, other_room, at(WEDNESDAY, 15), at(WEDNESDAY, 16))[0] == "end"
    # ... and once Tuesday's booking is over, its hours no longer count.
    after_tuesday = at(TUESDAY, 12, 30)
    assert book(mette, other_room, at(WEDNESDAY, 15), at(WEDNESDAY, 17), now=after_tuesday).pk


def test_an_inactive_resource_or_one_of_another_space_cannot_be_booked(world, room, rules):
    message = ("resource", "There is no such resource in this space.")
    elsewhere = ResourceFactory(space=world.space_b, name="Stugan")
    assert refused(world.mette_member, elsewhere, at(TUESDAY, 10), at(TUESDAY, 11)) == message
    room.is_active = False
    room.save()
    assert refused(world.mette_member, room, at(TUESDAY, 10), at(TUESDAY, 11)) == message


def test_a_former_member_cannot_book(world, room, rules):
    world.mette_member.status = MemberStatus.FORMER
    world.mette_member.save()
    assert refused(world.mette_member, room, at(TUESDAY, 10), at(TUESDAY, 11)) == (
        "member",
        "Only active members can book.",
    )


# --- Who may book for whom -----------------------------------------------------------------


@pytest.mark.parametrize("actor", ["ola", "bjorn", "sven"])
def test_a_member_books_only_for_themself(world, room, rules, actor):
    with pytest.raises(PermissionDenied, match=r"You can only book for yourself\."):
        book(world.kari_member, room, at(TUESDAY, 10), at(TUESDAY, 11), actor=getattr(world, actor))
    with pytest.raises(PermissionDenied):
        booking_quote(
            member=world.kari_member,
            resource=room,
            start=at(TUESDAY, 10),
            end=at(TUESDAY, 11),
            actor=getattr(world, actor),
            now=NOW,
        )
    assert not Booking.objects.exists()


def test_staff_of_the_space_may_book_for_a_member(world, room, rules):
    booking = book(world.kari_member, room, at(TUESDAY, 10), at(TUESDAY, 11), actor=world.cecilie)
    assert booking.member == world.kari_member
    assert booking.space == world.space_a


# --- Retrying deadlocks and serialization failures -----------------------------------------


class DriverError(Exception):
    """What psycopg raises underneath Django's OperationalError: it carries the SQLSTATE."""

    def __init__(self, text: str, sqlstate: str | None) -> None:
        super().__init__(text)
        self.sqlstate = sqlstate


def _database_error(sqlstate: str | None, text: str = "could not serialize") -> OperationalError:
    error = OperationalError(text)
    error.__cause__ = DriverError(text, sqlstate)
    return error


class Flaky:
    """Fails with `errors` one after the other, then answers "done"."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "done"


@pytest.mark.parametrize("sqlstate", ["40P01", "40001"])
def test_a_deadlock_or_serialization_failure_is_retried(transactional_db, sqlstate):
    flaky = Flaky(_database_error(sqlstate), _database_error(sqlstate))
    assert atomic_with_retry(flaky)() == "done"
    assert flaky.calls == 3


def test_retrying_gives_up_after_retries(transactional_db):
    flaky = Flaky(*[_database_error("40P01") for _ in range(RETRIES + 1)])
    with pytest.raises(OperationalError):
        atomic_with_retry(flaky)()
    assert flaky.calls == RETRIES


def test_a_locked_sqlite_database_is_retried(transactional_db):
    flaky = Flaky(OperationalError("database is locked"))
    assert atomic_with_retry(flaky)() == "done"
    assert flaky.calls == 2


@pytest.mark.parametrize(
    "error",
    [
        _database_error("53100", "could not extend file: No space left on device"),
        _database_error(None, "server closed the connection unexpectedly"),
        ValueError("not a database error"),
    ],
    ids=["disk-full", "no-sqlstate", "other-exception"],
)
def test_other_errors_are_raised_at_once(transactional_db, error):
    flaky = Flaky(error)
    with pytest.raises(type(error)):
        atomic_with_retry(flaky)()
    assert flaky.calls == 1


def test_inside_an_outer_transaction_it_runs_once(transactional_db):
    flaky = Flaky(_database_error("40P01"))
    with pytest.raises(OperationalError), transaction.atomic():
        atomic_with_retry(flaky)()
    assert flaky.calls == 1


def test_the_retry_runs_each_attempt_in_its_own_transaction(transactional_db, world, room):
    """A failed attempt's writes are rolled back before the next one."""
    attempts: list[int] = []

    def write_then_fail() -> None:
        attempts.append(len(attempts))
        BookingFactory(
            resource=room, member=world.mette_member, start=at(TUESDAY, 8 + len(attempts))
        )
        if len(attempts) < 3:
            raise _database_error("40P01")

    atomic_with_retry(write_then_fail)()
    assert list(Booking.objects.values_list("start", flat=True)) == [at(TUESDAY, 11)]


# --- PostgreSQL's exclusion constraint --------------------------------------------------


@pytest.mark.postgres
def test_the_database_refuses_overlapping_confirmed_bookings(world, room):
    first = BookingFactory(
        resource=room, member=world.kari_member, start=at(TUESDAY, 10), end=at(TUESDAY, 11)
    )
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        Booking.objects.create(
            space=world.space_a,
            resource=room,
            member=world.ola_member,
            start=at(TUESDAY, 10, 30),
            end=at(TUESDAY, 11, 30),
            currency="NOK",
        )
    # Touching ranges and other rooms are fine.
    BookingFactory(resource=room, member=world.ola_member, start=at(TUESDAY, 11))
    BookingFactory(
        resource=ResourceFactory(space=world.space_a), member=world.ola_member, start=first.start
    )
    assert Booking.objects.count() == 3


@pytest.mark.postgres
def test_an_overlap_past_the_check_gets_a_clean_refusal_from_the_constraint(
    world, room, monkeypatch
):
    """Were the check under the lock ever to miss an overlap, the exclusion constraint
    refuses the insert, the member is told on `start`, and nothing is written."""
    taken = BookingFactory(
        resource=room, member=world.kari_member, start=at(TUESDAY, 10), end=at(TUESDAY, 11)
    )
    monkeypatch.setattr(bookings_services, "_check_free", lambda **kwargs: None)
    with pytest.raises(ValidationError) as refusal:
        book(world.ola_member, room, at(TUESDAY, 10, 30), at(TUESDAY, 11, 30))
    assert refusal.value.message_dict == {"start": ["Fjordrommet was just booked by someone else."]}
    assert list(Booking.objects.filter(resource=room)) == [taken]
    # The transaction is usable afterwards: the next free time books.
    assert book(world.ola_member, room, at(TUESDAY, 11), at(TUESDAY, 12)).pk


@pytest.mark.postgres
@pytest.mark.parametrize("cancelled", ["first", "second"])
def test_the_database_allows_an_overlap_when_one_booking_is_cancelled(world, room, cancelled):
    first = BookingFactory(
        resource=room,
        member=world.kari_member,
        start=at(TUESDAY, 10),
        status=BookingStatus.CANCELLED if cancelled == "first" else BookingStatus.CONFIRMED,
    )
    BookingFactory(
        resource=room,
        member=world.ola_member,
        start=first.start,
        status=BookingStatus.CANCELLED if cancelled == "second" else BookingStatus.CONFIRMED,
    )
    assert Booking.objects.filter(resource=room).count() == 2
    # Confirming the cancelled one again would overlap.
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(resource=room).update(status=BookingStatus.CONFIRMED)
