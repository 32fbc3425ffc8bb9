"""Writes for accounts: the TOTP second factor, recovery codes and passwords.

Every change leaves an audit row ("auth.*"). Secrets (passwords, TOTP keys, recovery codes) never
go into the audit log.
"""

import re
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, password_validation
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tusoi.core.audit import audit_record

from .selectors import user_audit_place

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
_TOTP_RE = re.compile(r"^\d{6}$")
_LOOKALIKES = str.maketrans("018", "olb")
# Session engines whose sessions live in the database and can be listed (see `user_sessions_end`).
_LISTABLE_SESSION_ENGINES = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")


@dataclass(frozen=True)
class VerifyOutcome:
    """The result of a second-factor check: the device that accepted the code, or why none did."""

    device: Device | None
    method: str = ""  # "totp" or "recovery"
    retry_at: datetime | None = None  # set when every device refused because of throttling


# --- TOTP devices -------------------------------------------------------------------------------


def totp_device_create(*, user: Any) -> TOTPDevice:
    """Create a new, unconfirmed TOTP device with a random 20-byte key for `user`.

    An unconfirmed device verifies nothing at login; `totp_device_confirm` makes it usable.
    """
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    device.full_clean()
    device.save()
    return device


def totp_device_pending(*, user: Any) -> TOTPDevice:
    """The user's unconfirmed TOTP device, created if there is none.

    Reusing the pending device keeps the QR code and secret stable when the enrolment page is
    reloaded (the user may already have scanned it).
    """
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return pending if pending is not None else totp_device_create(user=user)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> VerifyOutcome:
    """Check a 6-digit `token` against the pending `device`; if it matches, confirm the device.

    Confirming replaces any other TOTP device of the same user (one authenticator per account).
    A wrong token counts as a failure for django-otp's throttling; while throttled nothing is
    checked and the outcome's `retry_at` says when to try again. The outcome's `device` is the
    confirmed device, or None.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    token = normalize_code(token)
    allowed, info = device.verify_is_allowed()
    if not allowed:
        return VerifyOutcome(device=None, method="totp", retry_at=(info or {}).get("locked_until"))
    if _TOTP_RE.match(token):
        confirmed = device.verify_token(token)  # counts a failure itself
    else:
        device.throttle_increment()
        confirmed = False
    if not confirmed:
        audit_record(actor=device.user, action="auth.otp_enrol_failed", obj=device)
        return VerifyOutcome(device=None, method="totp")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    audit_record(actor=device.user, action="auth.otp_enrolled", obj=device)
    return VerifyOutcome(device=device, method="totp")


def totp_secret_base32(device: TOTPDevice) -> str:
    """The device's secret key in base32 (RFC 4648, upper case, no padding for 20-byte keys):
    the form authenticator apps accept for manual entry, and from which any TOTP library
    computes the current code (SHA1, 6 digits, 30-second step)."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


@transaction.atomic
def totp_device_create_confirmed(user: Any, *, key_hex: str) -> TOTPDevice:
    """Give `user` a confirmed TOTP device with the given secret (hex, up to 40 bytes).

    For the demo province only: its accounts are given known secrets so that scripted checks can
    compute codes (`totp_secret_base32`). Replaces the user's other TOTP devices, so calling it
    twice with the same key is harmless. Raises `ValidationError` for a key that is not hex.
    """
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, confirmed=True, key=key_hex.lower())
    device.full_clean()
    device.save()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    audit_record(actor=None, action="auth.otp_enrolled", obj=device, detail={"provisioned": True})
    return device


# --- Recovery codes -----------------------------------------------------------------------------


def normalize_code(code: str) -> str:
    """Codes are typed with spaces or dashes and in any case: compare them without."""
    return re.sub(r"[\s\-]", "", code or "").lower()


def format_recovery_code(code: str) -> str:
    """Show an 8-character recovery code as two groups ("abcd-efgh") so it is easy to copy."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


@transaction.atomic
def recovery_codes_regenerate(*, user: Any) -> list[str]:
    """Replace the user's recovery codes with `RECOVERY_CODE_COUNT` new one-time codes.

    Returns the codes in display form ("abcd-efgh"); they are shown to the user once and cannot be
    read back later. Old codes stop working immediately.
    """
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    codes: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in sorted(codes))
    audit_record(actor=user, action="auth.recovery_codes_regenerated", obj=device)
    return [format_recovery_code(code) for code in sorted(codes)]


# --- Verification -------------------------------------------------------------------------------


@transaction.atomic
def second_factor_verify(*, user: Any, code: str) -> VerifyOutcome:
    """Check a 6-digit authenticator code or a recovery code for `user`.

    Six digits are checked against the confirmed TOTP device, anything else against the recovery
    codes; an accepted recovery code is consumed. Failures count for django-otp's throttling (a
    growing delay between attempts); while throttled nothing is checked and `retry_at` says when
    to try again. Writes "auth.otp_verified" or "auth.otp_failed" to the audit log.
    """
    token = normalize_code(code)
    method = "totp" if _TOTP_RE.match(token) else "recovery"
    if method == "recovery":
        # Recovery codes are base32 (no 0, 1 or 8): read those as the letters people mistake them for.
        token = token.translate(_LOOKALIKES)
    model: type[Device] = TOTPDevice if method == "totp" else StaticDevice
    retry_at = None
    for device in model.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk"):
        allowed, info = device.verify_is_allowed()
        if not allowed:
            retry_at = (info or {}).get("locked_until")
            continue
        if device.verify_token(token):
            audit_record(actor=user, action="auth.otp_verified", obj=device, detail={"method": method})
            return VerifyOutcome(device=device, method=method)
    audit_record(actor=user, action="auth.otp_failed", detail={"method": method, "throttled": retry_at is not None})
    return VerifyOutcome(device=None, method=method, retry_at=retry_at)


# --- Passwords and sessions ---------------------------------------------------------------------


def user_sessions_end(*, user: Any, keep_session_key: str | None = None) -> int:
    """Delete every stored session of `user` except `keep_session_key`; return how many.

    Django already refuses a session whose password hash is stale, so this is the clean-up that
    makes the logout immediate and visible in the session store. It reads all unexpired sessions,
    which is fine at a province's scale; with a non-database session engine it does nothing.
    """
    if settings.SESSION_ENGINE not in _LISTABLE_SESSION_ENGINES:
        return 0
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = str(user.pk)
    ended = 0
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep_session_key or "")
    for session in sessions.only("session_key", "session_data").iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == user_id:
            store_class(session_key=session.session_key).delete()
            ended += 1
    return ended


def user_notification_email(user: Any) -> str:
    """Where to tell a user about their account: their member record's e-mail, else the login's."""
    member = user.member if user.member_id else None
    return (member.email if member is not None and member.email else "") or user.email or ""


@transaction.atomic
def user_password_change(
    *, user: Any, new_password: str, keep_session_key: str | None = None, actor: Any = None
) -> int:
    """Set a new password for `user` and end their other sessions; return how many were ended.

    The password validators run here too (at least 12 characters, not a common password…) and
    raise `ValidationError`. The session `keep_session_key` survives; the caller refreshes its auth
    hash (`update_session_auth_hash`). The user is told by e-mail once the transaction commits.
    """
    password_validation.validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    ended = user_sessions_end(user=user, keep_session_key=keep_session_key)
    # Imported here: the API builds on accounts, not the other way round.
    from tusoi.api.services import api_tokens_revoke_all

    tokens = api_tokens_revoke_all(user=user)
    address = user_notification_email(user)
    audit_record(
        actor=actor or user,
        action="auth.password_changed",
        obj=user,
        detail={"other_sessions_ended": ended, "api_tokens_revoked": tokens, "notified": bool(address)},
        **user_audit_place(user),
    )
    if address:
        transaction.on_commit(partial(_password_changed_notify, user=user, address=address, at=timezone.now()))
    return ended


def _password_changed_notify(*, user: Any, address: str, at: datetime) -> None:
    context = {"user": user, "name": user.member.full_name if user.member_id else user.get_username(), "at": at}
    send_mail(
        subject=_("[tusoi] The password of your account was changed"),
        message=render_to_string("accounts/email/password_changed.txt", context),
        from_email=None,
        recipient_list=[address],
    )
