"""The community manager's pages for plans and memberships. Nothing here deletes anything:
plans are retired, memberships are ended, and every change is kept in the history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kollega.memberships.forms import (
    ChangePlanForm,
    EndForm,
    MembershipCreateForm,
    MembershipFilterForm,
    NoticeForm,
    PlanForm,
)
from kollega.memberships.models import Membership, Plan
from kollega.memberships.selectors import (
    MembershipFilter,
    membership_get_for_space,
    membership_search,
    plan_list_with_usage,
)
from kollega.memberships.services import (
    MembershipResult,
    membership_change_plan,
    membership_create,
    membership_end,
    membership_give_notice,
    membership_notice_end_date,
    membership_withdraw_notice,
    plan_create,
    plan_reactivate,
    plan_retire,
    plan_update,
)
from kollega.spaces.forms import add_service_errors
from kollega.spaces.models import Space
from kollega.spaces.selectors import space_today
from kollega.spaces.views import StaffRequest, paginate, query_without_page, staff_space_or_404

# --- plans ----------------------------------------------------------------------------------


def _plan_or_404(space: Space, plan_id: int) -> Plan:
    plan = Plan.objects.filter(space=space, pk=plan_id).first()
    if plan is None:
        raise Http404
    return plan


@require_GET
@login_required
def plans(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    return render(
        request,
        "memberships/plans.html",
        {
            "space": space,
            "section": "plans",
            "plans": plan_list_with_usage(space=space, on=space_today(space=space)),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_create_view(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_create(space=space, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan “%(plan)s” is created.") % {"plan": plan.name})
            return redirect("memberships:plans", slug=space.slug)
    return render(
        request,
        "memberships/plan_form.html",
        {"space": space, "section": "plans", "form": form, "plan": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit_view(request: StaffRequest, slug: str, plan_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    plan = _plan_or_404(space, plan_id)
    form = PlanForm(request.POST or None, initial=PlanForm.initial_for(plan))
    if request.method == "POST" and form.is_valid():
        try:
            plan_update(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            plan.refresh_from_db()
        else:
            messages.success(request, _("The plan “%(plan)s” is saved.") % {"plan": plan.name})
            return redirect("memberships:plans", slug=space.slug)
    return render(
        request,
        "memberships/plan_form.html",
        {"space": space, "section": "plans", "form": form, "plan": plan},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def plan_retire_view(request: StaffRequest, slug: str, plan_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    plan = plan_retire(plan=_plan_or_404(space, plan_id))
    messages.success(
        request,
        _(
            "The plan “%(plan)s” is retired: no new memberships can use "
            "it, and its current memberships go on."
        )
        % {"plan": plan.name},
    )
    return redirect("memberships:plans", slug=space.slug)


@require_POST
@login_required
def plan_reactivate_view(request: StaffRequest, slug: str, plan_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    plan = plan_reactivate(plan=_plan_or_404(space, plan_id))
    messages.success(request, _("The plan “%(plan)s” is available again.") % {"plan": plan.name})
    return redirect("memberships:plans", slug=space.slug)


# --- memberships ----------------------------------------------------------------------------


@require_GET
@login_required
def membership_list_view(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    today = space_today(space=space)
    filters = MembershipFilterForm(
        request.GET or None, space=space, initial={"status": MembershipFilter.CURRENT}
    )
    data = filters.cleaned_data if filters.is_valid() else {}
    plan = data.get("plan")
    memberships = membership_search(
        space=space,
        on=today,
        status=data.get("status") or MembershipFilter.CURRENT,
        plan_id=plan.pk if plan is not None else None,
        holder=data.get("holder", ""),
    )
    context = {
        "space": space,
        "section": "memberships",
        "filters": filters,
        "today": today,
        "page": paginate(request, memberships),
        "query": query_without_page(request),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "memberships/list.html#results", context)
    return render(request, "memberships/list.html", context)


def _show_warnings(request: StaffRequest, result: MembershipResult) -> None:
    for warning in result.warnings:
        messages.warning(request, warning)


@require_http_methods(["GET", "POST"])
@login_required
def membership_create_view(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    initial: dict[str, object] = {"start_date": space_today(space=space)}
    for name in ("company", "member", "plan"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    form = MembershipCreateForm(request.POST or None, space=space, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            result = membership_create(space=space, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The membership for %(holder)s is created.")
                % {"holder": result.membership.holder_name},
            )
            _show_warnings(request, result)
            return redirect(
                "memberships:detail", slug=space.slug, membership_id=result.membership.pk
            )
    return render(
        request,
        "memberships/create.html",
        {"space": space, "section": "memberships", "form": form},
        status=400 if form.errors else 200,
    )


def _membership_or_404(space: Space, membership_id: int) -> Membership:
    membership = membership_get_for_space(space=space, membership_id=membership_id)
    if membership is None:
        raise Http404
    return membership


def _detail_page(
    request: StaffRequest,
    space: Space,
    membership: Membership,
    *,
    notice_form: NoticeForm | None = None,
    change_form: ChangePlanForm | None = None,
    end_form: EndForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = space_today(space=space)
    if notice_form is None:
        notice_form = NoticeForm(
            request.GET if "given_on" in request.GET else None, initial={"given_on": today}
        )
    given_on = (
        notice_form.cleaned_data["given_on"]
        if notice_form.is_bound and notice_form.is_valid()
        else today
    )
    context = {
        "space": space,
        "section": "memberships",
        "membership": membership,
        "today": today,
        "status": membership.status_on(today),
        "notice_form": notice_form,
        "notice_given_on": given_on,
        "notice_end": membership_notice_end_date(membership=membership, given_on=given_on),
        "change_form": change_form
        or ChangePlanForm(
            membership=membership,
            initial={
                "plan": membership.plan_id,
                "seats": membership.seats,
                "effective_date": today,
            },
        ),
        "end_form": end_form or EndForm(initial={"end_date": today}),
    }
    if request.htmx and request.method == "GET" and "given_on" in request.GET:
        return render(request, "memberships/detail.html#notice_preview", context)
    return render(request, "memberships/detail.html", context, status=status)


@require_GET
@login_required
def membership_detail_view(request: StaffRequest, slug: str, membership_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    return _detail_page(request, space, _membership_or_404(space, membership_id))


@require_POST
@login_required
def membership_notice_view(request: StaffRequest, slug: str, membership_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    membership = _membership_or_404(space, membership_id)
    form = NoticeForm(request.POST)
    if form.is_valid():
        try:
            result = membership_give_notice(
                membership=membership, actor=request.user, given_on=form.cleaned_data["given_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            end_date = result.membership.end_date
            messages.success(
                request,
                _("Notice is recorded. The membership ends on %(date)s.")
                % {"date": date_format(end_date) if end_date else ""},
            )
            return redirect("memberships:detail", slug=space.slug, membership_id=membership.pk)
    return _detail_page(request, space, membership, notice_form=form, status=400)


@require_POST
@login_required
def membership_withdraw_notice_view(
    request: StaffRequest, slug: str, membership_id: int
) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    membership = _membership_or_404(space, membership_id)
    try:
        membership_withdraw_notice(membership=membership, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The notice is withdrawn; the membership goes on."))
    return redirect("memberships:detail", slug=space.slug, membership_id=membership.pk)


@require_POST
@login_required
def membership_change_view(request: StaffRequest, slug: str, membership_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    membership = _membership_or_404(space, membership_id)
    form = ChangePlanForm(request.POST, membership=membership)
    if form.is_valid():
        try:
            result = membership_change_plan(
                membership=membership, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The membership is changed."))
            _show_warnings(request, result)
            return redirect("memberships:detail", slug=space.slug, membership_id=membership.pk)
    return _detail_page(request, space, membership, change_form=form, status=400)


@require_POST
@login_required
def membership_end_view(request: StaffRequest, slug: str, membership_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    membership = _membership_or_404(space, membership_id)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            membership_end(
                membership=membership, actor=request.user, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The membership ends on %(date)s.")
                % {"date": date_format(form.cleaned_data["end_date"])},
            )
            return redirect("memberships:detail", slug=space.slug, membership_id=membership.pk)
    return _detail_page(request, space, membership, end_form=form, status=400)
