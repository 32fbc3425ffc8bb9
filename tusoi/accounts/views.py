"""Logging in and out, the second factor (TOTP and recovery codes), and changing the password.

Access here is about the signed-in user's own account only: each view acts on `request.user`.
Whether a second factor is required comes from `tusoi.policy.requires_second_factor` (through
`middleware.second_factor_pending`).
"""

from typing import Any

import django_otp
import segno
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import CodeForm, LoginForm, PasswordChangeBootstrapForm
from .middleware import ENROLLED_SESSION_KEY, is_verified, otp_verify_url, second_factor_pending
from .templatetags.accounts_tags import in_minutes

# Recovery codes just generated, kept in the session only until the next page shows them once.
_FRESH_CODES_SESSION_KEY = "tusoi_fresh_recovery_codes"


def _next_url(request: HttpRequest) -> str:
    """The `next` parameter if it points into this site, else the home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url("core:home")


def _with_next(view_name: str, next_url: str) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': next_url})}"


def _mark_verified(request: HttpRequest, device: Any) -> None:
    """Record the verified device in the session; a new session key for the raised privilege."""
    django_otp.login(request, device)
    request.session[ENROLLED_SESSION_KEY] = True
    request.session.cycle_key()


class TusoiLoginView(LoginView):
    """Username and password; then, for whom it applies, the second factor."""

    form_class = LoginForm
    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["failure_limit"] = settings.AXES_FAILURE_LIMIT
        context["cooloff_minutes"] = in_minutes(get_cool_off(self.request))
        return context

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        if selectors.has_usable_second_factor(form.get_user()):
            self.request.session[ENROLLED_SESSION_KEY] = True
        if second_factor_pending(self.request):
            return redirect(otp_verify_url(self.get_success_url()))
        return response


class TusoiLogoutView(LogoutView):
    """Log out (POST only: Django answers a GET with 405)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have logged out."))
        return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the authenticator code or a recovery code; enrolment first for a user without one."""
    next_url = _next_url(request)
    user = request.user
    if is_verified(user):
        return redirect(next_url)
    if not selectors.has_usable_second_factor(user):
        # Nothing to verify (never enrolled, or the administrator removed the device): the role
        # alone decides whether the user must set one up now.
        request.session.pop(ENROLLED_SESSION_KEY, None)
        if second_factor_pending(request):
            return redirect(_with_next("accounts:otp_enrol", next_url))
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = services.second_factor_verify(user=user, code=form.cleaned_data["code"])
        if outcome.device is not None:
            _mark_verified(request, outcome.device)
            if outcome.method == "recovery":
                _warn_recovery_used(request)
            return redirect(next_url)
        form.add_error("code", _wrong_code_message(outcome.retry_at))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


def _wrong_code_message(retry_at: Any) -> str:
    if retry_at is not None:
        return _("Too many wrong codes. Please wait until %(time)s and try again.") % {
            "time": date_format(localtime(retry_at), "H:i:s")
        }
    return _("The code is not correct. Check the code in your authenticator app (it changes every 30 seconds).")


def _warn_recovery_used(request: HttpRequest) -> None:
    left = selectors.recovery_codes_remaining(request.user)
    messages.warning(
        request,
        _(
            "You signed in with a recovery code; it cannot be used again. Recovery codes left: %(left)d. "
            "Generate new ones on the two-step verification page if you are running out."
        )
        % {"left": left},
    )


def _qr_svg(data: str) -> SafeString:
    svg = segno.make(data, error="m").svg_inline(scale=4, border=2, omitsize=True, svgclass="otp-qr")
    # Generated here from the device URL (segno draws it as paths, no user text): safe to inline.
    return mark_safe(svg)  # noqa: S308


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code (or type the secret), confirm with a code.

    A user who already has a second factor must verify it first: knowing the password alone must
    never be enough to replace it.
    """
    next_url = _next_url(request)
    user = request.user
    if selectors.has_usable_second_factor(user) and not is_verified(user):
        return redirect(otp_verify_url(next_url))
    device = services.totp_device_pending(user=user)
    form = CodeForm(request.POST or None, digits_only=True)
    if request.method == "POST" and form.is_valid():
        outcome = services.totp_device_confirm(device=device, token=form.cleaned_data["code"])
        if outcome.device is not None:
            _mark_verified(request, outcome.device)
            request.session[_FRESH_CODES_SESSION_KEY] = services.recovery_codes_regenerate(user=user)
            messages.success(request, _("Two-step verification is now on for your account."))
            return redirect(_with_next("accounts:otp_recovery_codes", next_url))
        form.add_error("code", _wrong_code_message(outcome.retry_at))
    secret = services.totp_secret_base32(device)
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": _qr_svg(device.config_url),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "replacing": selectors.totp_device_confirmed(user) is not None,
    }
    return render(request, "accounts/otp_enrol.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show freshly generated recovery codes once; POST generates a new set (verified sessions only)."""
    user = request.user
    next_url = _next_url(request)
    if not selectors.has_usable_second_factor(user):
        return redirect("accounts:otp_root")
    if not is_verified(user):
        return redirect(otp_verify_url(request.get_full_path()))
    if request.method == "POST":
        request.session[_FRESH_CODES_SESSION_KEY] = services.recovery_codes_regenerate(user=user)
        messages.success(request, _("New recovery codes were generated. The old ones no longer work."))
        return redirect(_with_next("accounts:otp_recovery_codes", next_url))
    context = {
        "codes": request.session.pop(_FRESH_CODES_SESSION_KEY, None),
        "remaining": selectors.recovery_codes_remaining(user),
        "next": next_url,
    }
    return render(request, "accounts/recovery_codes.html", context)


@never_cache
@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The two-step verification page: its state for this account and what can be done."""
    user = request.user
    has_factor = selectors.has_usable_second_factor(user)
    if has_factor and not is_verified(user):
        return redirect(otp_verify_url(request.get_full_path()))
    if not has_factor and second_factor_pending(request):
        return redirect(_with_next("accounts:otp_enrol", reverse("accounts:otp_root")))
    context = {
        "device": selectors.totp_device_confirmed(user),
        "remaining": selectors.recovery_codes_remaining(user),
        "has_factor": has_factor,
    }
    return render(request, "accounts/security.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Old password, new password twice. Keeps this session, ends the others, tells the user."""
    form = PasswordChangeBootstrapForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_password_change(
                user=form.user,
                new_password=form.cleaned_data["new_password1"],
                keep_session_key=request.session.session_key,
            )
        except ValidationError as error:
            form.add_error("new_password1", error)
        else:
            update_session_auth_hash(request, form.user)
            messages.success(
                request, _("Your password was changed. Any other sessions of your account have been logged out.")
            )
            return redirect("accounts:password_change")
    context = {"form": form, "has_factor": selectors.has_usable_second_factor(request.user)}
    return render(request, "accounts/password_change.html", context)
