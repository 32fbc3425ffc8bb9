"""Errors as JSON with proper codes and Vietnamese messages: {"detail": …} for every error, plus
{"errors": {field: [messages]}} for a 422.

Pydantic's English messages are replaced by our own per error type; a rule of the services (the
self-review's) keeps its own translated message.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tusoi.core.denials import record_denial

BODY_PARAM = "payload"  # every operation names its body parameter so; dropped from error keys


def not_found_message() -> str:
    return pgettext("api", "Not found.")


def _messages(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    simple = {
        "missing": pgettext("api", "This field is required."),
        "int_parsing": _("Expected a whole number."),
        "int_type": _("Expected a whole number."),
        "int_from_float": _("Expected a whole number."),
        "bool_parsing": _("Expected true or false."),
        "bool_type": _("Expected true or false."),
        "string_type": _("Expected a text."),
        "dict_type": _("Expected a JSON object."),
        "model_type": _("Expected a JSON object."),
        "model_attributes_type": _("Expected a JSON object."),
        "list_type": _("Expected a list."),
        "json_invalid": _("The body is not valid JSON."),
        "extra_forbidden": _("Unknown field."),
        "date_from_datetime_parsing": _("Expected a date (YYYY-MM-DD)."),
        "date_parsing": _("Expected a date (YYYY-MM-DD)."),
        "date_type": _("Expected a date (YYYY-MM-DD)."),
    }
    if kind in simple:
        return simple[kind]
    if kind in ("literal_error", "enum"):
        return _("Not one of the allowed values: %(values)s.") % {"values": ctx.get("expected", "")}
    if kind in ("greater_than_equal", "greater_than"):
        return _("Must be at least %(n)s.") % {"n": ctx.get("ge", ctx.get("gt", ""))}
    if kind in ("less_than_equal", "less_than"):
        return _("Must be at most %(n)s.") % {"n": ctx.get("le", ctx.get("lt", ""))}
    if kind == "string_too_long":
        return _("At most %(n)s characters.") % {"n": ctx.get("max_length", "")}
    if kind == "string_too_short":
        return _("At least %(n)s characters.") % {"n": ctx.get("min_length", "")}
    if kind == "too_long":
        return _("At most %(n)s items.") % {"n": ctx.get("max_length", "")}
    if kind == "value_error" and ctx.get("error"):
        return str(ctx["error"])
    return _("Invalid value.")


def _key(loc: Iterable[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts[:1] == ["body"]:
        parts = parts[1:]
        if parts[:1] == [BODY_PARAM]:
            parts = parts[1:]
    elif parts[:1] in (["query"], ["path"], ["header"], ["cookie"]):
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def validation_body(errors: dict[str, list[str]]) -> dict[str, Any]:
    """The body of a 422: a summary and the messages per field."""
    return {"detail": _("The request is not valid: see the messages per field."), "errors": errors}


def _on_validation_error(api: NinjaAPI, request: HttpRequest, exc: Any) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = error.get("loc") or ()
        message = _messages(error)
        messages = errors.setdefault(_key(loc), [])
        if message not in messages:
            messages.append(message)
    return api.create_response(request, validation_body(errors), status=422)


def _on_http_error(api: NinjaAPI, request: HttpRequest, exc: Any) -> HttpResponse:
    if isinstance(exc, AuthenticationError):
        message = exc.message
        if message == "Unauthorized":  # ninja's own: no credentials at all
            message = _("Authentication required: log in, or send the header Authorization: Bearer <token>.")
        response = api.create_response(request, {"detail": message}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="tusoi"'
        return response
    if exc.status_code == 400:  # ninja's "Cannot parse request body"
        return api.create_response(request, {"detail": _("The body is not valid JSON.")}, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _on_not_found(api: NinjaAPI, request: HttpRequest, exc: Any) -> HttpResponse:
    record_denial(request, 404)
    return api.create_response(request, {"detail": not_found_message()}, status=404)


def _on_permission_denied(api: NinjaAPI, request: HttpRequest, exc: Any) -> HttpResponse:
    record_denial(request, 403)
    return api.create_response(request, {"detail": _("You may not do this.")}, status=403)


def install_error_handlers(api: NinjaAPI) -> None:
    api.add_exception_handler(ValidationError, lambda r, e: _on_validation_error(api, r, e))
    api.add_exception_handler(HttpError, lambda r, e: _on_http_error(api, r, e))
    api.add_exception_handler(Http404, lambda r, e: _on_not_found(api, r, e))
    api.add_exception_handler(PermissionDenied, lambda r, e: _on_permission_denied(api, r, e))
