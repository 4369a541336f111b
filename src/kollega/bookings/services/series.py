"""Recurring bookings: every N weeks at the same time until a date. Each occurrence is an
ordinary booking made by `booking_create` with every rule; those that cannot be made are
reported (with the reason) and the rest are booked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.bookings.models import Booking, BookingSeries, Resource
from kollega.bookings.services.bookings import booking_create
from kollega.members.models import Member

MAX_OCCURRENCES = 52


@dataclass
class SeriesResult:
    series: BookingSeries
    booked: list[Booking] = field(default_factory=list)
    conflicts: list[tuple[dt.datetime, str]] = field(default_factory=list)  # (start, why)


def occurrences(
    *, first_start: dt.datetime, tz: dt.tzinfo, every_weeks: int, until: dt.date
) -> list[dt.datetime]:
    """Start times of the series in local wall-clock time (09:00 stays 09:00 across DST)."""
    local = timezone.localtime(first_start, tz)
    result: list[dt.datetime] = []
    day = local.date()
    while day <= until and len(result) < MAX_OCCURRENCES:
        result.append(dt.datetime.combine(day, local.time(), tzinfo=tz))
        day += dt.timedelta(weeks=every_weeks)
    return result


@transaction.atomic
def booking_series_create(
    *,
    member: Member,
    resource: Resource,
    first_start: dt.datetime,
    minutes: int,
    until: dt.date,
    actor: User,
    every_weeks: int = 1,
    title: str = "",
    now: dt.datetime | None = None,
) -> SeriesResult:
    """Book every occurrence that can be booked; report the others with the reason."""
    if every_weeks < 1:
        raise ValidationError({"every_weeks": _("The repeat interval must be at least one week.")})
    tz = resource.space.tzinfo
    if until < timezone.localtime(first_start, tz).date():
        raise ValidationError({"until": _("The last day is before the first booking.")})
    starts = occurrences(first_start=first_start, tz=tz, every_weeks=every_weeks, until=until)
    series = BookingSeries.objects.create(
        space_id=resource.space_id,
        resource=resource,
        member=member,
        first_start=first_start,
        minutes=minutes,
        every_weeks=every_weeks,
        until=until,
        title=title.strip()[:120],
    )
    result = SeriesResult(series=series)
    for start in starts:
        try:
            with transaction.atomic():
                booking = booking_create(
                    member=member,
                    resource=resource,
                    start=start,
                    end=start + dt.timedelta(minutes=minutes),
                    actor=actor,
                    title=title,
                    now=now,
                )
        except ValidationError as error:
            result.conflicts.append((start, " ".join(error.messages)))
            continue
        booking.series = series
        booking.save(update_fields=["series"])
        result.booked.append(booking)
    if not result.booked:
        raise ValidationError(
            {
                "start": _("None of the times could be booked: %(why)s")
                % {"why": result.conflicts[0][1] if result.conflicts else ""}
            }
        )
    return result
