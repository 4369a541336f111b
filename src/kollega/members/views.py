"""Member-facing pages of a space: the directory, profiles and photos, company pages, and
accepting an invitation. Thin: parse, ask core.permissions, call one service or selector."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kollega.accounts.models import User
from kollega.companies.models import Company
from kollega.core.permissions import can_manage_company, can_view_space, is_space_staff
from kollega.members.forms import (
    DIRECTORY_PAGE_SIZE,
    DirectoryForm,
    InvitationSignupForm,
    InviteColleagueForm,
    apply_service_errors,
    language_name,
)
from kollega.members.models import (
    VISIBLE_FIELDS,
    Invitation,
    Member,
    MemberStatus,
    Profile,
    Visibility,
    Weekday,
)
from kollega.members.selectors import (
    DirectoryFilters,
    InvitationStatus,
    invitation_account_exists,
    invitation_list,
    member_directory_search,
    member_get_for_viewer,
    member_profile_view,
    profile_visible_fields,
)
from kollega.members.services import (
    invitation_accept as invitation_accept_service,
)
from kollega.members.services import (
    invitation_create,
    invitation_get_by_token,
    invitation_revoke,
    member_remove,
)
from kollega.memberships.selectors import membership_list
from kollega.spaces.models import Space

PHOTO_CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
CARD_OFFERS = 3
CARD_NEEDS = 2


# --- helpers --------------------------------------------------------------------------------


def _viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _space_for(request: HttpRequest, slug: str) -> Space:
    """The space in the URL if the signed-in viewer is its member or staff; 404 otherwise."""
    space = get_object_or_404(Space, slug=slug)
    if not can_view_space(user=_viewer(request), space=space):
        raise Http404
    return space


def _company_for(request: HttpRequest, space: Space, company_id: int) -> Company:
    company = get_object_or_404(Company.objects.select_related("space"), pk=company_id, space=space)
    if company.archived_at is not None and not is_space_staff(user=_viewer(request), space=space):
        raise Http404
    return company


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split()[:2]).upper() or "?"


@dataclass
class MemberCard:
    """What one viewer may see of a member in a list."""

    member: Member
    name: str
    initials: str
    fields: dict[str, Any] = field(default_factory=dict)
    photo_version: str = ""

    @property
    def offers(self) -> list[str]:
        return list(self.fields.get("offers") or [])[:CARD_OFFERS]

    @property
    def needs(self) -> list[str]:
        return list(self.fields.get("needs") or [])[:CARD_NEEDS]


def _cards(members: Iterable[Member], *, level: str) -> list[MemberCard]:
    cards = []
    for member in members:
        profile: Profile | None = getattr(member.user, "profile", None)
        fields = profile_visible_fields(profile=profile, level=level)
        version = (
            str(int(profile.updated_at.timestamp())) if profile and fields.get("photo") else ""
        )
        cards.append(
            MemberCard(
                member=member,
                name=member.user.full_name or member.user.email,
                initials=_initials(member.user.full_name),
                fields=fields,
                photo_version=version,
            )
        )
    return cards


# --- directory ------------------------------------------------------------------------------


@login_required
def directory(request: HttpRequest, slug: str) -> HttpResponse:
    """Search the members of a space; htmx requests get only the results."""
    space = _space_for(request, slug)
    staff = is_space_staff(user=_viewer(request), space=space)
    form = DirectoryForm(request.GET or None, space=space, staff=staff)
    filters: DirectoryFilters = form.filters()
    results = member_directory_search(space=space, filters=filters, staff=staff)
    page = Paginator(results, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "space": space,
        "form": form,
        "page": page,
        "staff": staff,
        "cards": _cards(page.object_list, level="staff" if staff else "members"),
        "query_string": query.urlencode(),
        "searching": bool(filters.query),
    }
    template = "members/directory.html"
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- profiles and photos --------------------------------------------------------------------


def _member_in_space(request: HttpRequest, slug: str, member_id: int) -> Member | None:
    member = member_get_for_viewer(member_id=member_id, viewer=request.user)  # type: ignore[arg-type]
    if member is None or member.space.slug != slug:
        return None
    return member


def profile(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """A member's profile, showing only what this viewer may see."""
    member = _member_in_space(request, slug, member_id)
    if member is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    view = member_profile_view(member=member, viewer=request.user)  # type: ignore[arg-type]
    visibility: dict[str, str] = {}
    own_profile: Profile | None = None
    if view.level == "self":
        own_profile = Profile.objects.filter(user_id=member.user_id).first()
        if own_profile is not None:
            visibility = {
                name: str(Visibility(own_profile.visibility_of(name)).label)
                for name in VISIBLE_FIELDS
            }
    photo_version = ""
    if view["photo"]:
        photo_version = str(int(member.user.profile.updated_at.timestamp()))
    context = {
        "space": member.space,
        "member": member,
        "level": view.level,
        "fields": view.fields,
        "name": member.user.full_name or _("A member"),
        "initials": _initials(member.user.full_name),
        "spoken_languages": [language_name(code) for code in view["languages"] or []],
        "days": [
            Weekday(day).label for day in view["presence_days"] or [] if day in Weekday.values
        ],
        "visibility": visibility,
        "is_self": view.level == "self",
        "is_staff_view": view.level == "staff",
        "photo_version": photo_version,
        "former": member.status == MemberStatus.FORMER,
    }
    return render(request, "members/profile.html", context)


def photo(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """A member's photo, only for viewers allowed to see it; never served as anything but
    the raster image it was re-encoded to."""
    member = _member_in_space(request, slug, member_id)
    if member is None:
        raise Http404
    view = member_profile_view(member=member, viewer=request.user)  # type: ignore[arg-type]
    if not view["photo"]:
        raise Http404
    stored = member.user.profile.photo
    extension = stored.name.rsplit(".", 1)[-1].lower() if stored.name else ""
    content_type = PHOTO_CONTENT_TYPES.get(extension)
    if content_type is None:
        raise Http404
    with stored.open("rb") as image:
        data = image.read()
    response = HttpResponse(data, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="member-{member.pk}.{extension}"'
    response["Cache-Control"] = "private, max-age=300"
    patch_vary_headers(response, ["Cookie"])
    return response


# --- company pages --------------------------------------------------------------------------


def _render_company(
    request: HttpRequest,
    space: Space,
    company: Company,
    *,
    invite_form: InviteColleagueForm | None = None,
    status: int = 200,
) -> HttpResponse:
    viewer = _viewer(request)
    staff = is_space_staff(user=viewer, space=space)
    can_manage = can_manage_company(user=viewer, company=company)
    people = member_directory_search(
        space=space, filters=DirectoryFilters(company_id=company.pk), staff=staff
    )
    today = timezone.localdate(timezone=space.tzinfo)
    context = {
        "space": space,
        "company": company,
        "staff": staff,
        "can_manage": can_manage,
        "cards": _cards(people, level="staff" if staff else "members"),
        "memberships": membership_list(space=space, current_on=today).filter(company=company),
        "show_prices": staff or can_manage,
        "invitations": invitation_list(
            space=space, company=company, status=InvitationStatus.PENDING
        )
        if can_manage
        else [],
        "invite_form": invite_form or InviteColleagueForm(),
    }
    return render(request, "members/company.html", context, status=status)


@login_required
def company(request: HttpRequest, slug: str, company_id: int) -> HttpResponse:
    space = _space_for(request, slug)
    return _render_company(request, space, _company_for(request, space, company_id))


def _managed_company(request: HttpRequest, slug: str, company_id: int) -> tuple[Space, Company]:
    """A company the viewer manages: 404 outside their spaces, 403 for other companies."""
    space = _space_for(request, slug)
    company = _company_for(request, space, company_id)
    if not can_manage_company(user=_viewer(request), company=company):
        raise PermissionDenied(_("Only the company's contact person can do this."))
    return space, company


@login_required
@require_POST
def company_invite(request: HttpRequest, slug: str, company_id: int) -> HttpResponse:
    space, company = _managed_company(request, slug, company_id)
    form = InviteColleagueForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(
                space=space,
                company=company,
                actor=_viewer(request),
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("members:company", slug=space.slug, company_id=company.pk)
    return _render_company(request, space, company, invite_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def company_member_remove(
    request: HttpRequest, slug: str, company_id: int, member_id: int
) -> HttpResponse:
    """Ask to confirm, then make a colleague a former member of the space."""
    space, company = _managed_company(request, slug, company_id)
    member = get_object_or_404(
        Member.objects.select_related("user", "space", "company"),
        pk=member_id,
        space=space,
        company=company,
        status=MemberStatus.ACTIVE,
    )
    if request.method == "POST":
        try:
            member_remove(member=member, actor=_viewer(request))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(name)s is no longer listed as a member of %(space)s.")
                % {"name": member.user, "space": space.name},
            )
        return redirect("members:company", slug=space.slug, company_id=company.pk)
    return render(
        request,
        "members/member_remove_confirm.html",
        {
            "space": space,
            "company": company,
            "member": member,
            "is_self": member.user_id == request.user.pk,
        },
    )


@login_required
@require_POST
def company_invitation_revoke(
    request: HttpRequest, slug: str, company_id: int, invitation_id: int
) -> HttpResponse:
    space, company = _managed_company(request, slug, company_id)
    invitation = get_object_or_404(Invitation, pk=invitation_id, space=space, company=company)
    invitation_revoke(invitation=invitation, actor=_viewer(request))
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("members:company", slug=space.slug, company_id=company.pk)


# --- invitations ----------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Join a space from an invitation link: one click when signed in with the invited
    address, else create an account (name, password, language) and sign in."""
    invitation = invitation_get_by_token(token=token)
    if invitation is None:
        return render(request, "members/invitation_invalid.html", status=404)
    context: dict[str, Any] = {
        "invitation": invitation,
        "space": invitation.space,
        "company": invitation.company,
    }
    user = request.user
    if user.is_authenticated:
        assert isinstance(user, User)
        if user.email.lower() != invitation.email.lower():
            return render(
                request, "members/invitation_accept.html", {**context, "state": "other_account"}
            )
        if request.method == "POST":
            try:
                invitation_accept_service(token=token, user=user)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
                return redirect("invite:accept", token=token)
            return _welcome(request, invitation)
        return render(request, "members/invitation_accept.html", {**context, "state": "confirm"})
    if invitation_account_exists(invitation=invitation):
        return render(
            request, "members/invitation_accept.html", {**context, "state": "sign_in_first"}
        )
    form = InvitationSignupForm(
        request.POST or None,
        initial={"full_name": invitation.full_name, "preferred_language": invitation.language},
    )
    if request.method == "POST" and form.is_valid():
        try:
            member = invitation_accept_service(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except ValidationError as error:
            apply_service_errors(form, error, {"password": "password1", "token": None})
        else:
            login(request, member.user, backend="django.contrib.auth.backends.ModelBackend")
            return _welcome(request, invitation)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "members/invitation_accept.html",
        {**context, "state": "sign_up", "form": form},
        status=status,
    )


def _welcome(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    user = _viewer(request)
    if user.preferred_language:
        translation.activate(user.preferred_language)
    messages.success(
        request,
        _(
            "Welcome to %(space)s! Tell your new colleagues what you can help with and what you "
            "are looking for — you get what you give."
        )
        % {"space": invitation.space.name},
    )
    return redirect(reverse("accounts:profile_edit"))
