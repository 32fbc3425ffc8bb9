"""How an API request is authenticated: a personal token (`Authorization: Bearer <token>`) or the
browser session (with the CSRF token on unsafe methods, as for any form of the site).

A token is created only from a session that has passed the second factor when the user's role needs
one, so a token request is not asked for the second factor again. A session that still owes its
second factor gets nothing here (the second-factor middleware already turns it away first).
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from tusoi.accounts.middleware import second_factor_pending

from .selectors import token_user


class TokenAuth(HttpBearer):
    """A personal API token. A token that is unknown, expired or revoked answers 401 at once, even if
    the request also carries a session cookie: a client that sent a token meant to use it."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token.strip())
        if user is None:
            raise AuthenticationError(message=_("The API token is invalid, expired or revoked."))
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods must carry the CSRF token (X-CSRFToken)."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        user = request.user
        if not user.is_authenticated or second_factor_pending(request):
            return None  # no usable session: 401, never a CSRF complaint to an anonymous client
        if check_csrf(request) and not getattr(request, "_ninja_csrf_exempt", False):
            raise HttpError(403, _("The CSRF check failed: send the X-CSRFToken header with a session."))
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover - see __call__
        return None


def request_user(request: HttpRequest) -> Any:
    """The authenticated user of an API operation."""
    return request.auth  # type: ignore[attr-defined]
