from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kollega.companies.models import Company
from kollega.spaces.models import Currency, Space

MAX_SEATS = 10_000
MAX_NOTICE_MONTHS = 36


class PlanKind(models.TextChoices):
    PRIVATE_OFFICE = "private_office", _("Private office")
    FIXED_DESK = "fixed_desk", _("Fixed desk")
    FLEX = "flex", _("Flex (clean desk)")
    COMMUNITY = "community", _("Community pass (rooms and events, no desk)")


class Plan(models.Model):
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="plans")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices)
    monthly_price = models.DecimalField(
        _("monthly price"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    seats = models.PositiveIntegerField(
        _("seats included"), default=1, validators=[MaxValueValidator(MAX_SEATS)]
    )
    included_room_hours = models.PositiveIntegerField(
        _("meeting-room hours per month"), default=0, validators=[MaxValueValidator(744)]
    )
    notice_months = models.PositiveIntegerField(
        _("notice period (months)"), default=3, validators=[MaxValueValidator(MAX_NOTICE_MONTHS)]
    )
    description = models.TextField(_("description"), blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ("space", "monthly_price", "name")

    def __str__(self) -> str:
        return self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


def running_on(day: dt.date, *, prefix: str = "") -> models.Q:
    """Memberships running on `day` (started, not yet ended); `prefix` reaches them through a
    relation, e.g. running_on(day, prefix="memberships__") on companies or plans."""
    return models.Q(**{f"{prefix}start_date__lte": day}) & (
        models.Q(**{f"{prefix}end_date__isnull": True})
        | models.Q(**{f"{prefix}end_date__gte": day})
    )


class MembershipStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Starts later")
    ACTIVE = "active", _("Active")
    NOTICE = "notice", _("Notice given")
    ENDED = "ended", _("Ended")


class Membership(models.Model):
    """A contract for desks or access: held by a company or by one member.

    Never deleted: giving notice sets the end date, ending sets it to the day it ended,
    and every change is logged as a MembershipEvent.
    """

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="memberships")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="memberships")
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="individual_memberships",
    )
    seats = models.PositiveIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_SEATS)]
    )
    start_date = models.DateField(_("start date"))
    notice_given_on = models.DateField(_("notice given on"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("-start_date", "id")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(company__isnull=False, member__isnull=True)
                    | models.Q(company__isnull=True, member__isnull=False)
                ),
                name="membership_company_xor_member",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["space", "end_date"])]

    def __str__(self) -> str:
        return f"{self.holder_name}: {self.plan}"

    @property
    def holder_name(self) -> str:
        if self.company_id is not None and self.company is not None:
            return self.company.name
        return str(self.member.user) if self.member is not None else "?"

    def status_on(self, day: dt.date) -> MembershipStatus:
        if self.start_date > day:
            return MembershipStatus.UPCOMING
        if self.end_date is not None and self.end_date < day:
            return MembershipStatus.ENDED
        if self.notice_given_on is not None:
            return MembershipStatus.NOTICE
        return MembershipStatus.ACTIVE


class MembershipEventKind(models.TextChoices):
    CREATED = "created", _("Started")
    PLAN_CHANGED = "plan_changed", _("Plan changed")
    SEATS_CHANGED = "seats_changed", _("Seats changed")
    NOTICE_GIVEN = "notice_given", _("Notice given")
    NOTICE_WITHDRAWN = "notice_withdrawn", _("Notice withdrawn")
    ENDED = "ended", _("Ended")


class MembershipEvent(models.Model):
    """The history of a membership, newest last."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=MembershipEventKind.choices)
    happened_at = models.DateTimeField(auto_now_add=True)
    effective_date = models.DateField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("happened_at", "id")
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date}"
