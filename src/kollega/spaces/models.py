from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    NOK = "NOK", "NOK"
    DKK = "DKK", "DKK"
    SEK = "SEK", "SEK"
    EUR = "EUR", "EUR"


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


def validate_languages(value: object) -> None:
    known = {code for code, _name in settings.LANGUAGES}
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one language."))
    unknown = [code for code in value if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."), params={"codes": ", ".join(map(str, unknown))}
        )


class Operator(models.Model):
    """An organisation that runs one or more spaces. Its admins are staff of all its spaces."""

    name = models.CharField(_("name"), max_length=200)
    admins = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="operated", blank=True, verbose_name=_("admins")
    )

    class Meta:
        verbose_name = _("operator")
        verbose_name_plural = _("operators")

    def __str__(self) -> str:
        return self.name


class Space(models.Model):
    operator = models.ForeignKey(
        Operator, on_delete=models.PROTECT, related_name="spaces", verbose_name=_("operator")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True, max_length=60)
    address = models.TextField(_("address"), blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Oslo", validators=[validate_time_zone]
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.NOK
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        validators=[validate_languages],
        help_text=_("Languages the space works in."),
    )
    theme = models.TextField(
        _("theme"),
        blank=True,
        help_text=_("What this community has in common, e.g. “smart and sustainable cities”."),
    )
    house_values = models.TextField(
        _("house values and expectations"),
        blank=True,
        help_text=_("Shown to applicants and new members."),
    )
    max_seats_per_company = models.PositiveIntegerField(
        _("maximum seats per company"),
        null=True,
        blank=True,
        help_text=_("You are warned when a company goes above this. Leave empty for no limit."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class SpaceStaff(models.Model):
    """A community manager (or other staff) of one space."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles"
    )
    title = models.CharField(_("title"), max_length=100, default="Community manager")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("space staff")
        verbose_name_plural = _("space staff")
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="spacestaff_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.space}"
