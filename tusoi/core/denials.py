"""The one place that writes refusals to the audit log (issue 8, ASVS 7.2.1 and 4.1.5).

The policy answers a denied object exactly like a missing one (404), so the log cannot tell the two
apart, and need not: a signed-in user who asks a view for an object they may not see, or that does
not exist, is probing either way. Every 404 or 403 *raised by a view* (the URL resolved) for a
signed-in user becomes one `access.denied` row; a mistyped address that resolves nowhere does not.
The HTML views reach here through `DenialAuditMiddleware`, the JSON API through its error handlers.

- No log injection: only the route's name (from the URLconf) and its arguments go in, each cut to a
  few characters without control characters, stored as JSON values and never formatted into a line.
- No flooding: at most `DENIAL_LIMIT` rows per user in `DENIAL_WINDOW`; a scripted walk over ids
  leaves its first rows, then nothing more until the window has passed.
- The row's unit is the user's own branch: their branch and the committees above it see it.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from .audit import audit_record
from .models import AuditEvent

DENIAL_ACTION = "access.denied"
DENIAL_LIMIT = 20
DENIAL_WINDOW = timedelta(minutes=10)
_MAX_ARG = 64
_MAX_ARGS = 5


def _clean(value: Any) -> str:
    text = str(value)[:_MAX_ARG]
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def record_denial(request: HttpRequest, status: int) -> AuditEvent | None:
    """Write an `access.denied` row for this refused request, unless the user's quota is spent."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    if user is None or not user.is_authenticated or match is None:
        return None
    since = timezone.now() - DENIAL_WINDOW
    if AuditEvent.objects.filter(action=DENIAL_ACTION, actor=user, at__gte=since).count() >= DENIAL_LIMIT:
        return None
    member = getattr(user, "member", None)
    branch = member.branch if member is not None else None
    args = {_clean(k): _clean(v) for k, v in list(match.kwargs.items())[:_MAX_ARGS]}
    return audit_record(
        actor=user,
        action=DENIAL_ACTION,
        unit_path=branch.path if branch is not None else "",
        detail={"route": _clean(match.view_name), "args": args, "status": status, "method": _clean(request.method)},
    )


class DenialAuditMiddleware:
    """Records the 404s and 403s that views raise (placed last, so it sees the view's exception first)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, Http404):
            record_denial(request, 404)
        elif isinstance(exception, PermissionDenied):
            record_denial(request, 403)
