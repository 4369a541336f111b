"""Attendance, no-shows, feedback and reminders.

Members check in at the door by the event's QR code; the CM ticks a list on a phone (and can
untick a mistake). Once an event is over, its going members who never checked in are recorded
as no-shows and those who came are asked two one-tap questions. Reminders go out the day
before. Every e-mail has an outbox key, so a job or task that runs twice sends one e-mail.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.core.db import atomic_with_retry
from kollega.core.permissions import is_space_staff
from kollega.events.models import Event, EventStatus, Feedback, Rsvp, RsvpStatus
from kollega.events.services.events import notify_member
from kollega.members.models import Member, MemberStatus

EARLY_CHECK_IN = dt.timedelta(hours=1)
# Attendance is closed (no-shows recorded, feedback asked) this long after the end, so a CM
# can still tick the list after the last guest has left.
ATTENDANCE_GRACE = dt.timedelta(hours=2)
REMINDER_AHEAD = dt.timedelta(hours=24)


@atomic_with_retry
def event_check_in(
    *, event: Event, member: Member, actor: User, now: dt.datetime | None = None
) -> Rsvp:
    """Mark `member` as there: by themselves (the QR code at the door) from an hour before
    the start until the end, or by staff until attendance is closed. Someone who comes
    without an RSVP is recorded as a walk-in. Checking in twice changes nothing."""
    event = Event.objects.select_for_update(of=("self",)).select_related("space").get(pk=event.pk)
    staff = is_space_staff(user=actor, space=event.space)
    if actor.pk != member.user_id and not staff:
        raise PermissionDenied(_("You can only check yourself in."))
    if member.space_id != event.space_id or member.status != MemberStatus.ACTIVE:
        raise ValidationError({"member": _("Only members of the space can check in.")})
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError({"event": _("This event is not taking place.")})
    now = now or timezone.now()
    if now < event.start - EARLY_CHECK_IN:
        raise ValidationError({"event": _("Check-in opens an hour before the start.")})
    if event.attendance_closed_at is not None or (not staff and now >= event.end):
        raise ValidationError({"event": _("This event is over.")})
    rsvp = Rsvp.objects.filter(event=event, member=member).first()
    if rsvp is None:
        rsvp = Rsvp(event=event, member=member, answered_at=now, walk_in=True)
    if rsvp.status != RsvpStatus.GOING:
        rsvp.walk_in = True
        rsvp.status = RsvpStatus.GOING
        rsvp.waiting_since = None
    if rsvp.checked_in_at is None:
        rsvp.checked_in_at = now
    rsvp.no_show = False
    rsvp.save()
    return rsvp


@transaction.atomic
def event_check_in_undo(*, event: Event, member: Member, actor: User) -> None:
    """Staff untick someone ticked by mistake; a walk-in's RSVP goes away entirely."""
    if not is_space_staff(user=actor, space=event.space):
        raise PermissionDenied(_("Only the space's staff can change the attendance list."))
    if event.attendance_closed_at is not None:
        raise ValidationError({"event": _("Attendance for this event is closed.")})
    rsvp = Rsvp.objects.select_for_update().filter(event=event, member=member).first()
    if rsvp is None or rsvp.checked_in_at is None:
        return
    if rsvp.walk_in:
        rsvp.delete()
        return
    rsvp.checked_in_at = None
    rsvp.save(update_fields=["checked_in_at"])


@transaction.atomic
def event_attendance_close(*, event: Event, now: dt.datetime | None = None) -> int:
    """Record the no-shows of an event that is over and ask those who came for feedback.
    Once per event. Returns how many no-shows were recorded."""
    event = Event.objects.select_for_update(of=("self",)).select_related("space").get(pk=event.pk)
    now = now or timezone.now()
    if event.attendance_closed_at is not None or event.status != EventStatus.PUBLISHED:
        return 0
    if now < event.end:
        raise ValidationError({"event": _("This event is not over yet.")})
    no_shows = Rsvp.objects.filter(
        event=event, status=RsvpStatus.GOING, checked_in_at__isnull=True
    ).update(no_show=True)
    event.attendance_closed_at = now
    event.save(update_fields=["attendance_closed_at"])
    for rsvp in Rsvp.objects.filter(event=event, checked_in_at__isnull=False).select_related(
        "member__user", "member__space"
    ):
        notify_member(
            rsvp.member,
            key=f"event-{event.pk}-feedback-{rsvp.member_id}",
            template="events/email/feedback",
            event=event,
        )
    return no_shows


def events_close_finished(*, now: dt.datetime | None = None) -> int:
    """Close attendance of every published event that ended more than the grace ago."""
    now = now or timezone.now()
    due = Event.objects.filter(
        status=EventStatus.PUBLISHED,
        attendance_closed_at__isnull=True,
        end__lte=now - ATTENDANCE_GRACE,
    ).values_list("pk", flat=True)
    closed = 0
    for event_id in list(due):
        event_attendance_close(event=Event(pk=event_id), now=now)
        closed += 1
    return closed


@transaction.atomic
def feedback_give(
    *,
    event: Event,
    member: Member,
    actor: User,
    worth_it: bool | None = None,
    met_someone_new: bool | None = None,
    now: dt.datetime | None = None,
) -> Feedback:
    """An attendee answers one or both questions (one tap each); a later tap changes it."""
    if actor.pk != member.user_id:
        raise PermissionDenied(_("You can only give your own feedback."))
    now = now or timezone.now()
    if now < event.start:
        raise ValidationError({"event": _("You can tell us after the event has started.")})
    came = Rsvp.objects.filter(event=event, member=member, checked_in_at__isnull=False).exists()
    if not came:
        raise ValidationError({"event": _("Only those who were there can give feedback.")})
    if worth_it is None and met_someone_new is None:
        raise ValidationError({"worth_it": _("Answer at least one of the questions.")})
    feedback = Feedback.objects.select_for_update().filter(event=event, member=member).first()
    if feedback is None:
        feedback = Feedback(event=event, member=member)
    if worth_it is not None:
        feedback.worth_it = worth_it
    if met_someone_new is not None:
        feedback.met_someone_new = met_someone_new
    feedback.answered_at = now
    feedback.save()
    return feedback


def events_send_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind everyone going to an event that starts within a day. A moved event reminds
    again (its start is part of the key); otherwise each reminder is sent once. Returns how
    many reminders are due (queued now or before)."""
    now = now or timezone.now()
    sent = 0
    for rsvp in Rsvp.objects.filter(
        status=RsvpStatus.GOING,
        event__status=EventStatus.PUBLISHED,
        event__start__gt=now,
        event__start__lte=now + REMINDER_AHEAD,
    ).select_related("event__space", "event__resource", "member__user", "member__space"):
        event = rsvp.event
        notify_member(
            rsvp.member,
            key=f"event-{event.pk}-reminder-{rsvp.member_id}-{int(event.start.timestamp())}",
            template="events/email/reminder",
            event=event,
        )
        sent += 1
    return sent
