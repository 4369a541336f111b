"""Matchmaking in the product: per-space settings, members' choices, stored suggestions,
introductions with double opt-in, pairing rounds and the outcomes members report.

The scoring itself is the engine's (`kollega.matching.engine`, no Django); these models
hold what the product needs to remember and the invariants of it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kollega.members.models import Member
from kollega.spaces.models import Space


class Cadence(models.IntegerChoices):
    OFF = 0, _("No pairing rounds")
    WEEKLY = 1, _("Every week")
    FORTNIGHTLY = 2, _("Every other week")
    MONTHLY = 4, _("Every four weeks")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")


class MatchingSettings(models.Model):
    """How a space uses matchmaking, set by its community manager. One row per space; it is
    also the row locked while a pairing round or a suggestion refresh is written."""

    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="matching")
    suggestions_enabled = models.BooleanField(_("suggest people to meet"), default=True)
    exclude_introduced = models.BooleanField(
        _("leave out people already introduced"),
        default=True,
        help_text=_("Suggestions only show people a member has not been introduced to yet."),
    )
    periphery_boost = models.FloatField(
        _("bring in the quiet ones"),
        default=0.1,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_(
            "0 to 1: how much to lift members who have met few others yet in everyone's "
            "suggestions."
        ),
    )
    pairing_cadence = models.PositiveSmallIntegerField(
        _("pairing rounds"), choices=Cadence.choices, default=Cadence.WEEKLY
    )
    pairing_weekday = models.PositiveSmallIntegerField(
        _("pairs announced on"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    repeat_window = models.PositiveSmallIntegerField(
        _("no repeat within this many rounds"),
        default=8,
        validators=[MinValueValidator(0), MaxValueValidator(104)],
    )
    # Suggestions are recomputed in the background; these coalesce bursts of changes.
    suggestions_requested_at = models.DateTimeField(null=True, blank=True)
    suggestions_computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("matchmaking settings")
        verbose_name_plural = _("matchmaking settings")

    def __str__(self) -> str:
        return str(self.space)


class Preference(models.Model):
    """A member's own choices about matchmaking in one space."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="matching")
    suggestions_opt_out = models.BooleanField(
        _("do not suggest me, and show me no suggestions"), default=False
    )
    pairing_opt_in = models.BooleanField(_("pair me with someone new each round"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("matchmaking preference")
        verbose_name_plural = _("matchmaking preferences")

    def __str__(self) -> str:
        return str(self.member)


class Block(models.Model):
    """`blocker` never wants to be suggested, introduced or paired with `blocked` (both ways).
    The blocked member is never told."""

    blocker = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique_pair"),
            models.CheckConstraint(
                condition=~Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} ⊘ {self.blocked}"


class Suggestion(models.Model):
    """One "person you should meet" for `member`, as last computed in the background. The
    reasons are sentences already written in the member's language."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="suggestions")
    suggested = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    language = models.CharField(max_length=8)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ("member", "rank")
        constraints = [
            models.UniqueConstraint(fields=["member", "suggested"], name="suggestion_unique_pair"),
            models.UniqueConstraint(fields=["member", "rank"], name="suggestion_unique_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.suggested}"


class IntroductionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Introduced")
    DECLINED = "declined", _("Declined")  # shown only to the one who declined
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Introduction(models.Model):
    """A double opt-in introduction between two members of a space.

    A member asks (`requester` → `recipient`, with a note), or a community manager brokers
    one (`brokered_by`; then both sides are asked). Contact details are shared only once
    both have said yes. A decline is never shown to the other side as such.
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="introductions")
    requester = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    # "<smaller member id>-<larger member id>": one live introduction per pair, either way round.
    pair_key = models.CharField(max_length=41)
    note = models.TextField(_("note"), max_length=600, blank=True)
    reasons = models.JSONField(default=list, blank=True)  # why, as (kind, text) from the engine
    brokered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=IntroductionStatus.choices, default=IntroductionStatus.PENDING
    )
    # Who said no (or blocked the other): the only one who ever sees "declined".
    declined_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requester_accepted_at = models.DateTimeField(null=True, blank=True)
    recipient_accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    suggested_day = models.DateField(null=True, blank=True)  # a day both are usually in

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["space", "pair_key"],
                condition=~Q(status="withdrawn"),
                name="introduction_one_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(requester=models.F("recipient")), name="introduction_not_self"
            ),
        ]
        indexes = [models.Index(fields=["space", "status"])]

    def __str__(self) -> str:
        return f"{self.requester} ↔ {self.recipient} ({self.status})"

    def other(self, member: Member) -> Member:
        return self.recipient if member.pk == self.requester_id else self.requester


class PairingRound(models.Model):
    """One round of one-to-one "coffee pairs" in a space."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="pairing_rounds")
    number = models.PositiveIntegerField()
    week_of = models.DateField()  # the day the round is announced
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    method = models.CharField(max_length=12)  # "exact" | "approximate"
    weight = models.FloatField(default=0.0)
    pool_size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pairing round")
        verbose_name_plural = _("pairing rounds")
        ordering = ("-week_of", "-number")
        constraints = [
            models.UniqueConstraint(fields=["space", "number"], name="pairinground_unique_number"),
            models.UniqueConstraint(fields=["space", "week_of"], name="pairinground_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.space} #{self.number}"


class Pair(models.Model):
    """Two members paired in a round, or (`second` empty) the one who sat out this time."""

    round = models.ForeignKey(PairingRound, on_delete=models.CASCADE, related_name="pairs")
    first = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(
        Member, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reasons = models.JSONField(default=list, blank=True)
    suggested_day = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        constraints = [
            models.UniqueConstraint(fields=["round", "first"], name="pair_unique_first"),
            models.UniqueConstraint(fields=["round", "second"], name="pair_unique_second"),
            models.CheckConstraint(condition=~Q(first=models.F("second")), name="pair_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.first} + {self.second}"

    def other(self, member: Member) -> Member | None:
        return self.second if member.pk == self.first_id else self.first


class Outcome(models.Model):
    """What one side says came of an introduction or a pair: did we meet, was it useful, did
    it lead to working together. Each side answers for themself."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    introduction = models.ForeignKey(
        Introduction, on_delete=models.CASCADE, null=True, blank=True, related_name="outcomes"
    )
    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, null=True, blank=True, related_name="outcomes"
    )
    met = models.BooleanField(_("we met"))
    useful = models.BooleanField(_("it was useful"), null=True, blank=True)
    led_to_work = models.BooleanField(_("it led to working together"), null=True, blank=True)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(
                condition=Q(introduction__isnull=False, pair__isnull=True)
                | Q(introduction__isnull=True, pair__isnull=False),
                name="outcome_of_one_thing",
            ),
            models.UniqueConstraint(
                fields=["introduction", "member"],
                condition=Q(introduction__isnull=False),
                name="outcome_one_per_introduction_side",
            ),
            models.UniqueConstraint(
                fields=["pair", "member"],
                condition=Q(pair__isnull=False),
                name="outcome_one_per_pair_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: met={self.met}"


class SpaceConcept(models.Model):
    """A space's own addition to the matchmaking vocabulary: a new concept, or extra words
    for an existing one (`concept_id` of the shipped vocabulary)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="concepts")
    concept_id = models.CharField(_("concept"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, default="skill")
    labels = models.JSONField(_("words"), default=dict)  # {"nb": ["…"], "en": [...]}
    complements = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vocabulary concept")
        verbose_name_plural = _("vocabulary concepts")
        ordering = ("concept_id",)
        constraints = [
            models.UniqueConstraint(fields=["space", "concept_id"], name="spaceconcept_unique_id")
        ]

    def __str__(self) -> str:
        return self.concept_id
