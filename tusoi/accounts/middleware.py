"""Second factor: users whose role requires TOTP reach nothing but enrolment and verification
until they have verified a device in this session."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tusoi.policy import requires_second_factor

_OPEN_PREFIXES = ("/static/", "/i18n/")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[attr-defined]  # added by django_otp's middleware
            and not request.path.startswith((*_OPEN_PREFIXES, reverse("accounts:otp_root"), reverse("accounts:logout")))
            and requires_second_factor(user)
        ):
            return redirect(f"{reverse('accounts:otp_verify')}?next={request.get_full_path()}")
        return self.get_response(request)
