"""One error shape for the whole API, and the handlers that produce it.

Every error answer is JSON: ``{"message": str, "detail": [{"field": str | null,
"message": str}]}``. ``message`` is a sentence to show a person; ``detail`` names each
offending field (``null`` for errors about the request as a whole). Validation errors
(422) come from our services (django ``ValidationError``) or from the request not
matching the schema (ninja); both name the field as the client sent it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

if TYPE_CHECKING:
    from ninja import NinjaAPI

# Where ninja puts a parameter ("body", "query", "path", ...) and the body argument's name:
# neither is part of the field name a client sent.
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}
_BODY_ARGUMENT = "payload"


class FieldError(Schema):
    field: str | None
    message: str


class ErrorOut(Schema):
    """Every error answer of the API."""

    message: str
    detail: list[FieldError]


# For `response=` of every operation, so the error shape is in the OpenAPI schema.
ERRORS: dict[int, type[ErrorOut]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
}


def _respond(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    message: str,
    detail: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    return api.create_response(
        request, {"message": str(message), "detail": detail or []}, status=status
    )


def _summary(detail: list[dict[str, Any]]) -> str:
    if len(detail) == 1:
        return str(detail[0]["message"])
    return gettext("The request has %(count)d problems; see detail.") % {"count": len(detail)}


def _field_from_loc(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = list(loc)
    if parts and parts[0] in _LOCATIONS:
        location = parts.pop(0)
        if location == "body" and parts and parts[0] == _BODY_ARGUMENT:
            parts.pop(0)
    return ".".join(str(part) for part in parts) or None


def django_validation_detail(exc: DjangoValidationError) -> list[dict[str, Any]]:
    """A service's ValidationError as a list of field errors (non-field errors: field None)."""
    if hasattr(exc, "error_dict"):
        return [
            {"field": None if field == "__all__" else field, "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": None, "message": str(message)} for message in exc.messages]


def ninja_validation_detail(exc: NinjaValidationError) -> list[dict[str, Any]]:
    detail = []
    for error in exc.errors:
        if "loc" in error:
            message = str(error.get("msg", ""))
            if error.get("type") == "value_error":  # our own validators: no pydantic prefix
                message = message.removeprefix("Value error, ")
            field = _field_from_loc(error["loc"])
            if field is None and error.get("type") == "missing":
                message = gettext("Send the request's data as a JSON body.")
            detail.append({"field": field, "message": message})
        else:  # e.g. {"cursor": "Invalid Cursor"}
            detail.extend({"field": key, "message": str(value)} for key, value in error.items())
    return detail


def register_exception_handlers(api: NinjaAPI) -> None:
    # ninja types a handler's exception as `X | type[X]`; each handler takes `object` and
    # narrows it.
    def on_django_validation_error(request: HttpRequest, exc: object) -> HttpResponse:
        assert isinstance(exc, DjangoValidationError)
        detail = django_validation_detail(exc)
        return _respond(api, request, 422, _summary(detail), detail)

    def on_ninja_validation_error(request: HttpRequest, exc: object) -> HttpResponse:
        assert isinstance(exc, NinjaValidationError)
        detail = ninja_validation_detail(exc)
        return _respond(api, request, 422, _summary(detail), detail)

    def on_permission_denied(request: HttpRequest, exc: object) -> HttpResponse:
        message = str(exc) or gettext("You are not allowed to do this.")
        return _respond(api, request, 403, message)

    def on_not_found(request: HttpRequest, exc: object) -> HttpResponse:
        return _respond(api, request, 404, gettext("Not found."))

    def on_authentication_error(request: HttpRequest, exc: object) -> HttpResponse:
        message = gettext("Sign in, or send a personal API token as “Authorization: Bearer klg_…”.")
        return _respond(api, request, 401, message)

    def on_http_error(request: HttpRequest, exc: object) -> HttpResponse:
        assert isinstance(exc, HttpError)
        message = str(exc)
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            message = gettext("The request body is not valid JSON.")
        elif exc.status_code == 403 and message == "CSRF check Failed":
            message = gettext(
                "The CSRF check failed: with session sign-in, send the X-CSRFToken header."
            )
        return _respond(api, request, exc.status_code, message)

    api.add_exception_handler(DjangoValidationError, on_django_validation_error)
    api.add_exception_handler(NinjaValidationError, on_ninja_validation_error)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(ObjectDoesNotExist, on_not_found)
    api.add_exception_handler(AuthenticationError, on_authentication_error)
    api.add_exception_handler(HttpError, on_http_error)
