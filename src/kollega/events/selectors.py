"""Reads for events: the calendar (with seats taken and the viewer's own answer, in a fixed
number of queries), one event as a member sees it, and the attendance list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from kollega.accounts.models import User
from kollega.events.models import Event, EventStatus, Feedback, Rsvp, RsvpStatus
from kollega.events.services.events import MAX_LENGTH
from kollega.members.models import Member
from kollega.spaces.models import Space


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    going = Q(rsvps__status=RsvpStatus.GOING)
    return events.annotate(
        going_count=Count("rsvps", filter=going),
        guest_count=Count("rsvps", filter=going & ~Q(rsvps__guest_name="")),
        waiting_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.WAITING)),
    ).annotate(seats_count=F("going_count") + F("guest_count"))


def my_answers(member: Member) -> QuerySet[Rsvp]:
    """The member's answers, each annotated with `ahead`: how many wait before them on the
    event's waiting list (a waiting answer's place is `ahead + 1`). For `my_rsvps`."""
    ahead = (
        Rsvp.objects.filter(
            event_id=OuterRef("event_id"),
            status=RsvpStatus.WAITING,
            waiting_since__lt=OuterRef("waiting_since"),
        )
        .order_by()
        .values("event_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Rsvp.objects.filter(member=member).annotate(ahead=Coalesce(Subquery(ahead), 0))


def waiting_place(rsvp: Rsvp | None) -> int | None:
    """1 for the next in line, for a waiting answer from `my_answers`; else None."""
    if rsvp is None or rsvp.status != RsvpStatus.WAITING:
        return None
    return int(getattr(rsvp, "ahead", 0)) + 1


def event_list(
    *,
    space: Space,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    member: Member | None = None,
    statuses: tuple[str, ...] = (EventStatus.PUBLISHED,),
) -> QuerySet[Event]:
    """The space's events starting in [start, end), soonest first, each annotated with
    `going_count`, `guest_count`, `seats_count` (the two added: seats taken) and
    `waiting_count`, and with `my_rsvps` (a list of at most one) for `member`."""
    events = Event.objects.filter(space=space, status__in=list(statuses))
    if start is not None:
        events = events.filter(start__gte=start)
    if end is not None:
        events = events.filter(start__lt=end)
    events = _with_counts(events).select_related(
        "resource", "host_member__user", "host_company", "space"
    )
    if member is not None:
        events = events.prefetch_related(
            Prefetch("rsvps", queryset=my_answers(member), to_attr="my_rsvps")
        )
    return events.order_by("start", "pk")


@dataclass(frozen=True)
class Week:
    monday: dt.date
    events: list[Event]


def event_weeks(
    *, space: Space, monday: dt.date, weeks: int = 1, member: Member | None = None
) -> list[Week]:
    """The events of `weeks` weeks from `monday` (local dates), grouped by week."""
    tz = space.tzinfo
    start = dt.datetime.combine(monday, dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(monday + dt.timedelta(weeks=weeks), dt.time(0), tzinfo=tz)
    grouped: list[Week] = [
        Week(monday=monday + dt.timedelta(weeks=n), events=[]) for n in range(weeks)
    ]
    for event in event_list(space=space, start=start, end=end, member=member):
        index = (timezone.localtime(event.start, tz).date() - monday).days // 7
        grouped[index].events.append(event)
    return grouped


def event_get(*, space: Space, event_id: int, member: Member | None = None) -> Event | None:
    """One event of the space with its counts (and `my_rsvps` for `member`); members see
    published and cancelled events and their own proposals."""
    statuses = (EventStatus.PUBLISHED, EventStatus.CANCELLED)
    events = Event.objects.filter(space=space, pk=event_id)
    visible = Q(status__in=statuses)
    if member is not None:
        visible |= Q(proposed_by=member)
    events = _with_counts(events.filter(visible)).select_related(
        "resource", "host_member__user", "host_company", "space", "proposed_by__user"
    )
    if member is not None:
        events = events.prefetch_related(
            Prefetch("rsvps", queryset=my_answers(member), to_attr="my_rsvps"),
            Prefetch(
                "feedback", queryset=Feedback.objects.filter(member=member), to_attr="my_feedback"
            ),
        )
    return events.first()


def event_list_recent(
    *, space: Space, now: dt.datetime, within: dt.timedelta, limit: int
) -> QuerySet[Event]:
    """Events that ended within `within` before `now`, newest first (at most `limit`), with
    how many came (`checked_in_count`) and how many said they would and did not
    (`no_show_count`)."""
    going = Q(rsvps__status=RsvpStatus.GOING)
    return (
        event_list(space=space, start=now - within - MAX_LENGTH, end=now)
        .filter(end__lte=now, end__gt=now - within)
        .annotate(
            checked_in_count=Count("rsvps", filter=Q(rsvps__checked_in_at__isnull=False)),
            no_show_count=Count("rsvps", filter=going & Q(rsvps__checked_in_at__isnull=True)),
        )
        .order_by("-start", "-pk")[:limit]
    )


def attendance_list(*, event: Event) -> QuerySet[Rsvp]:
    """Everyone going, waiting or checked in, by name: the CM's list at the door."""
    return (
        Rsvp.objects.filter(event=event)
        .filter(
            Q(status__in=[RsvpStatus.GOING, RsvpStatus.WAITING]) | Q(checked_in_at__isnull=False)
        )
        .select_related("member__user", "member__company")
        .order_by("status", "member__user__full_name", "pk")
    )


def waiting_list(*, event: Event) -> QuerySet[Rsvp]:
    """The waiting list in the order people will be promoted."""
    return (
        Rsvp.objects.filter(event=event, status=RsvpStatus.WAITING)
        .select_related("member__user")
        .order_by("waiting_since", "pk")
    )


def event_proposals(*, space: Space) -> QuerySet[Event]:
    """Members' proposals waiting for the CM, oldest first."""
    return (
        Event.objects.filter(space=space, status=EventStatus.PROPOSED)
        .select_related("proposed_by__user", "resource")
        .order_by("created_at", "pk")
    )


def my_events(*, member: Member, now: dt.datetime) -> QuerySet[Event]:
    """Upcoming events the member is going to or waiting for, soonest first."""
    answered = Rsvp.objects.filter(
        member=member, status__in=[RsvpStatus.GOING, RsvpStatus.WAITING]
    ).values("event_id")
    return (
        _with_counts(
            Event.objects.filter(
                space_id=member.space_id,
                status=EventStatus.PUBLISHED,
                end__gt=now,
                pk__in=answered,
            )
        )
        .select_related("resource", "space")
        .prefetch_related(Prefetch("rsvps", queryset=my_answers(member), to_attr="my_rsvps"))
        .order_by("start", "pk")
    )


def events_data_export(*, user: User) -> dict[str, list[dict[str, Any]]]:
    """Everything events hold about `user`, for the GDPR export: their answers (with a
    guest's name), attendance, feedback and the events they proposed, per space."""
    rsvps = (
        Rsvp.objects.filter(member__user=user)
        .select_related("event__space")
        .order_by("event__start", "pk")
    )
    feedback = {answer.event_id: answer for answer in Feedback.objects.filter(member__user=user)}
    proposals = (
        Event.objects.filter(proposed_by__user=user)
        .select_related("space")
        .order_by("created_at", "pk")
    )
    answers = []
    for rsvp in rsvps:
        given = feedback.get(rsvp.event_id)
        answers.append(
            {
                "space": rsvp.event.space.name,
                "event": rsvp.event.title,
                "start": rsvp.event.start.isoformat(),
                "answer": rsvp.status,
                "guest_name": rsvp.guest_name,
                "answered_at": rsvp.answered_at.isoformat(),
                "promoted_from_waiting_list_at": (
                    rsvp.promoted_at.isoformat() if rsvp.promoted_at else None
                ),
                "checked_in_at": rsvp.checked_in_at.isoformat() if rsvp.checked_in_at else None,
                "walk_in": rsvp.walk_in,
                "no_show": rsvp.no_show,
                "feedback": None
                if given is None
                else {"worth_it": given.worth_it, "met_someone_new": given.met_someone_new},
            }
        )
    return {
        "answers": answers,
        "proposals": [
            {
                "space": event.space.name,
                "title": event.title,
                "status": event.status,
                "message_from_the_space": event.decision_message,
                "proposed_at": event.created_at.isoformat(),
            }
            for event in proposals
        ],
    }
