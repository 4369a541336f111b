"""Holds: the space itself takes a room for a time, for an event. A hold is a `Booking`
without a member, so every overlap rule, the row lock and PostgreSQL's exclusion constraint
apply to it as to any booking; opening hours, steps and allowances do not (a Thursday bar may
run after closing and costs no one anything)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.bookings.models import Booking, BookingStatus, Resource
from kollega.bookings.services.bookings import MAX_BOOKING, _check_free
from kollega.core.db import atomic_with_retry, lock_rows
from kollega.core.permissions import is_space_staff


def _check_span(start: dt.datetime, end: dt.datetime) -> None:
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ValidationError({"start": _("Give times with their time zone.")})
    if end <= start:
        raise ValidationError({"end": _("The end must be after the start.")})
    if end - start > MAX_BOOKING:
        raise ValidationError({"end": _("A room can be held for at most a day at a time.")})


def _write(
    *, resource: Resource, hold: Booking | None, start: dt.datetime, end: dt.datetime, title: str
) -> Booking:
    lock_rows(Resource.objects.filter(pk=resource.pk))
    others = Booking.objects.filter(
        resource=resource,
        status=BookingStatus.CONFIRMED,
        start__lt=end,
        end__gt=start,
        start__gte=start - MAX_BOOKING,
    )
    if hold is not None:
        others = others.exclude(pk=hold.pk)
    if others.exists():
        _check_free(resource=resource, start=start, end=end)  # raises, naming the clash
    try:
        with transaction.atomic():
            if hold is None:
                return Booking.objects.create(
                    space_id=resource.space_id,
                    resource=resource,
                    member=None,
                    start=start,
                    end=end,
                    title=title.strip()[:120],
                    currency=resource.space.currency,
                )
            hold.resource = resource
            hold.start, hold.end, hold.title = start, end, title.strip()[:120]
            hold.save(update_fields=["resource", "start", "end", "title"])
            return hold
    except IntegrityError:  # PostgreSQL's exclusion constraint: taken a moment ago
        raise ValidationError(
            {
                "resource": _("%(resource)s was just booked by someone else.")
                % {"resource": resource.name}
            }
        ) from None


@atomic_with_retry
def booking_hold_create(
    *, resource: Resource, start: dt.datetime, end: dt.datetime, title: str, actor: User
) -> Booking:
    """Hold `resource` for the space from `start` to `end`; refused if anyone has it then."""
    if not is_space_staff(user=actor, space=resource.space):
        raise PermissionDenied(_("Only the space's staff can hold a room."))
    _check_span(start, end)
    return _write(resource=resource, hold=None, start=start, end=end, title=title)


@atomic_with_retry
def booking_hold_move(
    *,
    hold: Booking,
    resource: Resource,
    start: dt.datetime,
    end: dt.datetime,
    title: str,
    actor: User,
) -> Booking:
    """Move a hold to another time or room; refused (and left as it was) if that is taken."""
    if not is_space_staff(user=actor, space=resource.space) or hold.member_id is not None:
        raise PermissionDenied(_("Only the space's staff can move a room hold."))
    _check_span(start, end)
    return _write(resource=resource, hold=hold, start=start, end=end, title=title)


@transaction.atomic
def booking_hold_release(*, hold: Booking, actor: User, now: dt.datetime | None = None) -> None:
    """Give the room back: the hold is cancelled and its time is free again."""
    if hold.member_id is not None or not is_space_staff(user=actor, space=hold.space):
        raise PermissionDenied(_("Only the space's staff can release a room hold."))
    Booking.objects.filter(pk=hold.pk, status=BookingStatus.CONFIRMED).update(
        status=BookingStatus.CANCELLED, cancelled_at=now or timezone.now()
    )
