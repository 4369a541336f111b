from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kollega.spaces.models import Space


class Stage(models.TextChoices):
    FREELANCER = "freelancer", _("Freelancer")
    STARTUP = "startup", _("Start-up")
    SCALEUP = "scaleup", _("Scale-up")
    ESTABLISHED = "established", _("Established company")
    REMOTE_TEAM = "remote_team", _("Remote team")
    PUBLIC_SECTOR = "public_sector", _("Public sector")
    ACADEMIA = "academia", _("Academia")


class Industry(models.TextChoices):
    SOFTWARE = "software", _("Software and IT")
    ENERGY = "energy", _("Energy and cleantech")
    MOBILITY = "mobility", _("Mobility and transport")
    ARCHITECTURE = "architecture", _("Architecture and urban planning")
    CONSTRUCTION = "construction", _("Construction and property")
    CONSULTING = "consulting", _("Consulting and advisory")
    FINANCE = "finance", _("Finance, accounting and legal")
    DESIGN = "design", _("Design and creative industries")
    MEDIA = "media", _("Media and communication")
    HARDWARE = "hardware", _("Hardware and manufacturing")
    HEALTH = "health", _("Health and life science")
    FOOD = "food", _("Food and agriculture")
    EDUCATION = "education", _("Education and research")
    PUBLIC = "public", _("Public services")
    OTHER = "other", _("Other")


class Company(models.Model):
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="companies")
    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(_("organisation number"), max_length=30, blank=True)
    industry = models.CharField(
        _("industry"), max_length=30, choices=Industry.choices, default=Industry.OTHER
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    employees = models.PositiveIntegerField(_("number of employees"), default=1)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=["space", "org_number"],
                condition=~models.Q(org_number=""),
                name="company_unique_org_number_per_space",
            )
        ]

    def __str__(self) -> str:
        return self.name
