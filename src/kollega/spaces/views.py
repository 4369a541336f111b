"""The community manager's pages for a space: dashboard, settings, members, invitations.

Every page under /manage/<slug>/ answers 404 unless the user is staff of that space.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from kollega.accounts.models import User
from kollega.core.permissions import staff_spaces
from kollega.members.selectors import (
    DirectoryFilters,
    InvitationStatus,
    invitation_list,
    member_directory_search,
)
from kollega.members.services import invitation_create, invitation_revoke
from kollega.spaces.forms import (
    InvitationFilterForm,
    MemberFilterForm,
    MemberInviteForm,
    SpaceCreateForm,
    SpaceSettingsForm,
    add_service_errors,
)
from kollega.spaces.models import Space
from kollega.spaces.selectors import (
    invitation_get_for_space,
    operators_administered,
    space_companies,
    space_dashboard,
    space_get_for_staff,
    space_interests,
)
from kollega.spaces.services import space_create, space_update

PAGE_SIZE = 50


class StaffRequest(HttpRequest):
    """A request from a signed-in user (after @login_required), with django-htmx's details."""

    user: User
    htmx: HtmxDetails


def staff_space_or_404(request: StaffRequest, slug: str) -> Space:
    """The space the URL names, if the user manages it; 404 otherwise (never leak existence)."""
    space = space_get_for_staff(user=request.user, slug=slug)
    if space is None:
        raise Http404
    return space


def paginate(request: HttpRequest, items: Any, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- start page -----------------------------------------------------------------------------


@require_GET
@login_required
def index(request: StaffRequest) -> HttpResponse:
    """The spaces this user manages (one: straight to its dashboard)."""
    spaces = list(staff_spaces(user=request.user).order_by("name"))
    can_create = operators_administered(user=request.user).exists()
    if len(spaces) == 1 and not can_create:
        return redirect("spaces:dashboard", slug=spaces[0].slug)
    if not spaces and not can_create:
        raise Http404
    return render(request, "spaces/index.html", {"spaces": spaces, "can_create": can_create})


@require_GET
@login_required
def dashboard(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    return render(
        request,
        "spaces/dashboard.html",
        {"space": space, "board": space_dashboard(space=space), "section": "dashboard"},
    )


# --- settings and new spaces ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def space_settings(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    form = SpaceSettingsForm(request.POST or None, initial=SpaceSettingsForm.initial_for(space))
    if request.method == "POST" and form.is_valid():
        try:
            space_update(space=space, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            space.refresh_from_db()
        else:
            messages.success(request, _("The space's settings are saved."))
            return redirect("spaces:settings", slug=space.slug)
    return render(
        request, "spaces/settings.html", {"space": space, "form": form, "section": "settings"}
    )


@require_http_methods(["GET", "POST"])
@login_required
def create(request: StaffRequest) -> HttpResponse:
    """Operator admins open a new space; nobody else sees this page."""
    operators = operators_administered(user=request.user)
    if not operators.exists():
        raise Http404
    form = SpaceCreateForm(request.POST or None, operators=operators)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        operator = data.pop("operator")
        if not data.get("slug"):
            data.pop("slug")
        try:
            space = space_create(operator=operator, actor=request.user, **data)
        except PermissionDenied:
            form.add_error("operator", _("You cannot open spaces for this operator."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(space)s is open. Add plans and invite members next.") % {"space": space.name},
            )
            return redirect("spaces:dashboard", slug=space.slug)
    return render(request, "spaces/create.html", {"form": form})


# --- members --------------------------------------------------------------------------------


def _members_page(
    request: StaffRequest,
    space: Space,
    invite_form: MemberInviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    filters = MemberFilterForm(
        request.GET or None,
        companies=space_companies(space=space, include_archived=True),
        interests=space_interests(space=space),
    )
    data = filters.cleaned_data if filters.is_valid() else {}
    company = data.get("company")
    interest = data.get("interest")
    members = member_directory_search(
        space=space,
        staff=True,
        filters=DirectoryFilters(
            query=data.get("q", ""),
            company_id=company.pk if company is not None else None,
            industry=data.get("industry", ""),
            stage=data.get("stage", ""),
            interest_id=interest.pk if interest is not None else None,
            include_former=bool(data.get("include_former")),
        ),
    )
    context = {
        "space": space,
        "section": "members",
        "filters": filters,
        "page": paginate(request, members),
        "query": query_without_page(request),
        "invite_form": invite_form or MemberInviteForm(companies=space_companies(space=space)),
    }
    if request.htmx and not request.htmx.boosted and request.method == "GET":
        return render(request, "spaces/members.html#results", context)
    return render(request, "spaces/members.html", context, status=status)


@require_GET
@login_required
def members(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    return _members_page(request, space)


@require_POST
@login_required
def member_invite(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    form = MemberInviteForm(request.POST, companies=space_companies(space=space))
    if form.is_valid():
        try:
            invitation = invitation_create(
                space=space,
                actor=request.user,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                company=form.cleaned_data["company"],
                make_contact=form.cleaned_data["make_contact"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
            )
            return redirect("spaces:members", slug=space.slug)
    return _members_page(request, space, invite_form=form, status=400)


# --- invitations ----------------------------------------------------------------------------


@require_GET
@login_required
def invitations(request: StaffRequest, slug: str) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    form = InvitationFilterForm(request.GET or None, statuses=InvitationStatus.choices)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    context = {
        "space": space,
        "section": "invitations",
        "filters": form,
        "page": paginate(request, invitation_list(space=space, status=status)),
        "query": query_without_page(request),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "spaces/invitations.html#results", context)
    return render(request, "spaces/invitations.html", context)


@require_POST
@login_required
def invitation_revoke_view(request: StaffRequest, slug: str, invitation_id: int) -> HttpResponse:
    space = staff_space_or_404(request, slug)
    invitation = invitation_get_for_space(space=space, invitation_id=invitation_id)
    if invitation is None:
        raise Http404
    invitation_revoke(invitation=invitation, actor=request.user)
    if request.htmx:
        row = invitation_list(space=space).get(pk=invitation.pk)
        return render(request, "spaces/invitations.html#row", {"space": space, "invitation": row})
    messages.success(
        request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
    )
    back = request.POST.get("next", "")
    if back == "company" and invitation.company_id is not None:
        return redirect("companies:detail", slug=space.slug, company_id=invitation.company_id)
    if back == "dashboard":
        return redirect("spaces:dashboard", slug=space.slug)
    return redirect("spaces:invitations", slug=space.slug)
