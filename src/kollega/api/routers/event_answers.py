"""Answering events: RSVPs that never oversell (a full event puts you on the waiting list),
check-in at the door and its undo, the attendance list, and one-tap feedback. Members answer
for themselves; staff may answer and check in for any member of their space. Every rule is
the service's: a refusal is a 422 naming the field.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kollega.api.errors import ERRORS
from kollega.api.routers.common import Id, MappedQuerySet, Pagination, Ref, Slug, Text
from kollega.api.routers.events import (
    MyFeedbackOut,
    MyRsvpOut,
    Viewer,
    my_rsvp_out,
    ref_out,
    staff_event,
)
from kollega.events.models import Rsvp, RsvpStatus
from kollega.events.selectors import attendance_list
from kollega.events.services import (
    event_check_in,
    event_check_in_undo,
    feedback_give,
    rsvp_answer,
    seats_taken,
)
from kollega.members.selectors import member_get_active

router = Router(tags=["events"])


# --- schemas ------------------------------------------------------------------------------------


class RsvpIn(Schema):
    going: bool = Field(description="Yes (true) or no (false).")
    guest_name: Text = Field(
        "", max_length=120, description="A guest you bring, when the event allows guests."
    )
    member: Id | None = Field(
        None, description="Staff only: answer for this member (someone signing up at the desk)."
    )


class RsvpOut(MyRsvpOut):
    event: int = Field(description="Event id.")
    capacity: int | None
    seats_taken: int
    waiting_count: int


class CheckInIn(Schema):
    member: Id | None = Field(None, description="Staff only: the member to check in.")


class AttendeeOut(Schema):
    member: Ref
    company: str | None
    status: RsvpStatus
    guest_name: str
    walk_in: bool = Field(description="Came without answering yes.")
    checked_in_at: dt.datetime | None
    no_show: bool = Field(description="Going, and did not come (set after the event).")


class FeedbackIn(Schema):
    worth_it: bool | None = Field(None, description="Was it worth your time?")
    met_someone_new: bool | None = Field(None, description="Did you meet someone new?")


def _attendee_out(rsvp: Rsvp, tz: dt.tzinfo) -> AttendeeOut:
    member = rsvp.member
    return AttendeeOut(
        member=ref_out(member),
        company=member.company.name if member.company is not None else None,
        status=RsvpStatus(rsvp.status),
        guest_name=rsvp.guest_name,
        walk_in=rsvp.walk_in,
        checked_in_at=timezone.localtime(rsvp.checked_in_at, tz) if rsvp.checked_in_at else None,
        no_show=rsvp.no_show,
    )


# --- the list at the door ------------------------------------------------------------------------


@router.get(
    "/spaces/{slug}/events/{event_id}/attendance",
    response={200: list[AttendeeOut], **ERRORS},
    summary="The attendance list",
    description="Staff only. Everyone going, waiting or checked in, by status and name: the "
    "list to tick at the door. After the event, no-shows are marked.",
)
@paginate(Pagination)
def events_attendance(
    request: HttpRequest, slug: Slug, event_id: Id
) -> MappedQuerySet[Rsvp, AttendeeOut]:
    viewer, event = staff_event(request, slug, event_id)
    tz = viewer.space.tzinfo
    return MappedQuerySet(attendance_list(event=event), lambda rsvp: _attendee_out(rsvp, tz))


# --- the members' answers -----------------------------------------------------------------------


@router.put(
    "/spaces/{slug}/events/{event_id}/rsvp",
    response={200: RsvpOut, **ERRORS},
    summary="Answer an event (RSVP)",
    description="Yes takes a seat (two with a guest) if one is left; when the event is full "
    "you are put on the waiting list instead (200 with status `waiting` and your position) "
    "and moved up, with an e-mail, when a seat is given back. No gives your seat back. "
    "Refusals are 422 naming the field: `event` when answers are closed (deadline passed, "
    "not published), `member` when the event is not open to your plan, `guest_name` when "
    "guests are not invited or no seat is left for one. Members answer for themselves; staff "
    "may answer for any `member` of the space (a member naming someone else gets 403).",
)
def events_rsvp(request: HttpRequest, slug: Slug, event_id: Id, payload: RsvpIn) -> RsvpOut:
    viewer = Viewer(request, slug)
    if payload.member is None:
        member = viewer.own_member()
    else:
        member = viewer.member_named(payload.member, refusal=_("You can only answer for yourself."))
    event = viewer.event(event_id)
    result = rsvp_answer(
        event=event,
        member=member,
        actor=viewer.user,
        going=payload.going,
        guest_name=payload.guest_name,
    )
    rsvp = result.rsvp
    mine = my_rsvp_out(rsvp, viewer.space.tzinfo, result.waiting_position)
    return RsvpOut(
        **mine.model_dump(),
        event=event.pk,
        capacity=event.capacity,
        seats_taken=seats_taken(event),
        waiting_count=Rsvp.objects.filter(event=event, status=RsvpStatus.WAITING).count(),
    )


@router.post(
    "/spaces/{slug}/events/{event_id}/check-in",
    response={200: AttendeeOut, **ERRORS},
    summary="Check in at an event",
    description="The caller checks themself in, from an hour before the start until the end; "
    "staff may check in any `member` until attendance is closed. Someone who comes without "
    "an RSVP is recorded as a walk-in; checking in twice changes nothing. A member checking "
    "in someone else gets 403; too early or too late is 422 naming `event`.",
)
def events_check_in(
    request: HttpRequest, slug: Slug, event_id: Id, payload: CheckInIn | None = None
) -> AttendeeOut:
    viewer = Viewer(request, slug)
    event = viewer.event(event_id)
    member_id = payload.member if payload is not None else None
    if member_id is None:
        if viewer.member is None:
            raise ValidationError(
                {"member": _("Choose the member to check in: you are not a member here.")}
            )
        member = viewer.member
    else:
        member = viewer.member_named(member_id, refusal=_("You can only check yourself in."))
    rsvp = event_check_in(event=event, member=member, actor=viewer.user)
    rsvp = Rsvp.objects.select_related("member__user", "member__company").get(pk=rsvp.pk)
    return _attendee_out(rsvp, viewer.space.tzinfo)


@router.delete(
    "/spaces/{slug}/events/{event_id}/check-ins/{member_id}",
    response={204: None, **ERRORS},
    summary="Undo a check-in",
    description="Staff only: untick someone checked in by mistake, until attendance is closed "
    "(then 422 naming `event`). A walk-in's answer goes away entirely; someone who had said "
    "yes is going again, not checked in. Undoing a check-in that is not there changes nothing. "
    "An unknown member: 404.",
)
def events_check_in_undo(
    request: HttpRequest, slug: Slug, event_id: Id, member_id: Id
) -> Status[None]:
    viewer, event = staff_event(request, slug, event_id)
    member = member_get_active(space=viewer.space, member_id=member_id)
    if member is None:
        raise Http404
    event_check_in_undo(event=event, member=member, actor=viewer.user)
    return Status(204, None)


@router.put(
    "/spaces/{slug}/events/{event_id}/feedback",
    response={200: MyFeedbackOut, **ERRORS},
    summary="Say how the event was",
    description="One tap each: was it worth your time, did you meet someone new. Only those "
    "who checked in, once the event has started (422 naming `event`); a later answer changes "
    "it, and a question left out keeps its answer. Members only.",
)
def events_feedback(
    request: HttpRequest, slug: Slug, event_id: Id, payload: FeedbackIn
) -> MyFeedbackOut:
    viewer = Viewer(request, slug)
    member = viewer.own_member()
    feedback = feedback_give(
        event=viewer.event(event_id),
        member=member,
        actor=viewer.user,
        worth_it=payload.worth_it,
        met_someone_new=payload.met_someone_new,
    )
    return MyFeedbackOut(
        worth_it=feedback.worth_it,
        met_someone_new=feedback.met_someone_new,
        answered_at=timezone.localtime(feedback.answered_at, viewer.space.tzinfo),
    )
