"""RSVPs: going (with a guest where allowed), the waiting list, not going. Never oversold:
every answer locks the event row, counts the seats taken and only then writes; a seat given
back promotes the first on the waiting list who fits, and tells them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.bookings.services import membership_for
from kollega.core.db import atomic_with_retry
from kollega.core.permissions import is_space_staff
from kollega.events.models import Audience, Event, EventStatus, Rsvp, RsvpStatus
from kollega.events.services.events import notify_member, seats_taken
from kollega.members.models import Member, MemberStatus


@dataclass(frozen=True)
class RsvpResult:
    rsvp: Rsvp
    waiting_position: int | None  # 1 = next in line; None when not waiting


def rsvp_deadline(event: Event) -> dt.datetime:
    """Answers close at the RSVP deadline, or when the event starts."""
    return event.rsvp_deadline or event.start


def rsvp_check_open(*, event: Event, member: Member, now: dt.datetime) -> None:
    """Whether `member` may answer `event` now; raises naming the field if not."""
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError({"event": _("This event is not open for RSVPs.")})
    if member.space_id != event.space_id or member.status != MemberStatus.ACTIVE:
        raise ValidationError({"member": _("Only members of the space can answer.")})
    deadline = rsvp_deadline(event)
    if now >= deadline:
        raise ValidationError(
            {
                "event": _("RSVPs for this event closed (%(when)s).")
                % {
                    "when": formats.date_format(
                        timezone.localtime(deadline, event.space.tzinfo), "SHORT_DATETIME_FORMAT"
                    )
                }
            }
        )
    if event.audience == Audience.PLANS:
        membership = membership_for(
            member=member, day=timezone.localdate(event.start, event.space.tzinfo)
        )
        if membership is None or membership.plan.kind not in event.plan_kinds:
            raise ValidationError({"member": _("This event is not open to your plan.")})


def _waiting_position(rsvp: Rsvp) -> int | None:
    if rsvp.status != RsvpStatus.WAITING or rsvp.waiting_since is None:
        return None
    ahead = Rsvp.objects.filter(
        event_id=rsvp.event_id,
        status=RsvpStatus.WAITING,
        waiting_since__lt=rsvp.waiting_since,
    ).count()
    return ahead + 1


@atomic_with_retry
def rsvp_answer(
    *,
    event: Event,
    member: Member,
    actor: User,
    going: bool,
    guest_name: str = "",
    now: dt.datetime | None = None,
) -> RsvpResult:
    """Answer yes or no. Yes takes a seat (two with a guest) if one is left, else puts the
    member on the waiting list. No (or dropping a guest) gives seats back and promotes
    whoever is next."""
    event = Event.objects.select_for_update(of=("self",)).select_related("space").get(pk=event.pk)
    if actor.pk != member.user_id and not is_space_staff(user=actor, space=event.space):
        raise PermissionDenied(_("You can only answer for yourself."))
    now = now or timezone.now()
    rsvp_check_open(event=event, member=member, now=now)
    guest_name = guest_name.strip()
    if guest_name and not going:
        guest_name = ""
    if guest_name and not event.guests_allowed:
        raise ValidationError({"guest_name": _("Guests are not invited to this event.")})
    if len(guest_name) > 120:
        raise ValidationError({"guest_name": _("A name has at most 120 characters.")})
    rsvp = Rsvp.objects.filter(event=event, member=member).first()
    was_going = rsvp is not None and rsvp.status == RsvpStatus.GOING
    if rsvp is None:
        rsvp = Rsvp(event=event, member=member)
    rsvp.answered_at = now
    if not going:
        rsvp.status = RsvpStatus.NOT_GOING
        rsvp.guest_name = ""
        rsvp.waiting_since = None
        rsvp.save()
        if was_going:
            promote_waiting(event=event, now=now)
        return RsvpResult(rsvp=rsvp, waiting_position=None)
    needed = 2 if guest_name else 1
    held = rsvp.seats if was_going else 0
    free = None if event.capacity is None else event.capacity - (seats_taken(event) - held)
    if free is None or needed <= free:
        rsvp.status = RsvpStatus.GOING
        rsvp.guest_name = guest_name
        rsvp.waiting_since = None
        rsvp.save()
        if needed < held:  # came without the guest after all: a seat for the next in line
            promote_waiting(event=event, now=now)
        return RsvpResult(rsvp=rsvp, waiting_position=None)
    if was_going:  # going already; only the guest does not fit
        raise ValidationError({"guest_name": _("There is no seat left for a guest.")})
    if rsvp.status != RsvpStatus.WAITING:
        rsvp.waiting_since = now
    rsvp.status = RsvpStatus.WAITING
    rsvp.guest_name = guest_name
    rsvp.save()
    return RsvpResult(rsvp=rsvp, waiting_position=_waiting_position(rsvp))


def promote_waiting(*, event: Event, now: dt.datetime | None = None) -> list[Rsvp]:
    """Give free seats to the waiting list, first come first served (someone who needs two
    seats when one is left waits, and the next who fits goes). Each promoted member is told
    by e-mail. Call with the event row locked."""
    if event.status != EventStatus.PUBLISHED or (
        event.capacity is None and not _has_waiting(event)
    ):
        return []
    now = now or timezone.now()
    if now >= event.end:
        return []
    free = None if event.capacity is None else event.capacity - seats_taken(event)
    promoted = []
    waiting = (
        Rsvp.objects.filter(event=event, status=RsvpStatus.WAITING)
        .select_related("member__user", "member__space")
        .order_by("waiting_since", "pk")
    )
    for rsvp in waiting:
        if free is not None and free <= 0:
            break
        if free is not None and rsvp.seats > free:
            continue
        rsvp.status = RsvpStatus.GOING
        rsvp.promoted_at = now
        rsvp.waiting_since = None
        rsvp.save(update_fields=["status", "promoted_at", "waiting_since"])
        if free is not None:
            free -= rsvp.seats
        promoted.append(rsvp)
        notify_member(
            rsvp.member,
            key=f"event-{event.pk}-promoted-{rsvp.pk}-{int(now.timestamp())}",
            template="events/email/promoted",
            event=event,
        )
    return promoted


def _has_waiting(event: Event) -> bool:
    return Rsvp.objects.filter(event=event, status=RsvpStatus.WAITING).exists()
