from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language as django_set_language

from kollega.members.services import user_set_language


def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; for a signed-in member also remember it as their choice."""
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated:
        try:
            user_set_language(user=request.user, language=language)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - an unknown language is ignored, as Django does
            pass
    return django_set_language(request)


def settings_page(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def profile_edit(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
