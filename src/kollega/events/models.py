"""Events of a space and the members' answers to them.

An `Event` is social, professional, learning or onboarding; it has a host (the space, a
member, a member company or an outside speaker), a place (a room of the space, held through
bookings, or somewhere else / online), a time in the space's time zone, a capacity and an
RSVP deadline. Members propose events; the CM publishes them. Each member has at most one
`Rsvp` per event: going (with an optional guest), on the waiting list, or not going. The
seats taken by going RSVPs never exceed the capacity: the RSVP service locks the event row,
counts and writes. Attendance (check-in at the door or by the CM) and one-tap `Feedback`
after the event are the participation data the rhythm view reads.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kollega.bookings.models import Booking, Resource
from kollega.companies.models import Company
from kollega.members.models import Member
from kollega.spaces.models import Space


class EventKind(models.TextChoices):
    SOCIAL = "social", _("Social")
    PROFESSIONAL = "professional", _("Professional")
    LEARNING = "learning", _("Learning")
    ONBOARDING = "onboarding", _("Onboarding")


class EventFormat(models.TextChoices):
    BREAKFAST = "breakfast", _("Breakfast")
    LUNCH_LECTURE = "lunch_lecture", _("Lunch lecture")
    PITCH = "pitch", _("Pitch")
    PANEL = "panel", _("Panel debate")
    WORKSHOP = "workshop", _("Workshop")
    BAR = "bar", _("Bar")
    TALK = "talk", _("Talk")
    SPEED_DATING = "speed_dating", _("Speed dating")
    MEETUP = "meetup", _("Meetup")
    FOOD = "food", _("Food and drink")


class HostKind(models.TextChoices):
    SPACE = "space", _("The space")
    MEMBER = "member", _("A member")
    COMPANY = "company", _("A member company")
    OUTSIDE = "outside", _("An outside speaker")


class Audience(models.TextChoices):
    MEMBERS = "members", _("All members of the space")
    GUESTS = "guests", _("Members, who may bring a guest")
    PLANS = "plans", _("Only members on certain plans")


class EventStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", pgettext_lazy("event status", "Declined")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


def new_token() -> str:
    return secrets.token_urlsafe(18)


class EventSeries(models.Model):
    """Events repeating every N weeks at the same local time, e.g. every Thursday 15:00."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="event_series")
    every_weeks = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    until = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return f"series {self.pk}"


class Event(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="events")
    series = models.ForeignKey(
        EventSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    formats = models.JSONField(_("format"), default=list, blank=True)
    host_kind = models.CharField(
        _("host"), max_length=8, choices=HostKind.choices, default=HostKind.SPACE
    )
    host_member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="hosted_events"
    )
    host_company = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="hosted_events"
    )
    host_name = models.CharField(_("outside speaker"), max_length=120, blank=True)
    resource = models.ForeignKey(
        Resource, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    # The room's booking while the event holds it (bookings is the one place rooms are held).
    room_booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="event"
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    rsvp_deadline = models.DateTimeField(_("RSVP deadline"), null=True, blank=True)
    audience = models.CharField(
        _("audience"), max_length=8, choices=Audience.choices, default=Audience.MEMBERS
    )
    plan_kinds = models.JSONField(_("plan kinds"), default=list, blank=True)
    status = models.CharField(
        max_length=10, choices=EventStatus.choices, default=EventStatus.PUBLISHED
    )
    proposed_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposed_events"
    )
    decision_message = models.TextField(_("message to the proposer"), blank=True)
    check_in_token = models.CharField(max_length=32, unique=True, default=new_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set when the event is over and its no-shows are recorded (once).
    attendance_closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ("start",)
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="event_start_before_end")
        ]
        indexes = [models.Index(fields=["space", "start"], name="event_space_start")]

    def __str__(self) -> str:
        return self.title

    @property
    def guests_allowed(self) -> bool:
        return self.audience == Audience.GUESTS

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED


class RsvpStatus(models.TextChoices):
    GOING = "going", _("Going")
    WAITING = "waiting", _("On the waiting list")
    NOT_GOING = "not_going", _("Not going")


class Rsvp(models.Model):
    """A member's answer to an event. A going RSVP takes one seat, two with a guest."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="rsvps")
    status = models.CharField(max_length=10, choices=RsvpStatus.choices)
    guest_name = models.CharField(_("guest's name"), max_length=120, blank=True)
    answered_at = models.DateTimeField()
    # The waiting list's order: who asked first is promoted first.
    waiting_since = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    walk_in = models.BooleanField(default=False)  # checked in at the door without an RSVP
    no_show = models.BooleanField(default=False)  # going, and not there (set after the event)

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="rsvp_one_per_member")
        ]
        indexes = [models.Index(fields=["event", "status"], name="rsvp_event_status")]

    def __str__(self) -> str:
        return f"{self.member} → {self.event}: {self.status}"

    @property
    def seats(self) -> int:
        return 2 if self.guest_name else 1


class Feedback(models.Model):
    """An attendee's one-tap answers after the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="event_feedback")
    worth_it = models.BooleanField(_("was it worth your time?"), null=True)
    met_someone_new = models.BooleanField(_("did you meet someone new?"), null=True)
    answered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="feedback_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.event}"
