"""Fixed desks: the holder releases their desk for days away, so flex members can book it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.bookings.models import Booking, BookingStatus, DeskRelease, Resource
from kollega.members.models import Member


def _holds(member: Member, resource: Resource) -> bool:
    membership = resource.fixed_membership
    if membership is None:
        return False
    if membership.member_id is not None:
        return membership.member_id == member.pk
    return membership.company_id is not None and membership.company_id == member.company_id


@transaction.atomic
def desk_release(*, resource: Resource, member: Member, actor: User, date: dt.date) -> DeskRelease:
    """The holder of a fixed desk lets others book it on `date`."""
    if actor.pk != member.user_id:
        raise PermissionDenied(_("Only the member can release their own desk."))
    if not _holds(member, resource):
        raise PermissionDenied(_("This is not your fixed desk."))
    if date < timezone.localdate(timezone=resource.space.tzinfo):
        raise ValidationError({"date": _("This day has already passed.")})
    release, _created = DeskRelease.objects.get_or_create(
        resource=resource, date=date, defaults={"released_by": member}
    )
    return release


@transaction.atomic
def desk_release_withdraw(
    *, resource: Resource, member: Member, actor: User, date: dt.date
) -> None:
    """Take a release back, unless someone has already booked the desk that day."""
    if actor.pk != member.user_id or not _holds(member, resource):
        raise PermissionDenied(_("This is not your fixed desk."))
    tz = resource.space.tzinfo
    day_start = dt.datetime.combine(date, dt.time(0), tzinfo=tz)
    booked = Booking.objects.filter(
        resource=resource,
        status=BookingStatus.CONFIRMED,
        start__lt=day_start + dt.timedelta(days=1),
        end__gt=day_start,
    ).exclude(member=member)
    if booked.exists():
        raise ValidationError(
            {"date": _("Someone has booked your desk that day; ask them or the community manager.")}
        )
    DeskRelease.objects.filter(resource=resource, date=date).delete()
