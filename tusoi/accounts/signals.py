"""Audit rows for logins, failed logins, lockouts and logouts.

Connected in `AccountsConfig.ready()` to Django's auth signals (and django-axes' lockout signal):
they fire for every way in (this app's login page and the admin's), which is why a signal is the
right hook here. Only the username and address are kept, as data; never the password.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from tusoi.core.audit import audit_record

from .selectors import user_audit_place

_MAX_USERNAME = 150


def _client(request: HttpRequest | None) -> dict[str, str]:
    if request is None:
        return {}
    address = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")
    return {"ip": str(address)[:64]}


def _account(username: str) -> Any:
    """The account a typed user name names, if any (its committee sees the failures against it)."""
    if not username:
        return None
    return get_user_model().objects.filter(username=username).select_related("member__branch").first()


def on_logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action="auth.login", obj=user, detail=_client(request), **user_audit_place(user))


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Stored as a JSON value (never formatted into a log line): control characters stay inert.
    username = str(credentials.get("username", ""))[:_MAX_USERNAME]
    place = user_audit_place(_account(username))
    audit_record(actor=None, action="auth.login_failed", detail={"username": username, **_client(request)}, **place)


def on_logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, action="auth.logout", obj=user, detail=_client(request), **user_audit_place(user))


def on_locked_out(sender: Any, request: HttpRequest, username: str | None, **kwargs: Any) -> None:
    detail = {"username": str(username or "")[:_MAX_USERNAME], **_client(request)}
    audit_record(actor=None, action="auth.locked_out", detail=detail, **user_audit_place(_account(detail["username"])))
