"""Cross-cutting protections applied to every response (OWASP ASVS level 2, issue 8).

- A request id on every request, in the logs and on the error page, so a user can quote it.
- Content-Security-Policy: scripts and styles from this site only (no inline script); the Permissions-Policy.
- `Cache-Control: no-store` on everything served to a signed-in user and on every download: personal
  pages and exports must never sit in a shared or browser cache.
- Sessions end after 30 minutes idle and 12 hours after log-in, whatever the activity.
"""

import contextvars
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

Handler = Callable[[HttpRequest], HttpResponse]

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Style attributes only (a progress bar's width); never <style> elements or scripts.
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class RequestIdMiddleware:
    """Give each request an id (`request.request_id`, header `X-Request-ID`) for logs and error pages."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex[:16]
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class SecurityHeadersMiddleware:
    """CSP, Permissions-Policy, and no caching of anything personal."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        is_download = response.has_header("Content-Disposition")
        if (getattr(request, "user", None) is not None and request.user.is_authenticated) or is_download:
            patch_cache_control(response, no_store=True, private=True)
        return response


def stamp_session_at_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Start the idle and absolute clocks when the session begins (connected in CoreConfig.ready),
    so ordinary requests need not write the session."""
    now = int(time.time())
    request.session["_tusoi_started"] = now
    request.session["_tusoi_seen"] = now


class SessionExpiryMiddleware:
    """End a signed-in session after `TUSOI_SESSION_IDLE_SECONDS` without a request, and
    `TUSOI_SESSION_ABSOLUTE_SECONDS` after it began, whatever the activity."""

    # Refresh the last-seen time at most this often, so most requests do not write the session.
    TOUCH_EVERY = 60

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("_tusoi_started", now)
            last_seen = session.get("_tusoi_seen", now)
            idle = now - last_seen > settings.TUSOI_SESSION_IDLE_SECONDS
            expired = now - started > settings.TUSOI_SESSION_ABSOLUTE_SECONDS
            if idle or expired:
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                target = f"{resolve_url(settings.LOGIN_URL)}?next={quote(request.get_full_path())}"
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = target
                    return response
                return redirect(target)
            if now - last_seen >= self.TOUCH_EVERY or "_tusoi_seen" not in session:
                session["_tusoi_seen"] = now
        return self.get_response(request)


_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def _fold_breaks(value: object) -> object:
    return value.replace("\r", "\\r").replace("\n", "\\n") if isinstance(value, str) else value


class RequestIdLogFilter(logging.Filter):
    """Adds `request_id` to log records, and folds line breaks in messages (no log injection)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        record.msg = _fold_breaks(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_fold_breaks(a) for a in record.args)
        return True
