"""Helpers for the accounts tests: log in through the real page, compute authenticator codes."""

import time
from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tusoi.testing import PASSWORD

LOGIN = reverse("accounts:login")
HOME = reverse("core:home")
VERIFY = reverse("accounts:otp_verify")
ENROL = reverse("accounts:otp_enrol")
CODES = reverse("accounts:otp_recovery_codes")


def login(username: str, password: str = PASSWORD, client: Client | None = None, **data: Any) -> tuple[Client, Any]:
    """POST the login form like a browser would; return the client and the response."""
    client = client or Client()
    response = client.post(LOGIN, {"username": username, "password": password, **data})
    return client, response


def next_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows now, never one the device has already accepted."""
    device.refresh_from_db()
    now_t = (int(time.time()) - device.t0) // device.step
    return f"{hotp(device.bin_key, max(now_t, device.last_t + 1), device.digits):0{device.digits}d}"


def enrol(client: Client, user: Any) -> list[str]:
    """Go through enrolment on `client` (already logged in); return the recovery codes shown."""
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(ENROL, {"code": next_code(device), "next": HOME})
    assert response.status_code == 302, response.content
    return list(client.get(CODES).context["codes"])


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session
