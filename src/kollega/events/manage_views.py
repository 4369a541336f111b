"""The community manager's event pages, under /manage/<slug>/events/: the list (coming
events with their seats, members' proposals to decide, recent events with their attendance),
a new event or series, editing (one occurrence or the rest of its series), cancelling, the
attendance list to tick at the door on a phone, and the printable QR code for check-in.

Every page answers 404 unless the user is staff of the space; another space's event is 404.
Thin: parse, call one service or selector, render (a full page or an htmx partial).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kollega.bookings.qr import qr_svg
from kollega.core.http import managed_space_or_404, request_user
from kollega.events.manage_forms import (
    SERVICE_FIELDS,
    CancelForm,
    DecideForm,
    EventForm,
    SignUpForm,
    WalkInForm,
)
from kollega.events.models import Event, EventStatus, Rsvp, RsvpStatus
from kollega.events.selectors import (
    attendance_list,
    event_list,
    event_list_recent,
    event_proposals,
)
from kollega.events.services import (
    event_cancel,
    event_check_in,
    event_check_in_undo,
    event_create,
    event_decide,
    event_series_create,
    event_update,
    rsvp_answer,
    rsvp_deadline,
)
from kollega.events.services.events import MAX_LENGTH
from kollega.members.forms import apply_service_errors
from kollega.members.models import Member
from kollega.spaces.models import Space

SECTION = "events"
UPCOMING = dt.timedelta(weeks=8)
RECENT = dt.timedelta(weeks=8)
RECENT_SHOWN = 30


def _page(request: HttpRequest, template: str, space: Space, **context: object) -> HttpResponse:
    return render(
        request, f"events/manage/{template}", {"space": space, "section": SECTION, **context}
    )


def _event_or_404(space: Space, event_id: int) -> Event:
    return get_object_or_404(
        Event.objects.select_related("space", "resource", "proposed_by__user"),
        pk=event_id,
        space=space,
    )


def _local(space: Space, moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment, space.tzinfo), "SHORT_DATETIME_FORMAT")


# --- the list -----------------------------------------------------------------------------------


def _list_page(
    request: HttpRequest,
    space: Space,
    *,
    decide: tuple[int, DecideForm] | None = None,
) -> HttpResponse:
    now = timezone.now()
    upcoming = event_list(
        space=space,
        start=now - MAX_LENGTH,
        end=now + UPCOMING,
        statuses=(EventStatus.PUBLISHED, EventStatus.CANCELLED),
    ).filter(end__gt=now)
    proposals = [
        (proposal, decide[1] if decide and decide[0] == proposal.pk else DecideForm())
        for proposal in event_proposals(space=space)
    ]
    return _page(
        request,
        "list.html",
        space,
        upcoming=upcoming,
        proposals=proposals,
        recent=event_list_recent(space=space, now=now, within=RECENT, limit=RECENT_SHOWN),
        now=now,
        subsection="list",
    )


@login_required
@require_GET
def events(request: HttpRequest, slug: str) -> HttpResponse:
    return _list_page(request, managed_space_or_404(request, slug))


# --- create, edit, cancel -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest, slug: str) -> HttpResponse:
    """A new event, or a series of them ("repeat every N weeks until"). Occurrences whose
    room is taken are left out and each is reported."""
    space = managed_space_or_404(request, slug)
    form = EventForm(request.POST if request.method == "POST" else None, space=space)
    if request.method == "POST" and form.is_valid():
        actor = request_user(request)
        repeat = form.repeat()
        try:
            if repeat is None:
                event = event_create(space=space, data=form.event_data(), actor=actor)
                messages.success(
                    request,
                    _("%(title)s is on the calendar, %(when)s.")
                    % {"title": event.title, "when": _local(space, event.start)},
                )
            else:
                every_weeks, until = repeat
                result = event_series_create(
                    space=space,
                    data=form.event_data(),
                    every_weeks=every_weeks,
                    until=until,
                    actor=actor,
                )
                count = len(result.created)
                messages.success(
                    request,
                    ngettext(
                        "%(title)s is on the calendar %(count)d time.",
                        "%(title)s is on the calendar %(count)d times.",
                        count,
                    )
                    % {"title": result.created[0].title, "count": count},
                )
                for when, why in result.conflicts:
                    messages.warning(
                        request,
                        _("Not created %(when)s: %(why)s")
                        % {"when": _local(space, when), "why": why},
                    )
        except ValidationError as error:
            apply_service_errors(form, error, SERVICE_FIELDS)
        else:
            return redirect("events_manage:list", slug=slug)
    return _page(request, "form.html", space, form=form, event=None, subsection="create")


def _edit_page(
    request: HttpRequest,
    space: Space,
    event: Event,
    *,
    form: EventForm | None = None,
    cancel_form: CancelForm | None = None,
) -> HttpResponse:
    return _page(
        request,
        "form.html",
        space,
        event=event,
        form=form or EventForm(space=space, event=event, initial=EventForm.initial_for(event)),
        cancel_form=cancel_form or CancelForm(),
        decide_form=DecideForm(),
        is_over=event.end <= timezone.now(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str, event_id: int) -> HttpResponse:
    """Change an event (or a proposal before deciding it); for an event of a series, this
    one only or this one and the following."""
    space = managed_space_or_404(request, slug)
    event = _event_or_404(space, event_id)
    form = EventForm(
        request.POST if request.method == "POST" else None,
        space=space,
        event=event,
        initial=EventForm.initial_for(event),
    )
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data.get("scope")
        try:
            changed = event_update(
                event=event,
                data=form.event_data(),
                actor=request_user(request),
                scope="following" if scope == "following" else "one",
            )
        except ValidationError as error:
            apply_service_errors(form, error, SERVICE_FIELDS)
        else:
            messages.success(
                request,
                ngettext(
                    "%(title)s is saved.",
                    "%(title)s is saved: %(count)d events changed.",
                    len(changed),
                )
                % {"title": changed[0].title, "count": len(changed)},
            )
            return redirect("events_manage:list", slug=slug)
    return _edit_page(request, space, event, form=form)


@login_required
@require_POST
def event_cancel_view(request: HttpRequest, slug: str, event_id: int) -> HttpResponse:
    """Cancel: the room is given back and everyone going or waiting is told (with the
    CM's message, if any)."""
    space = managed_space_or_404(request, slug)
    event = _event_or_404(space, event_id)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, space, event, cancel_form=form)
    try:
        event_cancel(event=event, actor=request_user(request), message=form.cleaned_data["message"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("events_manage:edit", slug=slug, event_id=event.pk)
    messages.success(
        request,
        _("%(title)s is cancelled; everyone going or waiting is told.") % {"title": event.title},
    )
    return redirect("events_manage:list", slug=slug)


# --- proposals ----------------------------------------------------------------------------------


@login_required
@require_POST
def decide(request: HttpRequest, slug: str, event_id: int) -> HttpResponse:
    """Approve a member's proposal (it is published, its room held) or decline it with a
    message; the member is told either way."""
    space = managed_space_or_404(request, slug)
    event = _event_or_404(space, event_id)
    form = DecideForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            event_decide(
                event=event,
                actor=request_user(request),
                approve=approve,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            if "status" in getattr(error, "error_dict", {}):  # decided already
                messages.error(request, " ".join(error.messages))
                return redirect("events_manage:list", slug=slug)
            apply_service_errors(form, error)
        else:
            if approve:
                text = _("%(title)s is published and %(name)s is told.")
            else:
                text = _("%(title)s is declined and %(name)s is told.")
            name = event.proposed_by.user.full_name if event.proposed_by else ""
            messages.success(request, text % {"title": event.title, "name": name})
            return redirect("events_manage:list", slug=slug)
    return _list_page(request, space, decide=(event.pk, form))


# --- attendance ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    checked_in: int
    going: int
    guests: int
    waiting: int


def _counts(rows: list[Rsvp]) -> Counts:
    going = [row for row in rows if row.status == RsvpStatus.GOING]
    return Counts(
        checked_in=sum(row.checked_in_at is not None for row in rows),
        going=len(going),
        guests=sum(bool(row.guest_name) for row in going),
        waiting=sum(row.status == RsvpStatus.WAITING for row in rows),
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, slug: str, event_id: int) -> HttpResponse:
    """The list to tick at the door (a phone in hand); a POST adds a walk-in."""
    space = managed_space_or_404(request, slug)
    event = _event_or_404(space, event_id)
    rows = list(attendance_list(event=event))
    form = WalkInForm(
        request.POST if request.method == "POST" else None,
        space=space,
        exclude=[row.member_id for row in rows],
    )
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["member"]
        try:
            event_check_in(event=event, member=member, actor=request_user(request))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is checked in.") % {"name": member.user.full_name}
            )
            return redirect("events_manage:attendance", slug=slug, event_id=event.pk)
    answered = [row.member_id for row in rows if row.status != RsvpStatus.NOT_GOING]
    return _page(
        request,
        "attendance.html",
        space,
        event=event,
        rows=rows,
        counts=_counts(rows),
        walk_in_form=form,
        sign_up_form=SignUpForm(space=space, exclude=answered, guests=event.guests_allowed),
        rsvps_open=event.is_published and timezone.now() < rsvp_deadline(event),
    )


@login_required
@require_POST
def attendance_sign_up(request: HttpRequest, slug: str, event_id: int) -> HttpResponse:
    """Staff put a member down as going (the waiting list when the event is full), with the
    same rules as the member's own answer."""
    space = managed_space_or_404(request, slug)
    event = _event_or_404(space, event_id)
    form = SignUpForm(request.POST, space=space, exclude=[], guests=event.guests_allowed)
    if not form.is_valid():
        messages.error(
            request, " ".join(str(error) for errors in form.errors.values() for error in errors)
        )
        return redirect("events_manage:attendance", slug=slug, event_id=event.pk)
    member = form.cleaned_data["member"]
    name = member.user.full_name or member.user.email
    try:
        result = rsvp_answer(
            event=event,
            member=member,
            actor=request_user(request),
            going=True,
            guest_name=form.cleaned_data.get("guest_name", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if result.rsvp.status == RsvpStatus.WAITING:
            messages.info(
                request,
                _("The event is full: %(name)s is number %(position)d on the waiting list.")
                % {"name": name, "position": result.waiting_position or 1},
            )
        else:
            messages.success(request, _("%(name)s is going.") % {"name": name})
    return redirect("events_manage:attendance", slug=slug, event_id=event.pk)


@login_required
@require_POST
def attendance_toggle(
    request: HttpRequest, slug: str, event_id: int, member_id: int
) -> HttpResponse:
    """Tick (`present=1`) or untick someone. htmx gets their row and the counts back."""
    space = managed_space_or_404(request, slug)
    event = _event_or_404(space, event_id)
    member = get_object_or_404(Member.objects.select_related("user"), pk=member_id, space=space)
    actor = request_user(request)
    error = ""
    try:
        if request.POST.get("present") == "1":
            event_check_in(event=event, member=member, actor=actor)
        else:
            event_check_in_undo(event=event, member=member, actor=actor)
    except ValidationError as problem:
        error = " ".join(problem.messages)
    if not getattr(request, "htmx", False):
        if error:
            messages.error(request, error)
        return redirect("events_manage:attendance", slug=slug, event_id=event.pk)
    rows = list(attendance_list(event=event))
    context: dict[str, Any] = {
        "space": space,
        "event": event,
        "rsvp": next((row for row in rows if row.member_id == member.pk), None),
        "counts": _counts(rows),
        "error": error,
        "oob": True,
    }
    return render(request, "events/manage/attendance.html#toggled", context)


# --- QR code ------------------------------------------------------------------------------------


@login_required
@require_GET
def qr(request: HttpRequest, slug: str, event_id: int) -> HttpResponse:
    """A printable page with the QR code members scan at the door to check in."""
    space = managed_space_or_404(request, slug)
    event = _event_or_404(space, event_id)
    url = settings.KOLLEGA_BASE_URL + reverse(
        "event_checkin:check_in", kwargs={"token": event.check_in_token}
    )
    label = _("QR code for checking in to %(title)s") % {"title": event.title}
    return _page(request, "qr.html", space, event=event, url=url, qr=qr_svg(url=url, label=label))
