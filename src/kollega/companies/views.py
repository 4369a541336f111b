"""The community manager's company pages: list, create, edit, archive, and a company's
people, memberships and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kollega.companies.forms import CompanyFilterForm, CompanyForm, CompanyInviteForm
from kollega.companies.models import Company
from kollega.companies.selectors import company_get_for_space, company_list, company_overview
from kollega.companies.services import company_archive, company_create, company_update
from kollega.members.models import Member
from kollega.members.selectors import InvitationStatus, invitation_list
from kollega.members.services import invitation_create, member_remove, member_update
from kollega.spaces.forms import add_service_errors
from kollega.spaces.models import Space
from kollega.spaces.selectors import space_today
from kollega.spaces.views import (
    StaffRequest,
    paginate,
    query_without_page,
    staff_space_or_404,
)


def _company_or_404(space: Space, company_id: int) -> Company:
    company = company_get_for_space(space=space, company_id=company_id)
    if company is None:
        raise Http404
    return company


@require_GET
@login_required
def company_list_view(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    filters = CompanyFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    companies = company_list(
        space=space,
        query=data.get("q", "").strip(),
        industry=data.get("industry", ""),
        stage=data.get("stage", ""),
        include_archived=bool(data.get("include_archived")),
    )
    context = {
        "space": space,
        "section": "companies",
        "filters": filters,
        "page": paginate(request, companies),
        "query": query_without_page(request),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "companies/list.html#results", context)
    return render(request, "companies/list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def company_create_view(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            company = company_create(space=space, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(company)s is added. Invite its people or start a membership.")
                % {"company": company.name},
            )
            return redirect("companies:detail", slug=space.slug, company_id=company.pk)
    return render(
        request,
        "companies/form.html",
        {"space": space, "section": "companies", "form": form, "company": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def company_edit_view(request: StaffRequest, slug: str, company_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    company = _company_or_404(space, company_id)
    form = CompanyForm(request.POST or None, initial=CompanyForm.initial_for(company))
    if request.method == "POST" and form.is_valid():
        try:
            company_update(company=company, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            company.refresh_from_db()
        else:
            messages.success(request, _("%(company)s is saved.") % {"company": company.name})
            return redirect("companies:detail", slug=space.slug, company_id=company.pk)
    return render(
        request,
        "companies/form.html",
        {"space": space, "section": "companies", "form": form, "company": company},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def company_archive_view(request: StaffRequest, slug: str, company_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    company = _company_or_404(space, company_id)
    company_archive(company=company, actor=request.user)
    messages.success(
        request, _("%(company)s is archived. Its history is kept.") % {"company": company.name}
    )
    return redirect("companies:detail", slug=space.slug, company_id=company.pk)


def _detail_page(
    request: StaffRequest,
    space: Space,
    company: Company,
    invite_form: CompanyInviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = space_today(space=space)
    context = {
        "space": space,
        "section": "companies",
        "company": company,
        "today": today,
        "overview": company_overview(company=company, on=today),
        "pending_invitations": list(
            invitation_list(space=space, company=company, status=InvitationStatus.PENDING)
        ),
        "invite_form": invite_form or CompanyInviteForm(),
    }
    return render(request, "companies/detail.html", context, status=status)


@require_GET
@login_required
def company_detail_view(request: StaffRequest, slug: str, company_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    return _detail_page(request, space, _company_or_404(space, company_id))


@require_POST
@login_required
def company_invite_view(request: StaffRequest, slug: str, company_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    company = _company_or_404(space, company_id)
    form = CompanyInviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(
                space=space, company=company, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("An invitation to %(company)s is on its way to %(email)s.")
                % {"company": company.name, "email": invitation.email},
            )
            return redirect("companies:detail", slug=space.slug, company_id=company.pk)
    return _detail_page(request, space, company, invite_form=form, status=400)


def _person_or_404(company: Company, member_id: int) -> Member:
    member = (
        Member.objects.filter(company=company, pk=member_id).select_related("user", "space").first()
    )
    if member is None:
        raise Http404
    return member


@require_POST
@login_required
def person_contact_view(
    request: StaffRequest, slug: str, company_id: int, member_id: int
) -> HttpResponse:
    """Make someone the company's contact person, or stop them being one."""
    space = staff_space_or_404(request, slug)
    company = _company_or_404(space, company_id)
    person = _person_or_404(company, member_id)
    make_contact = request.POST.get("is_company_contact") == "1"
    member_update(member=person, actor=request.user, is_company_contact=make_contact)
    if request.htmx:
        return render(
            request,
            "companies/detail.html#person",
            {"space": space, "company": company, "person": person},
        )
    if make_contact:
        messages.success(request, _("%(name)s is now a contact person.") % {"name": person.user})
    else:
        messages.success(
            request, _("%(name)s is no longer a contact person.") % {"name": person.user}
        )
    return redirect("companies:detail", slug=space.slug, company_id=company.pk)


@require_POST
@login_required
def person_remove_view(
    request: StaffRequest, slug: str, company_id: int, member_id: int
) -> HttpResponse:
    """The person leaves the space (becomes a former member); nothing is deleted."""
    space = staff_space_or_404(request, slug)
    company = _company_or_404(space, company_id)
    person = _person_or_404(company, member_id)
    try:
        member_remove(member=person, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s is now a former member.") % {"name": person.user})
    return redirect("companies:detail", slug=space.slug, company_id=company.pk)
