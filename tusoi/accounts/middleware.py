"""Second factor: users whose role requires TOTP, and users who chose to enrol, reach nothing but
enrolment, verification and logout until they have verified a device in this session."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from tusoi.policy import is_public_path, requires_second_factor

_OPEN_PREFIXES = ("/static/", "/i18n/")
# Set at login for a user who has a second factor although their role does not require one.
ENROLLED_SESSION_KEY = "tusoi_second_factor_enrolled"


def is_verified(user: Any) -> bool:
    """True if this session has verified a second factor (django-otp's middleware adds the check;
    a user object fresh from `login()` has not got it yet and is not verified)."""
    check = getattr(user, "is_verified", None)
    return bool(check is not None and check())


def second_factor_pending(request: HttpRequest) -> bool:
    """True if the signed-in user must verify (or first set up) a second factor before going on."""
    user = request.user
    if not user.is_authenticated or is_verified(user):
        return False
    return bool(request.session.get(ENROLLED_SESSION_KEY)) or requires_second_factor(user)


def otp_verify_url(next_url: str) -> str:
    return f"{reverse('accounts:otp_verify')}?{urlencode({'next': next_url})}"


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and not request.path.startswith((*_OPEN_PREFIXES, reverse("accounts:otp_root"), reverse("accounts:logout")))
            and second_factor_pending(request)
            and not is_public_path(request.path_info)  # the public bulletin (policy.PUBLIC_URL_NAMES)
        ):
            if request.headers.get("HX-Request") == "true":
                # An htmx partial must not swap the verification page into a fragment: reload fully.
                current = urlsplit(request.headers.get("HX-Current-URL", "/"))
                path = f"{current.path}?{current.query}" if current.query else current.path
                return HttpResponseClientRedirect(otp_verify_url(path or "/"))
            return redirect(otp_verify_url(request.get_full_path()))
        return self.get_response(request)
