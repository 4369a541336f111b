"""Member pages of bookings: the day's availability grid (book by clicking a free slot; for
desks, a whole day in one click), booking with the price shown first, and my bookings with
cancel. Thin: parse, call one selector or service, render (a full page or the htmx
partial)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kollega.bookings.forms import BookForm, DayForm, DeskDayForm, DeskReleaseForm
from kollega.bookings.models import Booking, BookingStatus, Resource, ResourceKind, Zone
from kollega.bookings.selectors import (
    availability_grid,
    booking_list,
    booking_list_for_member,
    fixed_desks_of,
    flex_zone_free,
)
from kollega.bookings.services import (
    booking_cancel,
    booking_check_in,
    booking_create,
    booking_for_check_in,
    booking_quote,
    booking_rule_for,
    booking_series_create,
    desk_book_day,
    desk_release,
    desk_release_withdraw,
)
from kollega.bookings.usage import parse_month, usage_statement
from kollega.core.http import own_member_or_404, request_user
from kollega.members.forms import apply_service_errors
from kollega.members.models import Member


@login_required
@require_GET
def grid(request: HttpRequest, slug: str) -> HttpResponse:
    member = own_member_or_404(request, slug)
    space = member.space
    form = DayForm(request.GET or None)
    day, kind = timezone.localdate(timezone=space.tzinfo), ResourceKind.ROOM
    if form.is_valid():
        day = form.cleaned_data["date"] or day
        kind = form.cleaned_data["kind"] or ResourceKind.ROOM
    template = "bookings/grid.html"
    if getattr(request, "htmx", False):
        template += "#day"
    return render(request, template, _grid_context(member=member, form=form, day=day, kind=kind))


def _grid_context(*, member: Member, form: DayForm, day: dt.date, kind: str) -> dict[str, object]:
    """What the grid page (or its #day partial) shows: the day's grid, and for desks the
    zones with their free desks for the whole day."""
    space = member.space
    now = timezone.now()
    zones = flex_zone_free(space=space, day=day, now=now) if kind == ResourceKind.DESK else []
    return {
        "space": space,
        "form": form,
        "grid": availability_grid(space=space, day=day, kind=kind),
        "kind": kind,
        "day": day,
        "previous_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "now": now,
        "member": member,
        "zones": zones,
        "whole_day_desks": {desk.pk for entry in zones for desk in entry.free_desks},
    }


@login_required
@require_POST
def desk_day(request: HttpRequest, slug: str) -> HttpResponse:
    """Book a desk for the whole day in one click: any free desk of a zone, or one desk.
    Back to the day's desks with a message (htmx: just the day, message included)."""
    member = own_member_or_404(request, slug)
    space = member.space
    form = DeskDayForm(request.POST)
    day = timezone.localdate(timezone=space.tzinfo)
    if not form.is_valid():
        messages.error(request, _("Choose a day, and a zone or a desk."))
    else:
        day = form.cleaned_data["date"]
        zone_id, resource_id = form.cleaned_data["zone"], form.cleaned_data["resource"]
        try:
            booking = desk_book_day(
                member=member,
                day=day,
                actor=request_user(request),
                zone=get_object_or_404(Zone, pk=zone_id, space=space) if zone_id else None,
                resource=(
                    get_object_or_404(Resource, pk=resource_id, space=space)
                    if resource_id
                    else None
                ),
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            tz = space.tzinfo
            messages.success(
                request,
                _("Booked: %(desk)s, %(date)s from %(start)s to %(end)s.")
                % {
                    "desk": booking.resource.name,
                    "date": date_format(day),
                    "start": f"{timezone.localtime(booking.start, tz):%H:%M}",
                    "end": f"{timezone.localtime(booking.end, tz):%H:%M}",
                },
            )
    if getattr(request, "htmx", False):
        context = _grid_context(
            member=member,
            form=DayForm(initial={"date": day, "kind": ResourceKind.DESK}),
            day=day,
            kind=ResourceKind.DESK,
        )
        return render(request, "bookings/grid.html#day", {**context, "show_messages": True})
    query = urlencode({"date": day.isoformat(), "kind": ResourceKind.DESK})
    return redirect(f"{reverse('bookings:grid', kwargs={'slug': slug})}?{query}")


@login_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, slug: str) -> HttpResponse:
    """Confirm a booking: what it costs (included hours first) before it is made."""
    member = own_member_or_404(request, slug)
    space = member.space
    data: QueryDict = (request.POST if request.method == "POST" else request.GET).copy()
    resource = get_object_or_404(
        Resource, pk=data.get("resource") or 0, space=space, is_active=True
    )
    rule = booking_rule_for(space_id=space.pk, kind=resource.kind)
    lengths = {
        "min_minutes": rule.min_minutes,
        "max_minutes": rule.max_minutes,
        "step": rule.granularity_minutes,
    }
    if "minutes" not in data:  # from a slot in the grid: the usual length, priced at once
        data["minutes"] = str(BookForm(**lengths).fields["minutes"].initial)
    form = BookForm(data, **lengths)
    quote = None
    if form.is_valid():
        start = form.cleaned_data["start"]
        if timezone.is_naive(start):
            start = timezone.make_aware(start, space.tzinfo)
            form.cleaned_data["start"] = start
        try:
            if request.method == "POST" and form.cleaned_data["repeat_until"]:
                result = booking_series_create(
                    member=member,
                    resource=resource,
                    first_start=start,
                    minutes=form.cleaned_data["minutes"],
                    until=form.cleaned_data["repeat_until"],
                    actor=request_user(request),
                    title=form.cleaned_data["title"],
                )
                messages.success(
                    request,
                    ngettext(
                        "Booked %(count)d time: %(resource)s.",
                        "Booked %(count)d times: %(resource)s.",
                        len(result.booked),
                    )
                    % {"count": len(result.booked), "resource": resource.name},
                )
                for when, why in result.conflicts:
                    messages.warning(
                        request,
                        _("Not booked %(when)s: %(why)s")
                        % {
                            "when": date_format(
                                timezone.localtime(when, space.tzinfo), "SHORT_DATETIME_FORMAT"
                            ),
                            "why": why,
                        },
                    )
                return redirect("bookings:mine", slug=slug)
            if request.method == "POST":
                booking = booking_create(
                    member=member,
                    resource=resource,
                    start=start,
                    end=form.end(),
                    actor=request_user(request),
                    title=form.cleaned_data["title"],
                )
                messages.success(
                    request,
                    _("Booked: %(resource)s.") % {"resource": resource.name},
                )
                return redirect(f"{redirect('bookings:mine', slug=slug).url}#booking-{booking.pk}")
            quote = booking_quote(
                member=member,
                resource=resource,
                start=start,
                end=form.end(),
                actor=request_user(request),
            )
        except ValidationError as error:
            apply_service_errors(form, error, {"start": None, "end": "minutes"})
    template = "bookings/book.html"
    if getattr(request, "htmx", False):
        template += "#book-form"
    return render(
        request,
        template,
        {"space": space, "resource": resource, "form": form, "quote": quote},
    )


@login_required
@require_GET
def my_bookings(request: HttpRequest, slug: str) -> HttpResponse:
    member = own_member_or_404(request, slug)
    now = timezone.now()
    today = timezone.localdate(now, member.space.tzinfo)
    return render(
        request,
        "bookings/mine.html",
        {
            "space": member.space,
            "desks": fixed_desks_of(member=member, today=today),
            "today": today,
            "upcoming": booking_list_for_member(member=member, upcoming=True, now=now),
            "past": booking_list_for_member(member=member, upcoming=False, now=now)[:30],
        },
    )


@login_required
@require_POST
def cancel(request: HttpRequest, slug: str, booking_id: int) -> HttpResponse:
    member = own_member_or_404(request, slug)
    booking = get_object_or_404(Booking, pk=booking_id, member=member)
    try:
        booking_cancel(booking=booking, actor=request_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Cancelled. The time is free for others again."))
    return redirect("bookings:mine", slug=slug)


@login_required
@require_POST
def check_in(request: HttpRequest, slug: str, booking_id: int) -> HttpResponse:
    member = own_member_or_404(request, slug)
    booking = get_object_or_404(Booking, pk=booking_id, member=member)
    try:
        booking_check_in(booking=booking, actor=request_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Checked in. Have a good meeting!"))
    return redirect("bookings:mine", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def check_in_by_code(request: HttpRequest, token: str) -> HttpResponse:
    """Where a room's QR code leads: check in to my booking of it that is starting now."""
    try:
        resource, booking = booking_for_check_in(token=token, actor=request_user(request))
    except Resource.DoesNotExist:
        raise Http404 from None
    done = False
    if request.method == "POST" and booking is not None:
        try:
            booking = booking_check_in(booking=booking, actor=request_user(request))
            done = True
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(
        request,
        "bookings/check_in.html",
        {"resource": resource, "booking": booking, "done": done, "space": resource.space},
    )


@login_required
@require_GET
def my_usage(request: HttpRequest, slug: str) -> HttpResponse:
    """The member's own month: bookings, included hours used, what is charged."""
    member = own_member_or_404(request, slug)
    space = member.space
    this_month = timezone.localdate(timezone=space.tzinfo).replace(day=1)
    month = parse_month(request.GET.get("month")) or this_month
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    following = (month + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "bookings/my_usage.html",
        {
            "space": space,
            "statement": usage_statement(space=space, month=month, member=member),
            "month": month,
            "previous": previous,
            "following": following if following <= this_month else None,
            "bookings": booking_list(space=space, member=member, when=None, now=timezone.now())
            .filter(
                start__gte=dt.datetime.combine(month, dt.time(0), tzinfo=space.tzinfo),
                start__lt=dt.datetime.combine(following, dt.time(0), tzinfo=space.tzinfo),
            )
            .exclude(status=BookingStatus.CANCELLED),
        },
    )


@login_required
@require_POST
def desk_release_view(request: HttpRequest, slug: str, resource_id: int) -> HttpResponse:
    """Release my fixed desk for a day away (or, with `withdraw`, take the release back)."""
    member = own_member_or_404(request, slug)
    desk = get_object_or_404(Resource, pk=resource_id, space=member.space)
    form = DeskReleaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a day."))
        return redirect("bookings:mine", slug=slug)
    day = form.cleaned_data["date"]
    try:
        if form.cleaned_data["withdraw"]:
            desk_release_withdraw(
                resource=desk, member=member, actor=request_user(request), date=day
            )
            messages.success(request, _("Your desk is yours again that day."))
        else:
            desk_release(resource=desk, member=member, actor=request_user(request), date=day)
            messages.success(
                request,
                _("Released: flex members can book %(desk)s that day.") % {"desk": desk.name},
            )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("bookings:mine", slug=slug)
