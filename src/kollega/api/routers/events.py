"""Events: a space's calendar with seats taken, the waiting list and the caller's own answer;
creating, changing (one occurrence or the rest of a series) and cancelling events; members'
proposals and the staff's decision. The answers (RSVPs, check-in, the attendance list,
feedback) are in event_answers.py.

Members see published events (and, by id, cancelled ones and their own proposals); staff see
every event of their space. Every rule (deadline, plan, guests, capacity, rooms) is the
service's: a refusal is a 422 naming the field. Members of another space and outsiders get
404; a member calling a staff operation gets 403.
"""

import datetime as dt
from dataclasses import replace
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator, ConfigDict

from kollega.api.errors import ERRORS
from kollega.api.routers.bookings import Moment
from kollega.api.routers.common import (
    Date,
    Id,
    MappedQuerySet,
    Pagination,
    PatchSchema,
    Ref,
    Seats,
    Slug,
    Text,
    current_user,
    require_staff,
    space_for_viewer,
)
from kollega.bookings.models import Resource
from kollega.companies.models import Company
from kollega.core.permissions import is_space_staff
from kollega.events.models import (
    Audience,
    Event,
    EventFormat,
    EventKind,
    EventStatus,
    Feedback,
    HostKind,
    Rsvp,
    RsvpStatus,
)
from kollega.events.selectors import event_list, my_answers, waiting_place
from kollega.events.services import (
    EventData,
    event_cancel,
    event_create,
    event_decide,
    event_propose,
    event_series_create,
    event_update,
    rsvp_deadline,
)
from kollega.members.models import Member
from kollega.members.selectors import member_get_active, member_get_own
from kollega.memberships.models import PlanKind
from kollega.spaces.models import Space

router = Router(tags=["events"])

ALL_STATUSES = tuple(EventStatus.values)
# What a member sees of a single event: published and cancelled ones (and their proposals).
MEMBER_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)

_url = URLValidator(schemes=["http", "https"])


def _web_link(value: str) -> str:
    value = value.strip()
    if value:
        try:
            _url(value)
        except ValidationError:
            raise ValueError(_("Give a full web address, starting with https://.")) from None
    return value


WebLink = Annotated[str, Field(max_length=200), AfterValidator(_web_link)]


# --- schemas ------------------------------------------------------------------------------------


class HostOut(Schema):
    kind: HostKind
    name: str = Field(description="Who hosts it, to show: the space, member, company or speaker.")
    member: Ref | None = Field(description="The hosting member, when a member hosts it.")
    company: Ref | None = Field(description="The hosting company, when a member company does.")


class MyRsvpOut(Schema):
    status: RsvpStatus
    guest_name: str = Field(description="The guest you bring (empty: none).")
    waiting_position: int | None = Field(
        description="1 = next in line when a seat is given back; null when not waiting."
    )
    checked_in_at: dt.datetime | None


class MyFeedbackOut(Schema):
    worth_it: bool | None = Field(description="Was it worth your time?")
    met_someone_new: bool | None = Field(description="Did you meet someone new?")
    answered_at: dt.datetime


class EventOut(Schema):
    id: int
    title: str
    description: str
    language: str = Field(description="The language the event is held in.")
    kind: EventKind
    formats: list[str] = Field(description="Format tags, e.g. breakfast, lunch_lecture, pitch.")
    status: EventStatus
    host: HostOut
    resource: Ref | None = Field(description="The room it is held in (held through bookings).")
    location: str = Field(description="Where it is, when not in a room of the space.")
    online_url: str
    start: dt.datetime = Field(description="In the space's time zone.")
    end: dt.datetime
    rsvp_deadline: dt.datetime | None = Field(description="As set; null: until the start.")
    rsvps_close_at: dt.datetime = Field(description="When answers close: deadline or start.")
    audience: Audience
    plan_kinds: list[str] = Field(description="With audience `plans`: the plan kinds invited.")
    guests_allowed: bool
    capacity: int | None = Field(description="Seats; null: no limit.")
    seats_taken: int = Field(description="Seats held by members going, one each, two with a guest.")
    seats_left: int | None = Field(description="Null when there is no limit.")
    waiting_count: int = Field(description="Members on the waiting list.")
    series: int | None = Field(description="The series id, when the event repeats.")
    proposed_by: Ref | None = Field(description="The member who proposed it, if one did.")
    decision_message: str | None = Field(
        description="The staff's message on a proposal: only for staff and the proposer."
    )
    cancelled_at: dt.datetime | None
    my_rsvp: MyRsvpOut | None = Field(description="Your own answer, if you gave one.")
    my_feedback: MyFeedbackOut | None = Field(description="Your own feedback, if you gave it.")


class EventFilters(Schema):
    model_config = ConfigDict(populate_by_name=True)

    from_date: Date | None = Field(
        None,
        alias="from",
        description="First day (YYYY-MM-DD, in the space's time zone). Default: today.",
    )
    to_date: Date | None = Field(
        None, alias="to", description="Last day, included. Default: no end."
    )
    kind: EventKind | None = Field(None, description="Only events of this kind.")
    status: EventStatus | None = Field(
        None,
        description="Staff only (members get 403 for anything but `published`): only events "
        "with this status, e.g. `proposed` for members' proposals. Default: published.",
    )


class RepeatIn(Schema):
    every_weeks: int = Field(1, ge=1, le=52, description="Repeat every this many weeks.")
    until: Date = Field(description="The last day an occurrence may fall on, YYYY-MM-DD.")


class ProposalIn(Schema):
    """What a member proposes: they host it themselves."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Lunch lecture: invoicing without tears",
                    "kind": "learning",
                    "formats": ["lunch_lecture"],
                    "start": "2026-03-12T11:30:00+01:00",
                    "end": "2026-03-12T12:15:00+01:00",
                    "location": "The kitchen",
                    "capacity": 20,
                }
            ]
        }
    )

    title: Text = Field(max_length=200)
    description: Text = Field("", max_length=10_000)
    language: Text | None = Field(
        None,
        max_length=8,
        description="en, nb, da or sv. Default: the space's first language.",
    )
    kind: EventKind = EventKind.SOCIAL
    formats: list[EventFormat] = Field([], max_length=10)
    resource: Id | None = Field(
        None, description="A room (or event area) of the space; else give location or online_url."
    )
    location: Text = Field("", max_length=200, description="Where it is, if not in a room.")
    online_url: WebLink = ""
    start: Moment = Field(description="ISO 8601 with time zone, e.g. 2026-03-05T15:00:00+01:00.")
    end: Moment = Field(description="ISO 8601 with time zone; after the start.")
    capacity: Seats | None = Field(
        None, description="Seats; null: no limit. At most the room's seats."
    )
    rsvp_deadline: Moment | None = Field(
        None, description="Answers close then (default: at the start)."
    )
    audience: Audience = Audience.MEMBERS
    plan_kinds: list[PlanKind] = Field(
        [], max_length=10, description="With audience `plans`: the plan kinds invited."
    )


class EventIn(ProposalIn):
    host_kind: HostKind = HostKind.SPACE
    host_member: Id | None = Field(None, description="With host_kind `member`: member id.")
    host_company: Id | None = Field(None, description="With host_kind `company`: company id.")
    host_name: Text = Field("", max_length=120, description="With host_kind `outside`.")
    repeat: RepeatIn | None = Field(
        None, description="Repeat at the same local time until `until` (at most 52 events)."
    )


class EventUpdateIn(PatchSchema):
    """Only the fields sent are changed. Moving an event: send both `start` and `end`."""

    nullable = frozenset(
        {"resource", "capacity", "rsvp_deadline", "host_member", "host_company", "language"}
    )

    title: Text | None = Field(None, max_length=200)
    description: Text | None = Field(None, max_length=10_000)
    language: Text | None = Field(None, max_length=8)
    kind: EventKind | None = None
    formats: list[EventFormat] | None = Field(None, max_length=10)
    host_kind: HostKind | None = None
    host_member: Id | None = None
    host_company: Id | None = None
    host_name: Text | None = Field(None, max_length=120)
    resource: Id | None = Field(None, description="Room id; null: not in a room.")
    location: Text | None = Field(None, max_length=200)
    online_url: WebLink | None = None
    start: Moment | None = None
    end: Moment | None = None
    capacity: Seats | None = Field(None, description="Null: no limit.")
    rsvp_deadline: Moment | None = Field(None, description="Null: answers close at the start.")
    audience: Audience | None = None
    plan_kinds: list[PlanKind] | None = Field(None, max_length=10)


class UpdateScope(Schema):
    scope: Literal["one", "following"] = Field(
        "one",
        description="one: only this event; following: this and the later events of its series "
        "(each keeps its own day, moved by as many days as this one).",
    )


class SeriesConflict(Schema):
    start: dt.datetime = Field(description="The occurrence not created, in the space's time zone.")
    reason: str = Field(description="Why, e.g. the room is booked then.")


class EventsCreatedOut(Schema):
    events: list[EventOut] = Field(description="The events created, in order.")
    series: int | None = Field(description="The series id, when `repeat` was given.")
    conflicts: list[SeriesConflict] = Field(description="Occurrences not created, in order.")


class EventsChangedOut(Schema):
    events: list[EventOut] = Field(description="The events changed, in order.")


class CancelIn(Schema):
    message: Text = Field("", max_length=2000, description="Told to everyone going or waiting.")


class DecisionIn(Schema):
    approve: bool = Field(description="true: publish it (its room is held); false: decline.")
    message: Text = Field(
        "", max_length=2000, description="To the proposer; required when declining."
    )


# --- looking things up --------------------------------------------------------------------------


def _events(
    space: Space, member: Member | None, statuses: tuple[str, ...] = ALL_STATUSES
) -> QuerySet[Event]:
    """The space's events with counts, and the member's own answer and feedback."""
    events = event_list(space=space, statuses=statuses).select_related("proposed_by__user")
    if member is not None:
        events = events.prefetch_related(
            Prefetch("rsvps", queryset=my_answers(member), to_attr="my_rsvps"),
            Prefetch(
                "feedback", queryset=Feedback.objects.filter(member=member), to_attr="my_feedback"
            ),
        )
    return events


class Viewer:
    """Who is asking, in a space: staff or not, and their own membership (if any)."""

    def __init__(self, request: HttpRequest, slug: str) -> None:
        self.space = space_for_viewer(request, slug)
        self.user = current_user(request)
        self.staff = is_space_staff(user=self.user, space=self.space)
        self.member = member_get_own(user=self.user, space=self.space)

    def event(self, event_id: int) -> Event:
        """An event the caller may see: staff any of the space's; a member published and
        cancelled ones and their own proposals. Else 404."""
        events = _events(self.space, self.member)
        if not self.staff:
            visible = Q(status__in=MEMBER_STATUSES)
            if self.member is not None:
                visible |= Q(proposed_by=self.member)
            events = events.filter(visible)
        event = events.filter(pk=event_id).first()
        if event is None:
            raise Http404
        return event

    def own_member(self) -> Member:
        """The caller's own active membership; staff who are not members here get 403."""
        if self.member is None:
            raise PermissionDenied(_("Only members of the space can do this."))
        return self.member

    def member_named(self, member_id: int, *, refusal: str) -> Member:
        """The active member `member_id` of the space, whom staff may act for (a member may
        name only themself: 403 with `refusal`); 422 on `member` when there is none."""
        if not self.staff and (self.member is None or self.member.pk != member_id):
            raise PermissionDenied(refusal)
        found = member_get_active(space=self.space, member_id=member_id)
        if found is None:
            raise ValidationError({"member": _("There is no such member in this space.")})
        return found

    def out(self, event: Event) -> EventOut:
        return _event_out(event, self)


def staff_event(request: HttpRequest, slug: str, event_id: int) -> tuple[Viewer, Event]:
    viewer = Viewer(request, slug)
    require_staff(request, viewer.space)
    return viewer, viewer.event(event_id)


def _refetch(viewer: Viewer, event: Event) -> EventOut:
    """The event as the caller sees it after a change (fresh counts and answers)."""
    return viewer.out(_events(viewer.space, viewer.member).get(pk=event.pk))


def ref_out(member: Member) -> Ref:
    return Ref(id=member.pk, name=member.user.full_name)


def _host_out(event: Event) -> HostOut:
    member = event.host_member if event.host_kind == HostKind.MEMBER else None
    company = event.host_company if event.host_kind == HostKind.COMPANY else None
    if member is not None:
        name = member.user.full_name
    elif company is not None:
        name = company.name
    elif event.host_kind == HostKind.OUTSIDE:
        name = event.host_name
    else:
        name = event.space.name
    return HostOut(
        kind=HostKind(event.host_kind),
        name=name,
        member=ref_out(member) if member is not None else None,
        company=Ref(id=company.pk, name=company.name) if company is not None else None,
    )


def my_rsvp_out(rsvp: Rsvp, tz: dt.tzinfo, position: int | None) -> MyRsvpOut:
    return MyRsvpOut(
        status=RsvpStatus(rsvp.status),
        guest_name=rsvp.guest_name,
        waiting_position=position,
        checked_in_at=timezone.localtime(rsvp.checked_in_at, tz) if rsvp.checked_in_at else None,
    )


def _event_out(event: Event, viewer: Viewer) -> EventOut:
    tz = viewer.space.tzinfo

    def local(moment: dt.datetime | None) -> dt.datetime | None:
        return timezone.localtime(moment, tz) if moment is not None else None

    taken = int(getattr(event, "seats_count", 0))
    my_rsvps: list[Rsvp] = getattr(event, "my_rsvps", [])
    my_feedback: list[Feedback] = getattr(event, "my_feedback", [])
    proposer = event.proposed_by
    sees_decision = viewer.staff or (proposer is not None and proposer.user_id == viewer.user.pk)
    return EventOut(
        id=event.pk,
        title=event.title,
        description=event.description,
        language=event.language,
        kind=EventKind(event.kind),
        formats=[str(name) for name in event.formats or []],
        status=EventStatus(event.status),
        host=_host_out(event),
        resource=(
            Ref(id=event.resource.pk, name=event.resource.name)
            if event.resource is not None
            else None
        ),
        location=event.location,
        online_url=event.online_url,
        start=timezone.localtime(event.start, tz),
        end=timezone.localtime(event.end, tz),
        rsvp_deadline=local(event.rsvp_deadline),
        rsvps_close_at=timezone.localtime(rsvp_deadline(event), tz),
        audience=Audience(event.audience),
        plan_kinds=[str(kind) for kind in event.plan_kinds or []],
        guests_allowed=event.guests_allowed,
        capacity=event.capacity,
        seats_taken=taken,
        seats_left=max(event.capacity - taken, 0) if event.capacity is not None else None,
        waiting_count=int(getattr(event, "waiting_count", 0)),
        series=event.series_id,
        proposed_by=ref_out(proposer) if proposer is not None else None,
        decision_message=event.decision_message if sees_decision else None,
        cancelled_at=local(event.cancelled_at),
        my_rsvp=(my_rsvp_out(my_rsvps[0], tz, waiting_place(my_rsvps[0])) if my_rsvps else None),
        my_feedback=(
            MyFeedbackOut(
                worth_it=my_feedback[0].worth_it,
                met_someone_new=my_feedback[0].met_someone_new,
                answered_at=timezone.localtime(my_feedback[0].answered_at, tz),
            )
            if my_feedback
            else None
        ),
    )


def _resource(space: Space, resource_id: int | None) -> Resource | None:
    if resource_id is None:
        return None
    resource = Resource.objects.filter(space=space, pk=resource_id).select_related("space").first()
    if resource is None:
        raise ValidationError({"resource": _("There is no such room in this space.")})
    return resource


def _host_member(space: Space, member_id: int | None) -> Member | None:
    if member_id is None:
        return None
    member = member_get_active(space=space, member_id=member_id)
    if member is None:
        raise ValidationError({"host_member": _("There is no such member in this space.")})
    return member


def _host_company(space: Space, company_id: int | None) -> Company | None:
    if company_id is None:
        return None
    company = Company.objects.filter(space=space, pk=company_id).first()
    if company is None:
        raise ValidationError({"host_company": _("There is no such company in this space.")})
    return company


def _proposal_data(space: Space, payload: ProposalIn) -> EventData:
    return EventData(
        title=payload.title,
        start=payload.start,
        end=payload.end,
        kind=payload.kind,
        language=payload.language or "",
        description=payload.description,
        formats=tuple(payload.formats),
        resource=_resource(space, payload.resource),
        location=payload.location,
        online_url=payload.online_url,
        capacity=payload.capacity,
        rsvp_deadline=payload.rsvp_deadline,
        audience=payload.audience,
        plan_kinds=tuple(payload.plan_kinds),
    )


def _event_data(space: Space, payload: EventIn) -> EventData:
    return replace(
        _proposal_data(space, payload),
        host_kind=payload.host_kind,
        host_member=_host_member(space, payload.host_member),
        host_company=_host_company(space, payload.host_company),
        host_name=payload.host_name,
    )


def _current_data(event: Event) -> EventData:
    """The event as it is, in the shape the services take."""
    return EventData(
        title=event.title,
        start=event.start,
        end=event.end,
        kind=event.kind,
        language=event.language,
        description=event.description,
        formats=tuple(event.formats or ()),
        host_kind=event.host_kind,
        host_member=event.host_member,
        host_company=event.host_company,
        host_name=event.host_name,
        resource=event.resource,
        location=event.location,
        online_url=event.online_url,
        capacity=event.capacity,
        rsvp_deadline=event.rsvp_deadline,
        audience=event.audience,
        plan_kinds=tuple(event.plan_kinds or ()),
    )


def _changed_data(space: Space, event: Event, payload: EventUpdateIn) -> EventData:
    changes = payload.model_dump(exclude_unset=True)
    fields: dict[str, Any] = {}
    lookups = {"resource": _resource, "host_member": _host_member, "host_company": _host_company}
    for name, value in changes.items():
        if name in lookups:
            fields[name] = lookups[name](space, value)
        elif name in ("formats", "plan_kinds"):
            fields[name] = tuple(value)
        elif name == "language":
            fields[name] = value or ""
        else:
            fields[name] = value
    return replace(_current_data(event), **fields)


def _day_start(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=tz)


# --- the calendar -------------------------------------------------------------------------------


@router.get(
    "/spaces/{slug}/events",
    response={200: list[EventOut], **ERRORS},
    summary="Events",
    description="The space's events starting from `from` (default today) to `to` (included), "
    "soonest first, each with the seats taken, the capacity, how many wait, and the caller's "
    "own answer (`my_rsvp`, with the waiting position). Members see published events; staff "
    "may also ask for proposed, declined or cancelled ones with `status`.",
)
@paginate(Pagination)
def events_list(
    request: HttpRequest, slug: Slug, filters: Query[EventFilters]
) -> MappedQuerySet[Event, EventOut]:
    viewer = Viewer(request, slug)
    status = filters.status or EventStatus.PUBLISHED
    if status != EventStatus.PUBLISHED and not viewer.staff:
        raise PermissionDenied(_("Only the space's staff can see events that are not published."))
    tz = viewer.space.tzinfo
    first = filters.from_date or timezone.localdate(timezone=tz)
    if filters.to_date is not None and filters.to_date < first:
        raise ValidationError({"to": _("The last day is before the first.")})
    events = _events(viewer.space, viewer.member, (status,)).filter(
        start__gte=_day_start(first, tz)
    )
    if filters.to_date is not None:
        events = events.filter(start__lt=_day_start(filters.to_date + dt.timedelta(days=1), tz))
    if filters.kind is not None:
        events = events.filter(kind=filters.kind)
    return MappedQuerySet(events, viewer.out)


# Before /events/{event_id}, whose pattern would otherwise take "proposals".
@router.post(
    "/spaces/{slug}/events/proposals",
    response={201: EventOut, **ERRORS},
    summary="Propose an event",
    description="A member proposes an event they would host. It is not published until the "
    "staff approve it; they may edit it first or decline it with a message. Members only: "
    "staff who are not members of the space get 403.",
)
def events_propose(request: HttpRequest, slug: Slug, payload: ProposalIn) -> Status[EventOut]:
    viewer = Viewer(request, slug)
    event = event_propose(
        member=viewer.own_member(),
        data=_proposal_data(viewer.space, payload),
        actor=viewer.user,
    )
    return Status(201, _refetch(viewer, event))


@router.get(
    "/spaces/{slug}/events/{event_id}",
    response={200: EventOut, **ERRORS},
    summary="An event",
    description="One event with its seats, waiting list count, and the caller's own answer "
    "and feedback. Members see published and cancelled events and their own proposals; "
    "staff see every event of the space.",
)
def events_get(request: HttpRequest, slug: Slug, event_id: Id) -> EventOut:
    viewer = Viewer(request, slug)
    return viewer.out(viewer.event(event_id))


# --- the staff's work ---------------------------------------------------------------------------


@router.post(
    "/spaces/{slug}/events",
    response={201: EventsCreatedOut, **ERRORS},
    summary="Create an event (or a series)",
    description="Staff only. Publishes the event; a room in `resource` is held for it through "
    "bookings, and a room already booked then is 422 naming `resource`. With `repeat`, an "
    "event every `every_weeks` weeks at the same local time until `until` (at most 52): "
    "occurrences whose room is taken are left out and listed in `conflicts`; when none can "
    "be created, 422 naming `resource` and nothing is written.",
)
def events_create(request: HttpRequest, slug: Slug, payload: EventIn) -> Status[EventsCreatedOut]:
    viewer = Viewer(request, slug)
    require_staff(request, viewer.space)
    space = viewer.space
    data = _event_data(space, payload)
    if payload.repeat is None:
        event = event_create(space=space, data=data, actor=viewer.user)
        return Status(
            201, EventsCreatedOut(events=[_refetch(viewer, event)], series=None, conflicts=[])
        )
    result = event_series_create(
        space=space,
        data=data,
        every_weeks=payload.repeat.every_weeks,
        until=payload.repeat.until,
        actor=viewer.user,
    )
    created = _events(space, viewer.member).filter(pk__in=[e.pk for e in result.created])
    tz = space.tzinfo
    return Status(
        201,
        EventsCreatedOut(
            events=[viewer.out(event) for event in created],
            series=result.series.pk,
            conflicts=[
                SeriesConflict(start=timezone.localtime(start, tz), reason=reason)
                for start, reason in result.conflicts
            ],
        ),
    )


@router.patch(
    "/spaces/{slug}/events/{event_id}",
    response={200: EventsChangedOut, **ERRORS},
    summary="Change an event",
    description="Staff only. Only the fields sent change (null clears `resource`, "
    "`capacity`, `rsvp_deadline`, the host ids and `language`). With `?scope=following`, "
    "this and the later events of its series change too. A room that is taken (422 naming "
    "`resource`) or a capacity below the seats already taken (422 naming `capacity`) is "
    "refused for all of them; freed seats go to the waiting list.",
)
def events_update(
    request: HttpRequest,
    slug: Slug,
    event_id: Id,
    payload: EventUpdateIn,
    options: Query[UpdateScope],
) -> EventsChangedOut:
    viewer, event = staff_event(request, slug, event_id)
    changed = event_update(
        event=event,
        data=_changed_data(viewer.space, event, payload),
        actor=viewer.user,
        scope=options.scope,
    )
    events = _events(viewer.space, viewer.member).filter(pk__in=[e.pk for e in changed])
    return EventsChangedOut(events=[viewer.out(e) for e in events])


@router.post(
    "/spaces/{slug}/events/{event_id}/cancel",
    response={200: EventOut, **ERRORS},
    summary="Cancel an event",
    description="Staff only. The room is given back and everyone going or waiting gets an "
    "e-mail with the message. Cancelling twice changes nothing; an event that is over is 422 "
    "naming `status`.",
)
def events_cancel(
    request: HttpRequest, slug: Slug, event_id: Id, payload: CancelIn | None = None
) -> EventOut:
    viewer, event = staff_event(request, slug, event_id)
    message = payload.message if payload is not None else ""
    event = event_cancel(event=event, actor=viewer.user, message=message)
    return _refetch(viewer, event)


@router.post(
    "/spaces/{slug}/events/{event_id}/decision",
    response={200: EventOut, **ERRORS},
    summary="Approve or decline a proposal",
    description="Staff only. Approving publishes the proposal and holds its room (change it "
    "first with PATCH if needed); declining needs a `message` (422 naming `message`). The "
    "proposer is told either way. A proposal already decided is 422 naming `status`.",
)
def events_decide(request: HttpRequest, slug: Slug, event_id: Id, payload: DecisionIn) -> EventOut:
    viewer, event = staff_event(request, slug, event_id)
    event = event_decide(
        event=event, actor=viewer.user, approve=payload.approve, message=payload.message
    )
    return _refetch(viewer, event)
