"""A person's own pages: profile, settings (language, API tokens, a copy of their data)."""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from kollega.accounts.forms import ApiTokenForm, LanguageForm, PhotoForm, ProfileForm
from kollega.accounts.models import ApiToken, User
from kollega.accounts.services import api_token_create, api_token_revoke
from kollega.core.permissions import staff_spaces
from kollega.members.forms import apply_service_errors
from kollega.members.gdpr import user_data_export
from kollega.members.models import MemberStatus, Profile
from kollega.members.services import (
    profile_completeness,
    profile_remove_photo,
    profile_set_photo,
    profile_update,
    user_set_language,
)


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; for a signed-in member also remember it as their choice."""
    language = request.POST.get("language", "")
    if request.method == "POST" and isinstance(request.user, User):
        # An unknown language is ignored, as Django's own view does.
        with contextlib.suppress(ValidationError):
            user_set_language(user=request.user, language=language)
    return django_set_language(request)


# --- profile --------------------------------------------------------------------------------


def _profile_of(user: User) -> Profile | None:
    return Profile.objects.filter(user=user).prefetch_related("interests").first()


def _render_profile_edit(
    request: HttpRequest,
    user: User,
    *,
    form: ProfileForm | None = None,
    photo_form: PhotoForm | None = None,
    status: int = 200,
) -> HttpResponse:
    profile = _profile_of(user)
    members = list(
        user.memberships_in_spaces.filter(status=MemberStatus.ACTIVE).select_related("space")
    )
    context = {
        "form": form or ProfileForm(initial=ProfileForm.initial_for(user=user, profile=profile)),
        "photo_form": photo_form or PhotoForm(),
        "profile": profile,
        "has_photo": bool(profile and profile.photo),
        "photo_version": str(int(profile.updated_at.timestamp())) if profile else "",
        "completeness": profile_completeness(profile=profile or Profile(user=user)),
        "members": members,
        "initials": "".join(part[0] for part in user.full_name.split()[:2]).upper() or "?",
    }
    return render(request, "accounts/profile_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    """Edit one's own profile and choose who sees each field."""
    user = _user(request)
    if request.method == "GET":
        return _render_profile_edit(request, user)
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            profile_update(user=user, actor=user, **form.service_fields())
        except ValidationError as error:
            apply_service_errors(form, error, {"visibility": None})
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile_edit")
    return _render_profile_edit(request, user, form=form, status=400)


@login_required
@require_POST
def photo_upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            profile_set_photo(user=user, actor=user, upload=form.cleaned_data["photo"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your photo is saved."))
            return redirect("accounts:profile_edit")
    return _render_profile_edit(request, user, photo_form=form, status=400)


@login_required
@require_POST
def photo_remove(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    profile_remove_photo(user=user, actor=user)
    messages.success(request, _("Your photo is removed."))
    return redirect("accounts:profile_edit")


# --- settings -------------------------------------------------------------------------------


def _is_staff(user: User) -> bool:
    return staff_spaces(user=user).exists()


def _render_settings(
    request: HttpRequest,
    user: User,
    *,
    language_form: LanguageForm | None = None,
    token_form: ApiTokenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    is_staff = _is_staff(user)
    context = {
        "language_form": language_form
        or LanguageForm(
            initial={"preferred_language": user.preferred_language or translation.get_language()}
        ),
        "is_staff": is_staff,
        "token_form": token_form or ApiTokenForm(),
        "tokens": list(user.api_tokens.order_by("-created_at")) if is_staff else [],
    }
    return render(request, "accounts/settings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """Language, password, API tokens (staff) and a copy of one's data."""
    user = _user(request)
    if request.method == "GET":
        return _render_settings(request, user)
    form = LanguageForm(request.POST)
    if form.is_valid():
        language = form.cleaned_data["preferred_language"]
        try:
            user_set_language(user=user, language=language)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            translation.activate(language)
            messages.success(request, _("Your language is saved."))
            response = redirect("accounts:settings")
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
            return response
    return _render_settings(request, user, language_form=form, status=400)


def _staff_user(request: HttpRequest) -> User:
    """API tokens are for staff only; for anyone else the pages do not exist."""
    user = _user(request)
    if not _is_staff(user):
        raise Http404
    return user


@never_cache
@login_required
@require_POST
def api_token_new(request: HttpRequest) -> HttpResponse:
    """Create a token and show its secret this once; only its hash is kept."""
    user = _staff_user(request)
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = api_token_create(user=user, name=form.cleaned_data["name"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            # never_cache makes this page no-store: the secret is not kept anywhere.
            return render(
                request, "accounts/api_token_created.html", {"token": token, "secret": secret}
            )
    return _render_settings(request, user, token_form=form, status=400)


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    user = _staff_user(request)
    token = get_object_or_404(ApiToken, pk=token_id, user=user)
    api_token_revoke(token=token, actor=user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:settings")


@never_cache
@login_required
def data_export(request: HttpRequest) -> JsonResponse:
    """Download everything Kollega holds about me, as JSON."""
    user = _user(request)
    response = JsonResponse(
        user_data_export(user=user), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    filename = f"kollega-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
