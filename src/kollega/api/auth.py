"""The two ways to call the API: a personal API token, or the browser's session."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from kollega.accounts.models import User
from kollega.accounts.services import api_token_authenticate


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer klg_…` with a personal API token (created in account settings)."""

    openapi_bearerFormat = "klg_…"
    openapi_description = (
        "A personal API token, created and revoked under Account settings → Personal API tokens. "
        "Send it as `Authorization: Bearer klg_…`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(secret=token.strip())
        if user is not None:
            request.user = user
        return user


class SessionCsrfAuth(SessionAuth):
    """The signed-in browser session. Unsafe methods must carry the CSRF token
    (X-CSRFToken header); an anonymous caller gets 401, not a CSRF error."""

    openapi_description = (
        "The browser session of a signed-in user (cookie). POST, PATCH and DELETE also need "
        "the CSRF token in the X-CSRFToken header."
    )

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        if not request.user.is_authenticated:
            return None
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if self.csrf and not exempt and check_csrf(request) is not None:
            raise HttpError(403, "CSRF check Failed")
        return cast(User, request.user)


api_token_auth = ApiTokenAuth()
session_auth = SessionCsrfAuth()
