"""Resources of a space and their bookings.

A space has zones and resources (desks, meeting rooms, phone booths, event areas), opening
hours and closed days, and booking rules per kind of resource. A `Booking` holds one
resource for a time range; confirmed bookings of one resource never overlap: the service
locks the resource row, checks and writes, and on PostgreSQL an exclusion constraint is the
backstop (migration 0002, guarded by vendor so it still runs on SQLite).
"""

from __future__ import annotations

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kollega.members.models import Member
from kollega.memberships.models import Membership
from kollega.spaces.models import Space


class ResourceKind(models.TextChoices):
    DESK = "desk", _("Desk")
    ROOM = "room", _("Meeting room")
    BOOTH = "booth", _("Phone booth")
    EVENT_AREA = "event_area", _("Event area")


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Zone(models.Model):
    """An area of the space: a flex zone (desks anyone on a flex plan may book) or a fixed
    zone (desks assigned to memberships)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="zones")
    name = models.CharField(_("name"), max_length=100)
    is_flex = models.BooleanField(_("flex zone"), default=False)

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ("name",)
        constraints = [models.UniqueConstraint(fields=["space", "name"], name="zone_unique_name")]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="resources")
    zone = models.ForeignKey(
        Zone, on_delete=models.SET_NULL, null=True, blank=True, related_name="resources"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ResourceKind.choices)
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("seats"), default=1, validators=[MinValueValidator(1)])
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    hourly_price = models.DecimalField(
        _("price per hour"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    # A fixed desk belongs to a membership; its holder can release it for days away.
    fixed_membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="fixed_desks"
    )
    check_in_token = models.CharField(max_length=32, unique=True, default=new_token)
    is_active = models.BooleanField(_("bookable"), default=True)
    # Events held here must be open to every member of the space (e.g. the lounge).
    events_open_to_all = models.BooleanField(
        _("events here are open to all members"), default=False
    )

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ("kind", "name")
        constraints = [
            models.UniqueConstraint(fields=["space", "name"], name="resource_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    """When the space is open on a weekday (0 = Monday), in the space's time zone."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)])
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ("weekday",)
        constraints = [
            models.UniqueConstraint(fields=["space", "weekday"], name="openinghours_one_per_day"),
            models.CheckConstraint(condition=Q(opens__lt=F("closes")), name="openinghours_order"),
        ]

    def __str__(self) -> str:
        return f"{self.weekday}: {self.opens:%H:%M}-{self.closes:%H:%M}"


class ClosedDay(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ("date",)
        constraints = [
            models.UniqueConstraint(fields=["space", "date"], name="closedday_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.reason}"


class BookingRule(models.Model):
    """How one kind of resource may be booked in a space (set by the CM)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="booking_rules")
    kind = models.CharField(_("kind"), max_length=12, choices=ResourceKind.choices)
    granularity_minutes = models.PositiveSmallIntegerField(
        _("time steps (minutes)"), default=30, validators=[MinValueValidator(5)]
    )
    min_minutes = models.PositiveSmallIntegerField(_("shortest booking (minutes)"), default=30)
    max_minutes = models.PositiveIntegerField(_("longest booking (minutes)"), default=240)
    horizon_days = models.PositiveSmallIntegerField(_("bookable days ahead"), default=60)
    cancel_minutes = models.PositiveIntegerField(
        _("free cancellation until (minutes before)"), default=60
    )
    allowed_plan_kinds = models.JSONField(
        _("plan kinds that may book"),
        default=list,
        blank=True,
        help_text=_("Empty: every plan."),
    )
    fair_use_hours = models.PositiveSmallIntegerField(
        _("at most hours booked ahead per member"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit."),
    )
    check_in_grace_minutes = models.PositiveSmallIntegerField(
        _("released if nobody checks in within (minutes)"),
        null=True,
        blank=True,
        help_text=_("Empty: bookings are never released."),
    )

    class Meta:
        verbose_name = _("booking rule")
        verbose_name_plural = _("booking rules")
        constraints = [
            models.UniqueConstraint(fields=["space", "kind"], name="bookingrule_one_per_kind"),
            models.CheckConstraint(
                condition=Q(min_minutes__lte=F("max_minutes")), name="bookingrule_min_le_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space} {self.kind}"


class BookingSeries(models.Model):
    """A recurring booking (e.g. every Monday 09-10): the occurrences are ordinary bookings
    pointing here; those that clashed were reported when the series was made."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="booking_series")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="series")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="booking_series")
    first_start = models.DateTimeField()
    minutes = models.PositiveIntegerField()
    every_weeks = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    until = models.DateField()
    title = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recurring booking")
        verbose_name_plural = _("recurring bookings")

    def __str__(self) -> str:
        return f"{self.resource} x{self.every_weeks}w until {self.until}"


class DeskRelease(models.Model):
    """A fixed desk its holder is away from on `date`: flex members may book it that day."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="releases")
    date = models.DateField()
    released_by = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("released desk")
        verbose_name_plural = _("released desks")
        constraints = [
            models.UniqueConstraint(fields=["resource", "date"], name="deskrelease_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.date}"


class CalendarFeed(models.Model):
    """A member's personal iCalendar feed: a secret URL (only its hash is stored), revocable."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.member} feed"


class PresencePreference(models.Model):
    """Whether a member appears in "who's in" (they do unless they opt out)."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="presence")
    hide_from_whos_in = models.BooleanField(_("do not show me in “who's in”"), default=False)

    class Meta:
        verbose_name = _("presence preference")
        verbose_name_plural = _("presence preferences")

    def __str__(self) -> str:
        return str(self.member)


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    RELEASED = "released", _("Released (no check-in)")


class Booking(models.Model):
    """One resource held by one member (or, with no member, by the space for an event) from
    `start` to `end` (UTC, aware)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="bookings")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="bookings")
    # None: the space holds the resource (for an event; see services/holds.py).
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(
        max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    # Usage: minutes taken from the membership's included room hours, minutes charged.
    included_minutes = models.PositiveIntegerField(default=0)
    chargeable_minutes = models.PositiveIntegerField(default=0)
    price = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    currency = models.CharField(max_length=3)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)  # no check-in: a no-show
    series = models.ForeignKey(
        BookingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ("start",)
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="booking_start_before_end"
            ),
        ]
        indexes = [
            models.Index(fields=["resource", "start"], name="booking_resource_start"),
            models.Index(fields=["member", "start"], name="booking_member_start"),
            models.Index(fields=["space", "start"], name="booking_space_start"),
            models.Index(fields=["membership", "start"], name="booking_membership_start"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.start:%Y-%m-%d %H:%M}"
