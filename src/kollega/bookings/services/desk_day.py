"""A desk for the whole day, in one click: a given desk, or any free desk of a zone.

The booking itself is an ordinary `booking_create` from opening to closing (today: from the
next time step), so every rule, the lock and the allowances apply. A zone's capacity is its
desks that can be booked that day (flex desks, and fixed desks their holders released): when
none is free, the zone is full. A member needs one desk a day, so a second is refused.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User

# The selectors module imports the services package; import the module (not its names) so
# either may be imported first.
from kollega.bookings import selectors
from kollega.bookings.models import Booking, BookingStatus, Resource, ResourceKind, Zone
from kollega.bookings.services.bookings import booking_create, booking_rule_for
from kollega.core.db import atomic_with_retry, lock_rows
from kollega.core.permissions import is_space_staff
from kollega.members.models import Member


def _hours(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _window(*, member: Member, day: dt.date, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The whole day's time range, or a ValidationError on `day` saying why there is none."""
    space = member.space
    when = formats.date_format(day)
    if day < timezone.localdate(now, space.tzinfo):
        raise ValidationError({"day": _("%(date)s has already passed.") % {"date": when}})
    hours = selectors.day_hours(space=space, day=day)
    if hours is None:
        raise ValidationError({"day": _("The space is closed on %(date)s.") % {"date": when}})
    rule = booking_rule_for(space_id=space.pk, kind=ResourceKind.DESK)
    window = selectors.desk_day_window(
        space=space, day=day, hours=hours, step=rule.granularity_minutes, now=now
    )
    if window is None:
        raise ValidationError({"day": _("The space has closed for today.")})
    minutes = int((window[1] - window[0]).total_seconds() // 60)
    if minutes > rule.max_minutes:
        raise ValidationError(
            {
                "day": _(
                    "Desks can be booked for at most %(longest)s hours at a time here, shorter "
                    "than the day (%(day)s hours); book part of the day, or ask the community "
                    "manager."
                )
                % {"longest": _hours(rule.max_minutes), "day": _hours(minutes)}
            }
        )
    return window


def _check_one_desk_a_day(*, member: Member, day: dt.date) -> None:
    tz = member.space.tzinfo
    midnight = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
    existing = (
        Booking.objects.filter(
            member=member,
            resource__kind=ResourceKind.DESK,
            status=BookingStatus.CONFIRMED,
            start__lt=midnight + dt.timedelta(days=1),
            end__gt=midnight,
        )
        .select_related("resource")
        .first()
    )
    if existing is not None:
        raise ValidationError(
            {
                "day": _("You already have a desk on %(date)s: %(desk)s.")
                % {"date": formats.date_format(day), "desk": existing.resource.name}
            }
        )


def _taken(*, resource: Resource, start: dt.datetime, end: dt.datetime) -> bool:
    return Booking.objects.filter(
        resource=resource, status=BookingStatus.CONFIRMED, start__lt=end, end__gt=start
    ).exists()


@atomic_with_retry
def desk_book_day(
    *,
    member: Member,
    day: dt.date,
    actor: User,
    zone: Zone | None = None,
    resource: Resource | None = None,
    now: dt.datetime | None = None,
) -> Booking:
    """Book a desk for `member` for the whole of `day`: `resource`, or the first free desk of
    `zone` by name. Exactly one of the two."""
    if actor.pk != member.user_id and not is_space_staff(user=actor, space=member.space):
        raise PermissionDenied(_("You can only book for yourself."))
    if zone is None and resource is None:
        raise ValidationError({"zone": _("Choose a zone or a desk.")})
    if zone is not None and resource is not None:
        raise ValidationError({"resource": _("Choose a zone or a desk, not both.")})
    if zone is not None and zone.space_id != member.space_id:
        raise ValidationError({"zone": _("There is no such zone in this space.")})
    if resource is not None and resource.kind != ResourceKind.DESK:
        raise ValidationError({"resource": _("Only desks can be booked for the whole day.")})
    now = now or timezone.now()
    start, end = _window(member=member, day=day, now=now)
    # One desk a day: lock the member so two clicks at once cannot both pass the check.
    lock_rows(Member.objects.filter(pk=member.pk))
    _check_one_desk_a_day(member=member, day=day)
    if resource is not None:
        return booking_create(
            member=member, resource=resource, start=start, end=end, actor=actor, now=now
        )
    assert zone is not None
    desks = selectors.bookable_desks(
        space=member.space, day=day, start=start, end=end, zone=zone, free_only=True
    )
    for desk in desks.select_related("space"):
        try:
            return booking_create(
                member=member, resource=desk, start=start, end=end, actor=actor, now=now
            )
        except ValidationError:
            if _taken(resource=desk, start=start, end=end):
                continue  # booked by someone else a moment ago: try the next desk
            raise  # a rule that holds for every desk (plan, horizon, ...): say so
    raise ValidationError(
        {
            "zone": _("No desk is free in %(zone)s on %(date)s.")
            % {"zone": zone.name, "date": formats.date_format(day)}
        }
    )
