"""The community manager's bookings pages, under /manage/<slug>/bookings/: resources and
zones, opening hours and closed days, booking rules per kind, the month's usage statement
(and its CSV for accounting) and the printable check-in sheet.

Every page answers 404 unless the user is staff of the space. Thin: parse, call one service
or read, render.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kollega.bookings.manage_forms import (
    BookingRuleForm,
    ClosedDayForm,
    OpeningHoursForm,
    ResourceForm,
    ZoneForm,
)
from kollega.bookings.models import ClosedDay, OpeningHours, Resource, ResourceKind, Zone
from kollega.bookings.qr import qr_svg
from kollega.bookings.services import booking_rule_for
from kollega.bookings.services.setup import (
    booking_rule_save,
    closed_day_add,
    closed_day_remove,
    opening_hours_set,
    resource_create,
    resource_update,
    zone_save,
)
from kollega.bookings.usage import (
    next_month,
    parse_month,
    previous_month,
    usage_csv_write,
    usage_statement,
)
from kollega.core.http import managed_space_or_404, request_user
from kollega.members.forms import apply_service_errors
from kollega.memberships.models import PlanKind
from kollega.spaces.models import Space

SECTION = "bookings"
# Resources with a check-in sheet: the ones people sit in (not event areas).
CHECK_IN_KINDS = (ResourceKind.ROOM, ResourceKind.DESK, ResourceKind.BOOTH)


def _page(request: HttpRequest, template: str, space: Space, **context: object) -> HttpResponse:
    return render(
        request, f"bookings/manage/{template}", {"space": space, "section": SECTION, **context}
    )


# --- resources and zones --------------------------------------------------------------------


@login_required
@require_GET
def resources(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    items = Resource.objects.filter(space=space).select_related(
        "zone", "fixed_membership__company", "fixed_membership__member__user"
    )
    return _page(
        request,
        "resources.html",
        space,
        resources=items,
        zones=Zone.objects.filter(space=space),
        zone_form=ZoneForm(),
        subsection="resources",
    )


@login_required
@require_http_methods(["GET", "POST"])
def resource_new(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    form = ResourceForm(request.POST or None, space=space)
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        data.pop("is_active")  # a new resource is bookable
        try:
            resource = resource_create(space=space, actor=request_user(request), **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is added.") % {"name": resource.name})
            return redirect("bookings_manage:resources", slug=slug)
    return _page(request, "resource_form.html", space, form=form, resource=None)


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, slug: str, resource_id: int) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    resource = get_object_or_404(Resource, pk=resource_id, space=space)
    form = ResourceForm(
        request.POST or None, space=space, initial=ResourceForm.initial_for(resource)
    )
    if request.method == "POST" and form.is_valid():
        try:
            resource = resource_update(
                resource=resource, actor=request_user(request), **form.service_kwargs()
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": resource.name})
            return redirect("bookings_manage:resources", slug=slug)
    return _page(request, "resource_form.html", space, form=form, resource=resource)


@login_required
@require_POST
def zone_new(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    form = ZoneForm(request.POST)
    if form.is_valid():
        try:
            zone = zone_save(space=space, actor=request_user(request), **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Zone %(name)s is added.") % {"name": zone.name})
            return redirect("bookings_manage:resources", slug=slug)
    return _page(request, "zone_form.html", space, form=form, zone=None)


@login_required
@require_http_methods(["GET", "POST"])
def zone_edit(request: HttpRequest, slug: str, zone_id: int) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    zone = get_object_or_404(Zone, pk=zone_id, space=space)
    form = ZoneForm(request.POST or None, initial={"name": zone.name, "is_flex": zone.is_flex})
    if request.method == "POST" and form.is_valid():
        try:
            zone_save(space=space, actor=request_user(request), zone=zone, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Zone %(name)s is saved.") % {"name": zone.name})
            return redirect("bookings_manage:resources", slug=slug)
    return _page(request, "zone_form.html", space, form=form, zone=zone)


# --- opening hours and closed days ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def hours(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    form = OpeningHoursForm(
        request.POST or None,
        initial=OpeningHoursForm.initial_for(OpeningHours.objects.filter(space=space)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            opening_hours_set(space=space, actor=request_user(request), hours=form.hours())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Opening hours saved."))
            return redirect("bookings_manage:hours", slug=slug)
    return _hours_page(request, space, form=form, closed_form=ClosedDayForm())


def _hours_page(
    request: HttpRequest, space: Space, *, form: OpeningHoursForm, closed_form: ClosedDayForm
) -> HttpResponse:
    today = timezone.localdate(timezone=space.tzinfo)
    return _page(
        request,
        "hours.html",
        space,
        form=form,
        closed_form=closed_form,
        closed_days=ClosedDay.objects.filter(space=space, date__gte=today),
        subsection="hours",
    )


@login_required
@require_POST
def closed_day_new(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    closed_form = ClosedDayForm(request.POST)
    if closed_form.is_valid():
        try:
            closed_day_add(space=space, actor=request_user(request), **closed_form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(closed_form, error)
        else:
            messages.success(request, _("Closed day added."))
            return redirect("bookings_manage:hours", slug=slug)
    form = OpeningHoursForm(
        initial=OpeningHoursForm.initial_for(OpeningHours.objects.filter(space=space))
    )
    return _hours_page(request, space, form=form, closed_form=closed_form)


@login_required
@require_POST
def closed_day_delete(request: HttpRequest, slug: str, closed_day_id: int) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    closed_day = get_object_or_404(ClosedDay, pk=closed_day_id, space=space)
    closed_day_remove(closed_day=closed_day, actor=request_user(request))
    messages.info(request, _("The space is open again on that day."))
    return redirect("bookings_manage:hours", slug=slug)


# --- booking rules --------------------------------------------------------------------------


@login_required
@require_GET
def rules(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    kinds = []
    for value, label in ResourceKind.choices:
        rule = booking_rule_for(space_id=space.pk, kind=value)
        plans = [PlanKind(k).label for k in rule.allowed_plan_kinds if k in PlanKind.values]
        kinds.append((value, label, rule, plans))
    return _page(request, "rules.html", space, kinds=kinds, subsection="rules")


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    if kind not in ResourceKind.values:
        raise Http404
    rule = booking_rule_for(space_id=space.pk, kind=kind)
    form = BookingRuleForm(request.POST or None, initial=BookingRuleForm.initial_for(rule))
    if request.method == "POST" and form.is_valid():
        try:
            booking_rule_save(
                space=space, actor=request_user(request), kind=kind, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Booking rules saved."))
            return redirect("bookings_manage:rules", slug=slug)
    return _page(
        request,
        "rule_form.html",
        space,
        form=form,
        kind_label=ResourceKind(kind).label,
        subsection="rules",
    )


# --- usage ----------------------------------------------------------------------------------


def _month(request: HttpRequest, space: Space) -> dt.date:
    """?month=YYYY-MM, else this month in the space's time zone."""
    return parse_month(request.GET.get("month")) or timezone.localdate(
        timezone=space.tzinfo
    ).replace(day=1)


@login_required
@require_GET
def usage(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    month = _month(request, space)
    return _page(
        request,
        "usage.html",
        space,
        statement=usage_statement(space=space, month=month),
        month_value=f"{month:%Y-%m}",
        previous_value=f"{previous_month(month):%Y-%m}",
        next_value=f"{next_month(month):%Y-%m}",
        subsection="usage",
    )


@login_required
@require_GET
def usage_csv(request: HttpRequest, slug: str) -> HttpResponse:
    space = managed_space_or_404(request, slug)
    month = _month(request, space)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{space.slug}-bookings-{month:%Y-%m}.csv"'
    )
    response.write("\ufeff")  # a byte order mark, so Excel reads UTF-8
    usage_csv_write(space=space, month=month, out=response)  # type: ignore[arg-type]
    return response


# --- check-in sheet -------------------------------------------------------------------------


@login_required
@require_GET
def check_in_sheet(request: HttpRequest, slug: str) -> HttpResponse:
    """A printable page: each room, booth and desk with the QR code and address of its
    check-in page."""
    space = managed_space_or_404(request, slug)
    items = Resource.objects.filter(space=space, kind__in=CHECK_IN_KINDS, is_active=True)
    origin = request.build_absolute_uri("/").rstrip("/")
    sheet = []
    for resource in items.select_related("zone"):
        path = reverse("checkin:code", args=[resource.check_in_token])
        label = _("QR code for checking in at %(name)s") % {"name": resource.name}
        sheet.append((resource, origin, path, qr_svg(url=origin + path, label=label)))
    return _page(request, "check_in_sheet.html", space, sheet=sheet, subsection="check_in")
