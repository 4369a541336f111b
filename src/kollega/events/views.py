"""Member pages of events: the week's events with one-click RSVP, an event's page (RSVP with
a guest, the waiting list, one-tap feedback afterwards, a proposal's answer), proposing an
event, and the check-in page the event's QR code leads to.

Thin: parse, find the viewer's own membership of the space, call one selector or service,
render (a full page or, for htmx, the partial it swaps). Times are shown in the space's time
zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from kollega.bookings.services import membership_on, memberships_running
from kollega.core.http import own_member_or_404, request_user
from kollega.events.forms import FeedbackForm, ProposeForm, RsvpForm, WeekForm
from kollega.events.models import (
    Audience,
    Event,
    EventFormat,
    EventStatus,
    Feedback,
    Rsvp,
    RsvpStatus,
)
from kollega.events.selectors import event_get, event_weeks, my_events, waiting_place
from kollega.events.services import (
    event_check_in,
    event_propose,
    feedback_give,
    rsvp_answer,
    rsvp_check_open,
    rsvp_deadline,
)
from kollega.members.forms import apply_service_errors
from kollega.members.models import Member
from kollega.members.selectors import member_get_own
from kollega.memberships.models import Membership, PlanKind
from kollega.spaces.models import Space

MY_EVENTS_SHOWN = 10


class MemberRequest(HttpRequest):
    """A request after @login_required, with django-htmx's details."""

    htmx: HtmxDetails


@dataclass(frozen=True)
class Card:
    """One event as the viewer sees it in a list: seats left, their own answer."""

    event: Event
    rsvp: Rsvp | None
    waiting_position: int | None
    seats_left: int | None  # None: no capacity
    formats: list[str]
    open: bool  # answers are still taken (the deadline has not passed)
    not_for_my_plan: bool  # for certain plans, and the member's plan that day is not one

    @property
    def status(self) -> str:
        return self.rsvp.status if self.rsvp is not None else ""


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], *, space: Space
) -> HttpResponse:
    """Render with the space's time zone active, so every time shows as it is on the wall."""
    with timezone.override(space.tzinfo):
        return render(request, template, {"space": space, **context})


def _messages_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _card(event: Event, *, now: dt.datetime, plan_kind: Callable[[Event], str | None]) -> Card:
    mine = getattr(event, "my_rsvps", [])
    seats_left = None
    if event.capacity is not None:
        seats_left = max(event.capacity - getattr(event, "seats_count", 0), 0)
    return Card(
        event=event,
        rsvp=mine[0] if mine else None,
        waiting_position=waiting_place(mine[0] if mine else None),
        seats_left=seats_left,
        formats=[
            str(EventFormat(code).label) for code in event.formats if code in EventFormat.values
        ],
        open=event.is_published and now < rsvp_deadline(event),
        not_for_my_plan=event.audience == Audience.PLANS
        and plan_kind(event) not in event.plan_kinds,
    )


def _cards(events: list[Event], *, now: dt.datetime, member: Member) -> list[Card]:
    """The events' cards for `member`. Events for certain plans are checked against the plan
    the member has on each event's day: one query for all of them, none if there are none."""
    tz = member.space.tzinfo
    for_plans = [event for event in events if event.audience == Audience.PLANS]
    memberships: list[Membership] = []
    if for_plans:
        days = [timezone.localdate(event.start, tz) for event in for_plans]
        memberships = memberships_running(member=member, first=min(days), last=max(days))

    def plan_kind(event: Event) -> str | None:
        day = timezone.localdate(event.start, tz)
        membership = membership_on(memberships, member=member, day=day)
        return None if membership is None else membership.plan.kind

    return [_card(event, now=now, plan_kind=plan_kind) for event in events]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


# --- the week ------------------------------------------------------------------------------------


@login_required
@require_GET
def event_list(request: MemberRequest, slug: str) -> HttpResponse:
    """The week's events (Monday to Sunday), and mine coming up, each with one-click RSVP."""
    member = own_member_or_404(request, slug)
    space = member.space
    now = timezone.now()
    this_monday = _monday(timezone.localdate(now, space.tzinfo))
    form = WeekForm(request.GET)
    monday = this_monday
    if form.is_valid() and form.cleaned_data["week"] is not None:
        monday = _monday(form.cleaned_data["week"])
    week = event_weeks(space=space, monday=monday, member=member)[0]
    mine = list(my_events(member=member, now=now)[:MY_EVENTS_SHOWN])
    cards = _cards([*mine, *week.events], now=now, member=member)
    return _render(
        request,
        "events/list.html",
        {
            "member": member,
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "previous_week": monday - dt.timedelta(weeks=1),
            "next_week": monday + dt.timedelta(weeks=1),
            "this_week": monday == this_monday,
            "my_cards": cards[: len(mine)],
            "cards": cards[len(mine) :],
        },
        space=space,
    )


# --- one event -----------------------------------------------------------------------------------


def _event_or_404(member: Member, event_id: int) -> Event:
    event = event_get(space=member.space, event_id=event_id, member=member)
    if event is None:
        raise Http404
    return event


def _detail_context(*, member: Member, event: Event, now: dt.datetime) -> dict[str, Any]:
    card = _cards([event], now=now, member=member)[0]
    closed_because = ""
    if event.is_published:
        try:
            rsvp_check_open(event=event, member=member, now=now)
        except ValidationError as error:
            closed_because = _messages_text(error)
    feedback: list[Feedback] = getattr(event, "my_feedback", [])
    came = card.rsvp is not None and card.rsvp.checked_in_at is not None
    return {
        "member": member,
        "event": event,
        "card": card,
        "deadline": rsvp_deadline(event),
        "closed_because": closed_because,
        "is_over": event.end <= now,
        "ask_feedback": came and event.is_published and event.end <= now,
        "feedback": feedback[0] if feedback else None,
        "mine": event.proposed_by_id == member.pk,
        "plan_kinds": [
            PlanKind(kind).label for kind in event.plan_kinds if kind in PlanKind.values
        ],
    }


@login_required
@require_GET
def event_detail(request: MemberRequest, slug: str, event_id: int) -> HttpResponse:
    member = own_member_or_404(request, slug)
    event = _event_or_404(member, event_id)
    return _render(
        request,
        "events/detail.html",
        _detail_context(member=member, event=event, now=timezone.now()),
        space=member.space,
    )


@login_required
@require_POST
def rsvp(request: MemberRequest, slug: str, event_id: int) -> HttpResponse:
    """Yes (with a guest where guests are welcome; the waiting list when full) or no."""
    member = own_member_or_404(request, slug)
    event = _event_or_404(member, event_id)
    form = RsvpForm(request.POST)
    back = "list"
    if not form.is_valid():
        messages.error(request, _("Answer yes or no."))
    else:
        back = form.cleaned_data["back"] or "list"
        going = form.cleaned_data["going"] == "yes"
        try:
            result = rsvp_answer(
                event=event,
                member=member,
                actor=request_user(request),
                going=going,
                guest_name=form.cleaned_data["guest_name"],
            )
        except ValidationError as error:
            messages.error(request, _messages_text(error))
        else:
            if result.rsvp.status == RsvpStatus.WAITING:
                messages.info(
                    request,
                    _("The event is full: you are number %(position)d on the waiting list.")
                    % {"position": result.waiting_position or 1},
                )
            elif result.rsvp.status == RsvpStatus.GOING:
                messages.success(request, _("You're going."))
            else:
                messages.success(request, _("You're not going."))
    if request.htmx:
        event = _event_or_404(member, event_id)  # the counts and answer as they are now
        now = timezone.now()
        if back == "detail":
            context = _detail_context(member=member, event=event, now=now)
            template = "events/detail.html#rsvp"
        else:
            context = {"card": _cards([event], now=now, member=member)[0]}
            template = "events/list.html#event-card"
        return _render(request, template, {**context, "show_messages": True}, space=member.space)
    if back == "detail":
        return redirect("events:detail", slug=slug, event_id=event.pk)
    monday = _monday(timezone.localdate(event.start, member.space.tzinfo))
    url = reverse("events:list", kwargs={"slug": slug})
    return redirect(f"{url}?{urlencode({'week': monday.isoformat()})}#event-{event.pk}")


@login_required
@require_POST
def feedback(request: MemberRequest, slug: str, event_id: int) -> HttpResponse:
    """One tap: was it worth your time, did you meet someone new."""
    member = own_member_or_404(request, slug)
    event = _event_or_404(member, event_id)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Answer yes or no."))
    else:
        try:
            feedback_give(
                event=event,
                member=member,
                actor=request_user(request),
                worth_it=form.answer("worth_it"),
                met_someone_new=form.answer("met_someone_new"),
            )
        except ValidationError as error:
            messages.error(request, _messages_text(error))
        else:
            messages.success(request, _("Thank you for telling us."))
    if request.htmx:
        event = _event_or_404(member, event_id)
        context = _detail_context(member=member, event=event, now=timezone.now())
        return _render(
            request,
            "events/detail.html#feedback",
            {**context, "show_messages": True},
            space=member.space,
        )
    return redirect("events:detail", slug=slug, event_id=event.pk)


# --- proposing -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: MemberRequest, slug: str) -> HttpResponse:
    """Propose an event I would host; the community manager approves or declines it."""
    member = own_member_or_404(request, slug)
    space = member.space
    form = ProposeForm(request.POST if request.method == "POST" else None, space=space)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_propose(
                member=member, data=form.data_for_service(), actor=request_user(request)
            )
        except ValidationError as error:
            apply_service_errors(
                form,
                error,
                {"resource": "room", "host_member": None, "host_kind": None, "plan_kinds": None},
            )
        else:
            messages.success(
                request,
                _("Thank you! The community manager will look at your proposal and answer you."),
            )
            return redirect("events:detail", slug=slug, event_id=event.pk)
    return _render(request, "events/propose.html", {"form": form}, space=space)


# --- the QR code at the door ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: MemberRequest, token: str) -> HttpResponse:
    """Where an event's QR code leads: the signed-in member of its space checks in."""
    found = get_object_or_404(
        Event.objects.select_related("space"),
        check_in_token=token,
        status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED],
    )
    member = member_get_own(user=request_user(request), space=found.space)
    if member is None:
        raise Http404
    if request.method == "POST":
        try:
            event_check_in(event=found, member=member, actor=request_user(request))
        except ValidationError as error:
            messages.error(request, _messages_text(error))
        else:
            messages.success(request, _("You're checked in - welcome!"))
            return redirect("event_checkin:check_in", token=token)
    event = _event_or_404(member, found.pk)
    card = _cards([event], now=timezone.now(), member=member)[0]
    return _render(
        request,
        "events/check_in.html",
        {"event": event, "card": card, "member": member},
        space=member.space,
    )
