"""Booking writes: create (with its price shown first), cancel.

`booking_create` checks every rule, then locks the resource row (and the membership whose
included hours it uses), checks for overlaps and writes, in one transaction that is retried
on a deadlock or serialization failure. PostgreSQL's exclusion constraint is the backstop;
on SQLite the IMMEDIATE transaction makes the check and the write one step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.bookings.models import (
    Booking,
    BookingRule,
    BookingStatus,
    ClosedDay,
    DeskRelease,
    OpeningHours,
    Resource,
    ResourceKind,
)
from kollega.core.db import atomic_with_retry, lock_rows
from kollega.core.permissions import is_space_staff
from kollega.members.models import Member, MemberStatus
from kollega.memberships.models import Membership

# A booking starts and ends on the same local day, so it lasts at most 25 hours (the day the
# clocks go back). Queries bound `start` by it so the (resource, start) index skips history.
MAX_BOOKING = dt.timedelta(hours=25)
# Kinds whose time counts against a plan's included meeting-room hours.
ALLOWANCE_KINDS = {ResourceKind.ROOM}


# Defaults that differ by kind: a desk is booked for the whole day.
KIND_DEFAULTS: dict[str, dict[str, int]] = {ResourceKind.DESK: {"max_minutes": 24 * 60}}


def booking_rule_for(*, space_id: int, kind: str) -> BookingRule:
    """The CM's rule for this kind of resource, or the defaults when none is set."""
    return BookingRule.objects.filter(space_id=space_id, kind=kind).first() or BookingRule(
        space_id=space_id, kind=kind, **KIND_DEFAULTS.get(kind, {})
    )


def memberships_running(*, member: Member, first: dt.date, last: dt.date) -> list[Membership]:
    """The memberships a member may book under on some day from `first` to `last`: their own
    and their company's, with their plans. One query; `membership_on` picks one for a day."""
    held = Q(member=member)
    if member.company_id is not None:
        held |= Q(company_id=member.company_id)
    return list(
        Membership.objects.filter(held, start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .select_related("plan")
    )


def membership_on(
    memberships: list[Membership], *, member: Member, day: dt.date
) -> Membership | None:
    """Of `memberships`, the one `member` books under on `day`: their own first (a membership
    is a member's or a company's, never both), then the most included room hours."""
    running = [
        m for m in memberships if m.start_date <= day and (m.end_date is None or m.end_date >= day)
    ]
    return min(
        running,
        key=lambda m: (m.member_id != member.pk, -m.plan.included_room_hours, m.pk),
        default=None,
    )


def membership_for(*, member: Member, day: dt.date) -> Membership | None:
    """The membership a member books under on `day`: their own, else their company's."""
    memberships = memberships_running(member=member, first=day, last=day)
    return membership_on(memberships, member=member, day=day)


@dataclass(frozen=True)
class Quote:
    """What a booking would cost: minutes from the included hours, minutes charged, price."""

    minutes: int
    included_minutes: int
    chargeable_minutes: int
    price: Decimal
    currency: str
    membership: Membership | None


def _local(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    return timezone.localtime(moment, tz)


def _when(moment: dt.datetime, tz: dt.tzinfo) -> str:
    return formats.date_format(_local(moment, tz), "SHORT_DATETIME_FORMAT")


def _check_rules(
    *, member: Member, resource: Resource, start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> tuple[BookingRule, Membership | None]:
    """Every rule that does not need a lock; ValidationError naming the field otherwise."""
    space = resource.space
    tz = space.tzinfo
    if resource.space_id != member.space_id or not resource.is_active:
        raise ValidationError({"resource": _("There is no such resource in this space.")})
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError({"member": _("Only active members can book.")})
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ValidationError({"start": _("Give times with their time zone.")})
    if end <= start:
        raise ValidationError({"end": _("The end must be after the start.")})
    if start < now:
        raise ValidationError({"start": _("This time has already passed.")})
    rule = booking_rule_for(space_id=space.pk, kind=resource.kind)
    minutes = int((end - start).total_seconds() // 60)
    local_start, local_end = _local(start, tz), _local(end, tz)
    step = rule.granularity_minutes
    for field, moment in (("start", local_start), ("end", local_end)):
        if (moment.hour * 60 + moment.minute) % step or moment.second or moment.microsecond:
            raise ValidationError(
                {field: _("Bookings go in steps of %(minutes)d minutes.") % {"minutes": step}}
            )
    if minutes < rule.min_minutes:
        raise ValidationError(
            {
                "end": _("The shortest booking is %(minutes)d minutes.")
                % {"minutes": rule.min_minutes}
            }
        )
    if minutes > rule.max_minutes:
        raise ValidationError(
            {
                "end": _("The longest booking is %(minutes)d minutes.")
                % {"minutes": rule.max_minutes}
            }
        )
    last_day = timezone.localdate(now, tz) + dt.timedelta(days=rule.horizon_days)
    if local_start.date() > last_day:
        raise ValidationError(
            {"start": _("You can book at most %(days)d days ahead.") % {"days": rule.horizon_days}}
        )
    _check_open(space_id=space.pk, local_start=local_start, local_end=local_end)
    membership = membership_for(member=member, day=local_start.date())
    _check_fixed_desk(resource=resource, membership=membership, day=local_start.date())
    if rule.allowed_plan_kinds and (
        membership is None or membership.plan.kind not in rule.allowed_plan_kinds
    ):
        raise ValidationError(
            {"resource": _("Your plan does not include booking this kind of resource.")}
        )
    if rule.fair_use_hours is not None:
        ahead = Booking.objects.filter(
            member=member,
            resource__kind=resource.kind,
            status=BookingStatus.CONFIRMED,
            end__gt=now,
            start__gt=now - MAX_BOOKING,  # bookings last at most a day: use the index
        ).values_list("start", "end")
        booked = sum(int((b_end - b_start).total_seconds() // 60) for b_start, b_end in ahead)
        if booked + minutes > rule.fair_use_hours * 60:
            raise ValidationError(
                {
                    "end": _(
                        "You can have at most %(hours)d hours booked ahead; you have "
                        "%(booked)s already."
                    )
                    % {"hours": rule.fair_use_hours, "booked": _hours(booked)}
                }
            )
    return rule, membership


def _check_fixed_desk(*, resource: Resource, membership: Membership | None, day: dt.date) -> None:
    """A fixed desk is its holder's; others may book it only on days the holder released."""
    if resource.fixed_membership_id is None:
        return
    if membership is not None and membership.pk == resource.fixed_membership_id:
        return
    if not DeskRelease.objects.filter(resource=resource, date=day).exists():
        raise ValidationError(
            {
                "resource": _(
                    "%(desk)s is someone's fixed desk: it can be booked only on days they are "
                    "away and release it."
                )
                % {"desk": resource.name}
            }
        )


def _hours(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _check_open(*, space_id: int, local_start: dt.datetime, local_end: dt.datetime) -> None:
    ends_at_midnight = local_end.time() == dt.time(0) and local_end.date() == (
        local_start.date() + dt.timedelta(days=1)
    )
    if local_start.date() != local_end.date() and not ends_at_midnight:
        raise ValidationError({"end": _("A booking must start and end on the same day.")})
    day = local_start.date()
    if ClosedDay.objects.filter(space_id=space_id, date=day).exists():
        raise ValidationError(
            {"start": _("The space is closed on %(date)s.") % {"date": formats.date_format(day)}}
        )
    hours = {
        weekday: (opens, closes)
        for weekday, opens, closes in OpeningHours.objects.filter(space_id=space_id).values_list(
            "weekday", "opens", "closes"
        )
    }
    if not hours:
        return  # the CM has not set opening hours: any time
    today = hours.get(day.weekday())
    end_time = local_end.time() if local_end.date() == day else dt.time(23, 59, 59)
    if today is None:
        raise ValidationError({"start": _("The space is closed on that day.")})
    opens, closes = today
    if local_start.time() < opens or end_time > closes:
        message = _("The space is open from %(opens)s to %(closes)s that day.") % {
            "opens": opens.strftime("%H:%M"),
            "closes": closes.strftime("%H:%M"),
        }
        raise ValidationError({"start": message})


def _quote(
    *, resource: Resource, membership: Membership | None, start: dt.datetime, minutes: int
) -> Quote:
    available = 0
    if membership is not None and resource.kind in ALLOWANCE_KINDS:
        month = timezone.localdate(start, resource.space.tzinfo).replace(day=1)
        included = membership.plan.included_room_hours * 60 * membership.seats
        used = (
            Booking.objects.filter(
                membership=membership,
                status=BookingStatus.CONFIRMED,
                start__gte=_month_start(month, resource),
                start__lt=_month_start(_next_month(month), resource),
            ).aggregate(used=Sum("included_minutes"))["used"]
            or 0
        )
        available = max(0, included - used)
    included_minutes = min(available, minutes)
    # Only time that costs something is chargeable (a free booth or desk is not).
    chargeable = minutes - included_minutes if resource.hourly_price else 0
    price = (Decimal(str(resource.hourly_price)) * chargeable / 60).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return Quote(
        minutes=minutes,
        included_minutes=included_minutes,
        chargeable_minutes=chargeable,
        price=price,
        currency=resource.space.currency,
        membership=membership,
    )


def _next_month(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)


def _month_start(month: dt.date, resource: Resource) -> dt.datetime:
    return dt.datetime.combine(month, dt.time(0), tzinfo=resource.space.tzinfo)


def _check_actor(member: Member, actor: User) -> None:
    if actor.pk != member.user_id and not is_space_staff(user=actor, space=member.space):
        raise PermissionDenied(_("You can only book for yourself."))


def booking_quote(
    *,
    member: Member,
    resource: Resource,
    start: dt.datetime,
    end: dt.datetime,
    actor: User,
    now: dt.datetime | None = None,
) -> Quote:
    """What booking this would cost, after every check a booking gets (except that the
    time may be taken by the time you confirm). Writes nothing."""
    _check_actor(member, actor)
    now = now or timezone.now()
    _rule, membership = _check_rules(
        member=member, resource=resource, start=start, end=end, now=now
    )
    _check_free(resource=resource, start=start, end=end)
    minutes = int((end - start).total_seconds() // 60)
    return _quote(resource=resource, membership=membership, start=start, minutes=minutes)


def _check_free(*, resource: Resource, start: dt.datetime, end: dt.datetime) -> None:
    clash = (
        Booking.objects.filter(
            resource=resource,
            status=BookingStatus.CONFIRMED,
            start__lt=end,
            end__gt=start,
            start__gte=start - MAX_BOOKING,  # bookings last at most a day: use the index
        )
        .order_by("start")
        .values_list("start", "end")
        .first()
    )
    if clash is not None:
        clash_start, clash_end = clash
        tz = resource.space.tzinfo
        raise ValidationError(
            {
                "start": _("%(resource)s is already booked from %(start)s to %(end)s")
                % {
                    "resource": resource.name,
                    "start": _when(clash_start, tz),
                    "end": _when(clash_end, tz),
                }
            }
        )


@atomic_with_retry
def booking_create(
    *,
    member: Member,
    resource: Resource,
    start: dt.datetime,
    end: dt.datetime,
    actor: User,
    title: str = "",
    now: dt.datetime | None = None,
) -> Booking:
    """Book `resource` for `member` from `start` to `end`; included room hours are used first,
    the rest is recorded as chargeable at the resource's hourly price."""
    _check_actor(member, actor)
    now = now or timezone.now()
    title = title.strip()[:120]
    _rule, membership = _check_rules(
        member=member, resource=resource, start=start, end=end, now=now
    )
    # Lock the resource (and the membership whose hours we use), then check and write.
    lock_rows(Resource.objects.filter(pk=resource.pk))
    if membership is not None:
        lock_rows(Membership.objects.filter(pk=membership.pk))
    _check_free(resource=resource, start=start, end=end)
    minutes = int((end - start).total_seconds() // 60)
    quote = _quote(resource=resource, membership=membership, start=start, minutes=minutes)
    try:
        # No savepoint: an IntegrityError leaves through this function's own transaction (or
        # its savepoint when called inside another one), which is rolled back.
        with transaction.atomic(savepoint=False):
            return Booking.objects.create(
                space_id=resource.space_id,
                resource=resource,
                member=member,
                membership=membership,
                start=start,
                end=end,
                title=title,
                included_minutes=quote.included_minutes,
                chargeable_minutes=quote.chargeable_minutes,
                price=quote.price,
                currency=quote.currency,
            )
    except IntegrityError:  # PostgreSQL's exclusion constraint: taken a moment ago
        raise ValidationError(
            {
                "start": _("%(resource)s was just booked by someone else.")
                % {"resource": resource.name}
            }
        ) from None


@atomic_with_retry
def booking_cancel(*, booking: Booking, actor: User, now: dt.datetime | None = None) -> Booking:
    """Cancel a booking: its time is free again and its included hours are given back.
    Members can cancel until the rule's deadline; staff at any time."""
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("resource__space", "member")
        .get(pk=booking.pk)
    )
    if booking.member is None:
        raise ValidationError(
            {"status": _("The space holds this room for an event: change the event instead.")}
        )
    staff = is_space_staff(user=actor, space=booking.resource.space)
    if booking.member.user_id != actor.pk and not staff:
        raise PermissionDenied(_("You can only cancel your own bookings."))
    if booking.status != BookingStatus.CONFIRMED:
        raise ValidationError({"status": _("This booking is not active.")})
    now = now or timezone.now()
    if booking.end <= now:
        raise ValidationError({"status": _("This booking is over.")})
    rule = booking_rule_for(space_id=booking.space_id, kind=booking.resource.kind)
    if not staff and booking.start - dt.timedelta(minutes=rule.cancel_minutes) < now:
        raise ValidationError(
            {
                "status": _(
                    "Bookings can be cancelled until %(minutes)d minutes before they start."
                )
                % {"minutes": rule.cancel_minutes}
            }
        )
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])
    return booking
