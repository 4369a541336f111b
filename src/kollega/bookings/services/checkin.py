"""Check-in and no-shows: a room booking nobody checks in to within the rule's grace period
is released (a background job) so others can use the room, and its member is told."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.bookings.models import Booking, BookingRule, BookingStatus, Resource
from kollega.core.permissions import is_space_staff
from kollega.members.selectors import member_language
from kollega.notifications.services import email_queue

EARLY_CHECK_IN = dt.timedelta(minutes=15)


@transaction.atomic
def booking_check_in(*, booking: Booking, actor: User, now: dt.datetime | None = None) -> Booking:
    """The member (or staff) checks in, from 15 minutes before the start until the end.
    Checking in twice is fine: the first time counts."""
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("member", "resource__space")
        .get(pk=booking.pk)
    )
    if booking.member is None:
        raise ValidationError({"booking": _("This is a room held for an event.")})
    if booking.member.user_id != actor.pk and not is_space_staff(
        user=actor, space=booking.resource.space
    ):
        raise PermissionDenied(_("You can only check in to your own bookings."))
    now = now or timezone.now()
    if booking.status != BookingStatus.CONFIRMED:
        raise ValidationError({"booking": _("This booking is no longer active.")})
    if now < booking.start - EARLY_CHECK_IN:
        raise ValidationError({"booking": _("You can check in from 15 minutes before the start.")})
    if now >= booking.end:
        raise ValidationError({"booking": _("This booking is over.")})
    if booking.checked_in_at is None:
        booking.checked_in_at = now
        booking.save(update_fields=["checked_in_at"])
    return booking


def booking_for_check_in(
    *, token: str, actor: User, now: dt.datetime | None = None
) -> tuple[Resource, Booking | None]:
    """The resource behind a QR code, and the actor's booking of it that can be checked in
    to now (None if there is none). Raises Resource.DoesNotExist for an unknown code."""
    resource = Resource.objects.select_related("space").get(check_in_token=token)
    now = now or timezone.now()
    booking = (
        Booking.objects.filter(
            resource=resource,
            member__user=actor,
            status=BookingStatus.CONFIRMED,
            start__lte=now + EARLY_CHECK_IN,
            end__gt=now,
        )
        .order_by("start")
        .first()
    )
    return resource, booking


def bookings_release_no_shows(*, now: dt.datetime | None = None) -> int:
    """Release every confirmed booking whose grace period passed without a check-in, and
    tell its member. Idempotent: a released booking is not released again; each e-mail has
    an outbox key. Returns how many were released."""
    now = now or timezone.now()
    released = 0
    for rule in BookingRule.objects.filter(check_in_grace_minutes__isnull=False):
        grace = dt.timedelta(minutes=rule.check_in_grace_minutes or 0)
        due = Booking.objects.filter(
            space_id=rule.space_id,
            resource__kind=rule.kind,
            member__isnull=False,  # a room held for an event is not a no-show
            status=BookingStatus.CONFIRMED,
            checked_in_at__isnull=True,
            start__lte=now - grace,
            end__gt=now,
        ).values_list("pk", flat=True)
        for booking_id in list(due):
            released += _release(booking_id=booking_id, now=now)
    return released


@transaction.atomic
def _release(*, booking_id: int, now: dt.datetime) -> int:
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("member__user", "resource__space", "member__space")
        .get(pk=booking_id)
    )
    if booking.status != BookingStatus.CONFIRMED or booking.checked_in_at is not None:
        return 0
    assert booking.member is not None  # holds are never due
    booking.status = BookingStatus.RELEASED
    booking.released_at = now
    booking.save(update_fields=["status", "released_at"])
    member = booking.member
    space = booking.resource.space
    email_queue(
        key=f"booking-{booking.pk}-released",
        to=member.user.email,
        template="bookings/email/released",
        context={
            "name": member.user.full_name,
            "resource": booking.resource.name,
            "start": timezone.localtime(booking.start, space.tzinfo),
            "space": space.name,
            "url": settings.KOLLEGA_BASE_URL
            + reverse("bookings:mine", kwargs={"slug": space.slug}),
        },
        language=member_language(member=member),
    )
    return 1
