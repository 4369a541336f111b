"""The community manager's setup of bookings: zones, resources, opening hours, closed days
and the booking rules per kind of resource.

Every service here is for the space's staff only (PermissionDenied otherwise) and raises a
ValidationError naming the field at fault, so a form can show it next to that field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.bookings.models import (
    BookingRule,
    ClosedDay,
    OpeningHours,
    Resource,
    ResourceKind,
    Zone,
)
from kollega.core.permissions import is_space_staff
from kollega.memberships.models import Membership, PlanKind
from kollega.spaces.models import Space

MIN_GRANULARITY = 5
MINUTES_PER_DAY = 24 * 60  # a booking starts and ends on the same day
SMALL_NUMBER_MAX = 32767  # the largest value of the rule's small-integer columns


def _check_staff(*, actor: User, space: Space) -> None:
    if not is_space_staff(user=actor, space=space):
        raise PermissionDenied(_("Only the space's staff can set up bookings."))


# --- zones and resources --------------------------------------------------------------------


@transaction.atomic
def zone_save(
    *, space: Space, actor: User, name: str, is_flex: bool, zone: Zone | None = None
) -> Zone:
    """Create a zone of the space, or rename / re-flag `zone`."""
    _check_staff(actor=actor, space=space)
    if zone is not None and zone.space_id != space.pk:
        raise ValidationError({"zone": _("There is no such zone in this space.")})
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the zone a name.")})
    taken = Zone.objects.filter(space=space, name__iexact=name)
    if zone is not None:
        taken = taken.exclude(pk=zone.pk)
    if taken.exists():
        raise ValidationError(
            {"name": _("There is already a zone called %(name)s.") % {"name": name}}
        )
    zone = zone or Zone(space=space)
    zone.name = name
    zone.is_flex = is_flex
    zone.save()
    return zone


def _resource_fields(
    *,
    space: Space,
    resource: Resource | None,
    kind: str,
    name: str,
    zone: Zone | None,
    capacity: int,
    hourly_price: Decimal,
    equipment: Sequence[str],
    fixed_membership: Membership | None,
) -> dict[str, object]:
    """The checked values for a resource; ValidationError naming the field otherwise."""
    if kind not in ResourceKind.values:
        raise ValidationError(
            {"kind": _("Choose a desk, meeting room, phone booth or event area.")}
        )
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the resource a name.")})
    taken = Resource.objects.filter(space=space, name__iexact=name)
    if resource is not None:
        taken = taken.exclude(pk=resource.pk)
    if taken.exists():
        raise ValidationError(
            {"name": _("There is already a resource called %(name)s.") % {"name": name}}
        )
    if zone is not None and zone.space_id != space.pk:
        raise ValidationError({"zone": _("There is no such zone in this space.")})
    if capacity < 1:
        raise ValidationError({"capacity": _("A resource has at least one seat.")})
    if hourly_price < 0:
        raise ValidationError({"hourly_price": _("The price cannot be negative.")})
    if fixed_membership is not None:
        if fixed_membership.space_id != space.pk:
            raise ValidationError(
                {"fixed_membership": _("There is no such membership in this space.")}
            )
        if kind != ResourceKind.DESK:
            raise ValidationError(
                {"fixed_membership": _("Only a desk can be assigned to a membership.")}
            )
    return {
        "kind": kind,
        "name": name,
        "zone": zone,
        "capacity": capacity,
        "hourly_price": hourly_price,
        "equipment": [item.strip() for item in equipment if item.strip()],
        "fixed_membership": fixed_membership,
    }


@transaction.atomic
def resource_create(
    *,
    space: Space,
    actor: User,
    kind: str,
    name: str,
    zone: Zone | None = None,
    capacity: int = 1,
    hourly_price: Decimal = Decimal(0),
    equipment: Sequence[str] = (),
    fixed_membership: Membership | None = None,
) -> Resource:
    """A new bookable desk, meeting room, phone booth or event area (with its own check-in
    token for the QR sheet)."""
    _check_staff(actor=actor, space=space)
    fields = _resource_fields(
        space=space,
        resource=None,
        kind=kind,
        name=name,
        zone=zone,
        capacity=capacity,
        hourly_price=hourly_price,
        equipment=equipment,
        fixed_membership=fixed_membership,
    )
    return Resource.objects.create(space=space, **fields)  # type: ignore[arg-type]


@transaction.atomic
def resource_update(
    *,
    resource: Resource,
    actor: User,
    kind: str,
    name: str,
    zone: Zone | None,
    capacity: int,
    hourly_price: Decimal,
    equipment: Sequence[str],
    fixed_membership: Membership | None,
    is_active: bool,
) -> Resource:
    """Change a resource. `is_active=False` takes it out of booking (new bookings only: the
    bookings it already has stay, and the staff can cancel them)."""
    resource = (
        Resource.objects.select_for_update(of=("self",)).select_related("space").get(pk=resource.pk)
    )
    _check_staff(actor=actor, space=resource.space)
    fields = _resource_fields(
        space=resource.space,
        resource=resource,
        kind=kind,
        name=name,
        zone=zone,
        capacity=capacity,
        hourly_price=hourly_price,
        equipment=equipment,
        fixed_membership=fixed_membership,
    )
    for field, value in fields.items():
        setattr(resource, field, value)
    resource.is_active = is_active
    resource.save()
    return resource


# --- opening hours and closed days ----------------------------------------------------------


def weekday_name(weekday: int) -> str:
    return str(WEEKDAYS[weekday])


@transaction.atomic
def opening_hours_set(
    *, space: Space, actor: User, hours: Mapping[int, tuple[dt.time, dt.time] | None]
) -> list[OpeningHours]:
    """Set the opening hours of every weekday at once (0 = Monday). A weekday that is missing
    or None is closed; no hours at all means bookable at any time."""
    _check_staff(actor=actor, space=space)
    errors: dict[str, list[str]] = {}
    for weekday in hours:
        if weekday not in range(7):
            errors.setdefault("hours", []).append(
                _("There is no weekday %(day)s.") % {"day": weekday}
            )
    for weekday in range(7):
        times = hours.get(weekday)
        if times is not None and not times[0] < times[1]:
            errors.setdefault(f"closes_{weekday}", []).append(
                _("%(weekday)s: the space must open before it closes.")
                % {"weekday": weekday_name(weekday)}
            )
    if errors:
        raise ValidationError(errors)
    OpeningHours.objects.filter(space=space).delete()
    return OpeningHours.objects.bulk_create(
        OpeningHours(space=space, weekday=weekday, opens=times[0], closes=times[1])
        for weekday in range(7)
        if (times := hours.get(weekday)) is not None
    )


@transaction.atomic
def closed_day_add(*, space: Space, actor: User, date: dt.date, reason: str = "") -> ClosedDay:
    """Close the space on `date` (a holiday, say): nothing new can be booked that day. The
    bookings already made stay; the staff can cancel them."""
    _check_staff(actor=actor, space=space)
    if ClosedDay.objects.filter(space=space, date=date).exists():
        raise ValidationError(
            {
                "date": _("The space is already closed on %(date)s.")
                % {"date": formats.date_format(date)}
            }
        )
    return ClosedDay.objects.create(space=space, date=date, reason=reason.strip()[:100])


@transaction.atomic
def closed_day_remove(*, closed_day: ClosedDay, actor: User) -> None:
    _check_staff(actor=actor, space=closed_day.space)
    closed_day.delete()


# --- booking rules --------------------------------------------------------------------------


@transaction.atomic
def booking_rule_save(
    *,
    space: Space,
    actor: User,
    kind: str,
    granularity_minutes: int,
    min_minutes: int,
    max_minutes: int,
    horizon_days: int,
    cancel_minutes: int,
    allowed_plan_kinds: Sequence[str] = (),
    fair_use_hours: int | None = None,
    check_in_grace_minutes: int | None = None,
) -> BookingRule:
    """Set how one kind of resource may be booked in the space (created on first save)."""
    _check_staff(actor=actor, space=space)
    if kind not in ResourceKind.values:
        raise ValidationError(
            {"kind": _("Choose a desk, meeting room, phone booth or event area.")}
        )
    errors: dict[str, str] = {}
    step = granularity_minutes
    if not MIN_GRANULARITY <= step <= MINUTES_PER_DAY:
        errors["granularity_minutes"] = _(
            "Time steps are between %(least)d and %(most)d minutes."
        ) % {"least": MIN_GRANULARITY, "most": MINUTES_PER_DAY}
    if min_minutes < 1:
        errors["min_minutes"] = _("The shortest booking must be at least one time step.")
    elif "granularity_minutes" not in errors and min_minutes % step:
        errors["min_minutes"] = _(
            "The shortest booking must be a whole number of %(minutes)d-minute steps."
        ) % {"minutes": step}
    if max_minutes < min_minutes:
        errors["max_minutes"] = _(
            "The longest booking cannot be shorter than the shortest (%(minutes)d minutes)."
        ) % {"minutes": min_minutes}
    elif max_minutes > MINUTES_PER_DAY:
        errors["max_minutes"] = _(
            "A booking cannot be longer than a day (%(minutes)d minutes)."
        ) % {"minutes": MINUTES_PER_DAY}
    elif "granularity_minutes" not in errors and max_minutes % step:
        errors["max_minutes"] = _(
            "The longest booking must be a whole number of %(minutes)d-minute steps."
        ) % {"minutes": step}
    for name, value in (
        ("horizon_days", horizon_days),
        ("cancel_minutes", cancel_minutes),
        ("fair_use_hours", fair_use_hours),
        ("check_in_grace_minutes", check_in_grace_minutes),
    ):
        if value is not None and value < 0:
            errors[name] = _("This cannot be negative.")
        elif value is not None and name != "cancel_minutes" and value > SMALL_NUMBER_MAX:
            errors[name] = _("At most %(most)d.") % {"most": SMALL_NUMBER_MAX}
    unknown = sorted(set(allowed_plan_kinds) - set(PlanKind.values))
    if unknown:
        errors["allowed_plan_kinds"] = _("Unknown plan kind: %(kinds)s.") % {
            "kinds": ", ".join(unknown)
        }
    if errors:
        raise ValidationError(errors)
    rule = BookingRule.objects.select_for_update().filter(space=space, kind=kind).first()
    rule = rule or BookingRule(space=space, kind=kind)
    rule.granularity_minutes = granularity_minutes
    rule.min_minutes = min_minutes
    rule.max_minutes = max_minutes
    rule.horizon_days = horizon_days
    rule.cancel_minutes = cancel_minutes
    rule.allowed_plan_kinds = [k for k in PlanKind.values if k in set(allowed_plan_kinds)]
    rule.fair_use_hours = fair_use_hours
    rule.check_in_grace_minutes = check_in_grace_minutes
    rule.save()
    return rule
