from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kollega.companies.models import Company
from kollega.spaces.models import Space


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of my space")
    STAFF = "staff", _("Staff only")


class Weekday(models.TextChoices):
    MON = "mon", _("Monday")
    TUE = "tue", _("Tuesday")
    WED = "wed", _("Wednesday")
    THU = "thu", _("Thursday")
    FRI = "fri", _("Friday")
    SAT = "sat", _("Saturday")
    SUN = "sun", _("Sunday")


# Profile fields whose visibility each member chooses, with the default level.
VISIBLE_FIELDS: dict[str, Visibility] = {
    "photo": Visibility.MEMBERS,
    "headline": Visibility.MEMBERS,
    "bio": Visibility.MEMBERS,
    "languages": Visibility.MEMBERS,
    "offers": Visibility.MEMBERS,
    "needs": Visibility.MEMBERS,
    "interests": Visibility.MEMBERS,
    "presence_days": Visibility.MEMBERS,
    "links": Visibility.MEMBERS,
    "email": Visibility.MEMBERS,
    "phone": Visibility.STAFF,
}


def default_visibility() -> dict[str, str]:
    return {field: level.value for field, level in VISIBLE_FIELDS.items()}


class Interest(models.Model):
    """A theme or interest tag shared across spaces (e.g. “urban mobility”)."""

    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


def profile_photo_path(instance: Profile, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"photos/{instance.user_id}.{extension}"


class Profile(models.Model):
    """What a person tells the community about themselves. One per user, used in all spaces."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    photo = models.ImageField(_("photo"), upload_to=profile_photo_path, blank=True)
    headline = models.CharField(_("headline"), max_length=160, blank=True)
    bio = models.TextField(_("about me"), blank=True, max_length=4000)
    languages = models.JSONField(_("languages I speak"), default=list, blank=True)
    offers = models.JSONField(_("what I can help with"), default=list, blank=True)
    needs = models.JSONField(_("what I am looking for"), default=list, blank=True)
    interests = models.ManyToManyField(
        Interest, blank=True, related_name="profiles", verbose_name=_("interests and themes")
    )
    presence_days = models.JSONField(_("days I am usually in"), default=list, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    visibility = models.JSONField(default=default_visibility)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)

    def visibility_of(self, field: str) -> Visibility:
        value = (self.visibility or {}).get(field, VISIBLE_FIELDS[field].value)
        return Visibility(value)


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    FORMER = "former", _("Former member")


class Member(models.Model):
    """A person's place in one space's community: their company and role there."""

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships_in_spaces"
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    is_company_contact = models.BooleanField(_("company contact person"), default=False)
    status = models.CharField(
        max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)
    # Denormalised, accent- and cognate-folded search text (see members/search.py):
    # one with what other members may see, one with everything for staff.
    search_members = models.TextField(blank=True, default="")
    search_staff = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="member_unique_user_per_space")
        ]
        indexes = [models.Index(fields=["space", "status"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.space})"


class Invitation(models.Model):
    """An e-mail invitation to join a space (and perhaps a company). The token is stored hashed."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="invitations")
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    make_contact = models.BooleanField(_("company contact person"), default=False)
    language = models.CharField(max_length=8, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.email
