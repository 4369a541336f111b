"""Who's in: the members of a space who are in on a day, for the other members and staff.

A member is in on a day when they have a confirmed booking that day (of any resource: a
desk, a room, a booth) or checked in to one. Members who opted out (`PresencePreference`)
and former members are never shown. Days are the space's local days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from kollega.bookings.models import Booking, BookingStatus, PresencePreference
from kollega.members.models import Member, MemberStatus
from kollega.spaces.models import Space


@dataclass
class DayPresence:
    day: dt.date
    members: list[Member] = field(default_factory=list)  # by name


def week_of(day: dt.date) -> list[dt.date]:
    """Monday to Sunday of the week `day` is in."""
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=offset) for offset in range(7)]


def whos_in(*, space: Space, day: dt.date, week: bool = False) -> list[DayPresence]:
    """Who is in on `day` (one entry), or on each day of its week (Monday first, seven).

    One query whatever the number of bookings.
    """
    days = week_of(day) if week else [day]
    tz = space.tzinfo
    since = dt.datetime.combine(days[0], dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(days[-1] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    bookings = (
        Booking.objects.filter(space=space, start__lt=until, end__gt=since)
        .filter(Q(status=BookingStatus.CONFIRMED) | Q(checked_in_at__isnull=False))
        .filter(member__status=MemberStatus.ACTIVE)
        .exclude(member__presence__hide_from_whos_in=True)
        .select_related("member__user", "member__company")
        .only(
            "start",
            "end",
            "member__id",
            "member__space_id",
            "member__user__id",
            "member__user__full_name",
            "member__user__email",
            "member__company__id",
            "member__company__name",
        )
    )
    present: dict[dt.date, dict[int, Member]] = {d: {} for d in days}
    for booking in bookings:
        if booking.member is None:  # a room held for an event (excluded by the query)
            continue
        first = booking.start.astimezone(tz).date()
        # A booking ending at midnight does not make its member in on the next day.
        last = (booking.end.astimezone(tz) - dt.timedelta(microseconds=1)).date()
        moment = max(first, days[0])
        while moment <= min(last, days[-1]):
            present[moment].setdefault(booking.member.pk, booking.member)
            moment += dt.timedelta(days=1)
    return [
        DayPresence(
            day=d,
            members=sorted(present[d].values(), key=lambda m: (m.user.full_name.casefold(), m.pk)),
        )
        for d in days
    ]


def presence_hidden(*, member: Member) -> bool:
    """Whether `member` chose not to appear in "who's in"."""
    return PresencePreference.objects.filter(member=member, hide_from_whos_in=True).exists()
