"""Events: create, change (one occurrence or the rest of a series), cancel, and members'
proposals the CM approves or declines. The room of an event is held through bookings
(`booking_hold_*`), so a room is never double-booked between bookings and events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kollega.accounts.models import User
from kollega.bookings.models import Resource, ResourceKind
from kollega.bookings.services import (
    booking_hold_create,
    booking_hold_move,
    booking_hold_release,
)
from kollega.companies.models import Company
from kollega.core.db import atomic_with_retry
from kollega.core.permissions import is_space_staff
from kollega.events.models import (
    Audience,
    Event,
    EventFormat,
    EventKind,
    EventSeries,
    EventStatus,
    HostKind,
    Rsvp,
    RsvpStatus,
)
from kollega.members.models import Member, MemberStatus
from kollega.members.selectors import member_language
from kollega.memberships.models import PlanKind
from kollega.notifications.services import email_queue
from kollega.spaces.models import Space

MAX_OCCURRENCES = 52
MAX_LENGTH = dt.timedelta(days=14)
ROOM_KINDS = (ResourceKind.ROOM, ResourceKind.EVENT_AREA)


@dataclass(frozen=True)
class EventData:
    """What a CM (or a proposing member) says about an event. Times are aware."""

    title: str
    start: dt.datetime
    end: dt.datetime
    kind: str = EventKind.SOCIAL
    language: str = ""
    description: str = ""
    formats: tuple[str, ...] = ()
    host_kind: str = HostKind.SPACE
    host_member: Member | None = None
    host_company: Company | None = None
    host_name: str = ""
    resource: Resource | None = None
    location: str = ""
    online_url: str = ""
    capacity: int | None = None
    rsvp_deadline: dt.datetime | None = None
    audience: str = Audience.MEMBERS
    plan_kinds: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class SeriesResult:
    series: EventSeries
    created: list[Event] = field(default_factory=list)
    conflicts: list[tuple[dt.datetime, str]] = field(default_factory=list)  # (start, why)


def _require_staff(actor: User, space: Space) -> None:
    if not is_space_staff(user=actor, space=space):
        raise PermissionDenied(_("Only the space's staff can manage events."))


def seats_taken(event: Event) -> int:
    """Seats held by going RSVPs: one each, two with a guest."""
    counts = Rsvp.objects.filter(event=event, status=RsvpStatus.GOING).aggregate(
        members=Count("pk"), guests=Count("pk", filter=~Q(guest_name=""))
    )
    return int(counts["members"]) + int(counts["guests"])


def _validate(*, space: Space, data: EventData, event: Event | None = None) -> EventData:
    """Every rule about an event's fields; returns the data tidied. Raises naming the field."""
    title = data.title.strip()
    if not title:
        raise ValidationError({"title": _("Give the event a title.")})
    if len(title) > 200:
        raise ValidationError({"title": _("A title has at most 200 characters.")})
    if data.kind not in EventKind.values:
        raise ValidationError({"kind": _("Choose social, professional, learning or onboarding.")})
    language = data.language or (space.languages[0] if space.languages else "en")
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("Choose one of the four languages.")})
    unknown = [f for f in data.formats if f not in EventFormat.values]
    if unknown:
        raise ValidationError({"formats": _("Unknown format: %(name)s.") % {"name": unknown[0]}})
    if timezone.is_naive(data.start) or timezone.is_naive(data.end):
        raise ValidationError({"start": _("Give times with their time zone.")})
    if data.end <= data.start:
        raise ValidationError({"end": _("The end must be after the start.")})
    if data.end - data.start > MAX_LENGTH:
        raise ValidationError({"end": _("An event lasts at most 14 days.")})
    deadline = data.rsvp_deadline
    if deadline is not None:
        if timezone.is_naive(deadline):
            raise ValidationError({"rsvp_deadline": _("Give times with their time zone.")})
        if deadline > data.start:
            raise ValidationError(
                {"rsvp_deadline": _("The RSVP deadline must be before the event starts.")}
            )
    host_member, host_company, host_name = None, None, data.host_name.strip()
    if data.host_kind == HostKind.MEMBER:
        if data.host_member is None or data.host_member.space_id != space.pk:
            raise ValidationError({"host_member": _("Choose the member who hosts the event.")})
        host_member, host_name = data.host_member, ""
    elif data.host_kind == HostKind.COMPANY:
        company = data.host_company
        if company is None or not company.people.filter(space=space).exists():
            raise ValidationError(
                {"host_company": _("Choose the member company that hosts the event.")}
            )
        host_company, host_name = company, ""
    elif data.host_kind == HostKind.OUTSIDE:
        if not host_name:
            raise ValidationError({"host_name": _("Give the outside speaker's name.")})
    elif data.host_kind == HostKind.SPACE:
        host_name = ""
    else:
        raise ValidationError({"host_kind": _("Choose who hosts the event.")})
    resource = data.resource
    if resource is not None:
        if resource.space_id != space.pk or not resource.is_active:
            raise ValidationError({"resource": _("There is no such room in this space.")})
        if resource.kind not in ROOM_KINDS:
            raise ValidationError(
                {"resource": _("Events take place in a meeting room or an event area.")}
            )
    elif not data.location.strip() and not data.online_url.strip():
        raise ValidationError(
            {"resource": _("Choose a room, or say where the event is or give its online link.")}
        )
    if data.audience not in Audience.values:
        raise ValidationError({"audience": _("Choose who the event is for.")})
    plan_kinds = tuple(data.plan_kinds)
    if data.audience == Audience.PLANS:
        if resource is not None and resource.events_open_to_all:
            raise ValidationError(
                {
                    "audience": _("Events in %(room)s are open to all members.")
                    % {"room": resource.name}
                }
            )
        if not plan_kinds:
            raise ValidationError({"plan_kinds": _("Choose which plans the event is for.")})
        if any(kind not in PlanKind.values for kind in plan_kinds):
            raise ValidationError({"plan_kinds": _("Unknown plan kind.")})
    else:
        plan_kinds = ()
    if data.capacity is not None:
        if data.capacity < 1:
            raise ValidationError({"capacity": _("An event has room for at least one person.")})
        if resource is not None and data.capacity > resource.capacity:
            raise ValidationError(
                {
                    "capacity": _("%(room)s seats %(seats)d.")
                    % {"room": resource.name, "seats": resource.capacity}
                }
            )
        if event is not None and event.pk is not None:
            taken = seats_taken(event)
            if data.capacity < taken:
                raise ValidationError(
                    {
                        "capacity": _(
                            "%(taken)d seats are already taken; the capacity cannot be lower."
                        )
                        % {"taken": taken}
                    }
                )
    return replace(
        data,
        title=title,
        language=language,
        description=data.description.strip(),
        host_member=host_member,
        host_company=host_company,
        host_name=host_name,
        location=data.location.strip(),
        online_url=data.online_url.strip(),
        plan_kinds=plan_kinds,
        formats=tuple(dict.fromkeys(data.formats)),
    )


def _apply(event: Event, data: EventData) -> None:
    event.title = data.title
    event.description = data.description
    event.language = data.language
    event.kind = data.kind
    event.formats = list(data.formats)
    event.host_kind = data.host_kind
    event.host_member = data.host_member
    event.host_company = data.host_company
    event.host_name = data.host_name
    event.resource = data.resource
    event.location = data.location
    event.online_url = data.online_url
    event.start = data.start
    event.end = data.end
    event.capacity = data.capacity
    event.rsvp_deadline = data.rsvp_deadline
    event.audience = data.audience
    event.plan_kinds = list(data.plan_kinds)


def _hold_room(event: Event, actor: User) -> None:
    """Hold, move or give back the event's room so it matches the event."""
    try:
        if event.resource is None or event.status != EventStatus.PUBLISHED:
            if event.room_booking is not None:
                booking_hold_release(hold=event.room_booking, actor=actor)
                event.room_booking = None
            return
        if event.room_booking is None:
            event.room_booking = booking_hold_create(
                resource=event.resource,
                start=event.start,
                end=event.end,
                title=event.title,
                actor=actor,
            )
        else:
            booking_hold_move(
                hold=event.room_booking,
                resource=event.resource,
                start=event.start,
                end=event.end,
                title=event.title,
                actor=actor,
            )
    except ValidationError as error:
        raise ValidationError({"resource": error.messages}) from None


@atomic_with_retry
def event_create(*, space: Space, data: EventData, actor: User) -> Event:
    """Publish an event; its room (if any) is held for it, or the event is refused."""
    _require_staff(actor, space)
    data = _validate(space=space, data=data)
    event = Event(space=space, created_by=actor, status=EventStatus.PUBLISHED)
    _apply(event, data)
    _hold_room(event, actor)
    event.save()
    return event


@transaction.atomic
def event_series_create(
    *, space: Space, data: EventData, every_weeks: int, until: dt.date, actor: User
) -> SeriesResult:
    """An event every `every_weeks` weeks at the same local time until `until`. Occurrences
    whose room is taken are reported and left out; the rest are created."""
    _require_staff(actor, space)
    if every_weeks < 1:
        raise ValidationError({"every_weeks": _("The repeat interval must be at least one week.")})
    data = _validate(space=space, data=data)
    tz = space.tzinfo
    local_start = timezone.localtime(data.start, tz)
    if until < local_start.date():
        raise ValidationError({"until": _("The last day is before the first event.")})
    series = EventSeries.objects.create(
        space=space, every_weeks=every_weeks, until=until, created_by=actor
    )
    result = SeriesResult(series=series)
    length = data.end - data.start
    lead = data.start - data.rsvp_deadline if data.rsvp_deadline is not None else None
    day = local_start.date()
    while day <= until and len(result.created) + len(result.conflicts) < MAX_OCCURRENCES:
        start = dt.datetime.combine(day, local_start.time(), tzinfo=tz)
        occurrence = replace(
            data,
            start=start,
            end=start + length,
            rsvp_deadline=start - lead if lead is not None else None,
        )
        try:
            with transaction.atomic():
                event = Event(space=space, series=series, created_by=actor)
                _apply(event, occurrence)
                _hold_room(event, actor)
                event.save()
            result.created.append(event)
        except ValidationError as error:
            result.conflicts.append((start, " ".join(error.messages)))
        day += dt.timedelta(weeks=every_weeks)
    if not result.created:
        raise ValidationError(
            {
                "resource": _("None of the events could be created: %(why)s")
                % {"why": result.conflicts[0][1] if result.conflicts else ""}
            }
        )
    return result


Scope = Literal["one", "following"]


@atomic_with_retry
def event_update(
    *,
    event: Event,
    data: EventData,
    actor: User,
    scope: Scope = "one",
    now: dt.datetime | None = None,
) -> list[Event]:
    """Change an event, or this and the later occurrences of its series (`following`): each
    keeps its own date, shifted by as many days as this one moved, at the new local time.
    Returns the events changed. A change that would oversell or double-book a room is
    refused for all of them."""
    event = Event.objects.select_for_update(of=("self",)).select_related("space").get(pk=event.pk)
    space = event.space
    _require_staff(actor, space)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError({"status": _("This event is cancelled.")})
    tz = space.tzinfo
    targets = [event]
    if scope == "following" and event.series_id is not None:
        targets += list(
            Event.objects.select_for_update(of=("self",))
            .filter(series_id=event.series_id, start__gt=event.start)
            .exclude(status=EventStatus.CANCELLED)
            .order_by("start")
        )
    old_local = timezone.localtime(event.start, tz)
    new_local = timezone.localtime(data.start, tz)
    day_shift = new_local.date() - old_local.date()
    length = data.end - data.start
    lead = data.start - data.rsvp_deadline if data.rsvp_deadline is not None else None
    changed = []
    for target in targets:
        if target.pk == event.pk:
            own = data
        else:
            day = timezone.localtime(target.start, tz).date() + day_shift
            start = dt.datetime.combine(day, new_local.time(), tzinfo=tz)
            own = replace(
                data,
                start=start,
                end=start + length,
                rsvp_deadline=start - lead if lead is not None else None,
            )
        own = _validate(space=space, data=own, event=target)
        _apply(target, own)
        _hold_room(target, actor)
        target.save()
        changed.append(target)
    from kollega.events.services.rsvps import promote_waiting

    for target in changed:
        promote_waiting(event=target, now=now)
    return changed


@atomic_with_retry
def event_cancel(
    *, event: Event, actor: User, message: str = "", now: dt.datetime | None = None
) -> Event:
    """Cancel an event: its room is given back and everyone going or waiting is told."""
    event = Event.objects.select_for_update(of=("self",)).select_related("space").get(pk=event.pk)
    _require_staff(actor, event.space)
    if event.status == EventStatus.CANCELLED:
        return event
    now = now or timezone.now()
    if event.end <= now:
        raise ValidationError({"status": _("This event is over.")})
    event.status = EventStatus.CANCELLED
    event.cancelled_at = now
    _hold_room(event, actor)
    event.save(update_fields=["status", "cancelled_at", "room_booking"])
    for rsvp in Rsvp.objects.filter(
        event=event, status__in=[RsvpStatus.GOING, RsvpStatus.WAITING]
    ).select_related("member__user", "member__space"):
        notify_member(
            rsvp.member,
            key=f"event-{event.pk}-cancelled-{rsvp.member_id}",
            template="events/email/cancelled",
            event=event,
            extra={"message": message.strip()},
        )
    return event


# --- proposals ----------------------------------------------------------------------------------


@transaction.atomic
def event_propose(*, member: Member, data: EventData, actor: User) -> Event:
    """A member proposes an event they would host; the CM approves, edits or declines it."""
    if actor.pk != member.user_id or member.status != MemberStatus.ACTIVE:
        raise PermissionDenied(_("Only active members can propose events."))
    space = member.space
    data = _validate(
        space=space,
        data=replace(data, host_kind=HostKind.MEMBER, host_member=member, host_company=None),
    )
    event = Event(space=space, created_by=actor, status=EventStatus.PROPOSED, proposed_by=member)
    _apply(event, data)
    event.save()
    return event


@atomic_with_retry
def event_decide(
    *,
    event: Event,
    actor: User,
    approve: bool,
    message: str = "",
    data: EventData | None = None,
) -> Event:
    """Approve a proposal (with the CM's edits in `data`, if any) and publish it, holding its
    room; or decline it with a message. The proposer is told either way."""
    event = (
        Event.objects.select_for_update(of=("self",))
        .select_related("space", "proposed_by__user", "proposed_by__space")
        .get(pk=event.pk)
    )
    _require_staff(actor, event.space)
    if event.status != EventStatus.PROPOSED:
        raise ValidationError({"status": _("This proposal has already been decided.")})
    message = message.strip()
    if approve:
        if data is not None:
            _apply(event, _validate(space=event.space, data=data, event=event))
        event.status = EventStatus.PUBLISHED
        _hold_room(event, actor)
    else:
        if not message:
            raise ValidationError(
                {"message": _("Tell the member why, so they can propose something else.")}
            )
        event.status = EventStatus.DECLINED
    event.decision_message = message
    event.save()
    if event.proposed_by is not None:
        notify_member(
            event.proposed_by,
            key=f"event-{event.pk}-decided",
            template="events/email/approved" if approve else "events/email/declined",
            event=event,
            extra={"message": message},
        )
    return event


# --- e-mail -------------------------------------------------------------------------------------


def event_url(event: Event) -> str:
    return settings.KOLLEGA_BASE_URL + reverse(
        "events:detail", kwargs={"slug": event.space.slug, "event_id": event.pk}
    )


def notify_member(
    member: Member, *, key: str, template: str, event: Event, extra: dict[str, object] | None = None
) -> None:
    """Queue one e-mail about `event` to `member`, in their language; `key` makes it once."""
    space = event.space
    email_queue(
        key=key,
        to=member.user.email,
        template=template,
        context={
            "name": member.user.full_name,
            "title": event.title,
            "start": timezone.localtime(event.start, space.tzinfo),
            "place": event.resource.name if event.resource is not None else event.location,
            "space": space.name,
            "url": event_url(event),
            **(extra or {}),
        },
        language=member_language(member=member),
    )
