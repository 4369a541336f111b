"""Monthly usage statements of a space's bookings, for the community manager and accounting.

A month is a calendar month in the space's time zone; a booking belongs to the month it
starts in (as the allowance of included room hours does). Usage counts confirmed bookings:
cancelled ones are gone, and a released one (nobody checked in) gave its included hours back,
so it is shown as a no-show and not as usage.

Who a booking is billed to: the company of the membership it was booked under, or the member
who holds that membership; without a membership, the member's company, else the member.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.bookings.models import Booking, BookingStatus
from kollega.companies.models import Company
from kollega.members.models import Member
from kollega.spaces.models import Space


def parse_month(value: str | None) -> dt.date | None:
    """ "2026-03" → 1 March 2026; None if the value is not a month."""
    if not value:
        return None
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m").date()  # noqa: DTZ007 (a date)
    except ValueError:
        return None


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def previous_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def hours_minutes(minutes: int) -> str:
    """125 → "2:05"."""
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass
class Usage:
    """Booking figures for one member, one company or the whole month."""

    bookings: int = 0
    minutes: int = 0
    included_minutes: int = 0
    chargeable_minutes: int = 0
    amount: Decimal = Decimal("0.00")
    no_shows: int = 0

    def add(self, booking: Booking) -> None:
        if booking.status == BookingStatus.RELEASED:
            self.no_shows += 1
            return
        self.bookings += 1
        self.minutes += _minutes(booking)
        self.included_minutes += booking.included_minutes
        self.chargeable_minutes += booking.chargeable_minutes
        self.amount += booking.price

    @property
    def hours(self) -> str:
        return hours_minutes(self.minutes)

    @property
    def included_hours(self) -> str:
        return hours_minutes(self.included_minutes)

    @property
    def chargeable_hours(self) -> str:
        return hours_minutes(self.chargeable_minutes)


@dataclass
class MemberUsage(Usage):
    member: Member | None = None


@dataclass
class CompanyUsage(Usage):
    company: Company | None = None
    members: list[MemberUsage] = field(default_factory=list)


@dataclass
class UsageStatement:
    space: Space
    month: dt.date  # the first day of the month
    currency: str  # the space's; see `currencies` for the bookings' own
    companies: list[CompanyUsage]
    individuals: list[MemberUsage]  # members billed themselves (no company)
    total: Usage
    currencies: list[str]  # the currencies the month's bookings were priced in

    @property
    def mixed_currencies(self) -> bool:
        return len(self.currencies) > 1


def _minutes(booking: Booking) -> int:
    return int((booking.end - booking.start).total_seconds() // 60)


def _month_range(space: Space, month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = space.tzinfo
    first = month.replace(day=1)
    return (
        dt.datetime.combine(first, dt.time(0), tzinfo=tz),
        dt.datetime.combine(next_month(first), dt.time(0), tzinfo=tz),
    )


def booker(booking: Booking) -> Member:
    """Who made a booking; usage never includes the rooms the space holds for events."""
    if booking.member is None:
        raise ValueError(f"booking {booking.pk} is a room held for an event: nobody's usage")
    return booking.member


def billed_company(booking: Booking) -> Company | None:
    """The company a booking is billed to (None: the member pays themselves)."""
    membership = booking.membership
    if membership is not None:
        return membership.company
    return booker(booking).company


def _month_bookings(
    *, space: Space, month: dt.date, statuses: Iterable[str], member: Member | None = None
) -> list[Booking]:
    start, end = _month_range(space, month)
    bookings = Booking.objects.filter(
        space=space,
        start__gte=start,
        start__lt=end,
        status__in=list(statuses),
        member__isnull=False,  # rooms the space holds for events are nobody's usage
    )
    if member is not None:
        bookings = bookings.filter(member=member)
    return list(
        bookings.select_related(
            "resource", "member__user", "member__company", "membership__company"
        ).order_by("start", "pk")
    )


def usage_statement(
    *, space: Space, month: dt.date, member: Member | None = None
) -> UsageStatement:
    """The month's usage per company (with a row per member inside it) and per member billed
    individually, with no-show counts. `member`: only that member's own bookings (the
    member's view of their month). One query."""
    bookings = _month_bookings(
        space=space,
        month=month,
        statuses=(BookingStatus.CONFIRMED, BookingStatus.RELEASED),
        member=member,
    )
    companies: dict[int, CompanyUsage] = {}
    company_members: dict[tuple[int, int], MemberUsage] = {}
    individuals: dict[int, MemberUsage] = {}
    total = Usage()
    for booking in bookings:
        total.add(booking)
        company = billed_company(booking)
        person = booker(booking)
        if company is None:
            row = individuals.setdefault(person.pk, MemberUsage(member=person))
        else:
            group = companies.setdefault(company.pk, CompanyUsage(company=company))
            group.add(booking)
            key = (company.pk, person.pk)
            if key not in company_members:
                company_members[key] = MemberUsage(member=person)
                group.members.append(company_members[key])
            row = company_members[key]
        row.add(booking)
    for group in companies.values():
        group.members.sort(key=_member_order)
    currencies = sorted(
        {b.currency for b in bookings if b.status == BookingStatus.CONFIRMED and b.currency}
    )
    return UsageStatement(
        space=space,
        month=month.replace(day=1),
        currency=currencies[0] if len(currencies) == 1 else space.currency,
        companies=sorted(companies.values(), key=lambda g: (g.company.name.lower(), g.company.pk)),  # type: ignore[union-attr]
        individuals=sorted(individuals.values(), key=_member_order),
        total=total,
        currencies=currencies,
    )


def _member_order(row: MemberUsage) -> tuple[str, int]:
    assert row.member is not None
    return (row.member.user.full_name.lower(), row.member.pk)


# --- CSV for accounting ---------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def usage_csv_header() -> list[str]:
    return [
        _("Booking"),
        _("Company"),
        _("Member"),
        _("E-mail"),
        _("Resource"),
        _("Start"),
        _("End"),
        _("Minutes"),
        _("Included minutes"),
        _("Chargeable minutes"),
        _("Price"),
        _("Currency"),
    ]


def usage_csv_write(*, space: Space, month: dt.date, out: TextIO) -> int:
    """Write the month's confirmed bookings to `out` as CSV, one row per booking: a header,
    comma-separated, times in the space's time zone, amounts with a decimal point. The caller
    writes a UTF-8 byte order mark first if the file is for Excel. Returns the rows written."""
    tz = space.tzinfo
    writer = csv.writer(out)
    writer.writerow(usage_csv_header())
    bookings = _month_bookings(space=space, month=month, statuses=(BookingStatus.CONFIRMED,))
    for booking in bookings:
        company = billed_company(booking)
        writer.writerow(
            [
                booking.pk,
                _cell(company.name if company is not None else ""),
                _cell(booker(booking).user.full_name),
                _cell(booker(booking).user.email),
                _cell(booking.resource.name),
                f"{timezone.localtime(booking.start, tz):%Y-%m-%d %H:%M}",
                f"{timezone.localtime(booking.end, tz):%Y-%m-%d %H:%M}",
                _minutes(booking),
                booking.included_minutes,
                booking.chargeable_minutes,
                f"{booking.price:.2f}",
                booking.currency,
            ]
        )
    return len(bookings)
