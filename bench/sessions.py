"""Signed-in sessions for the bench's users, written straight into the session table (the bench
measures submitting, not logging in: a login costs a password hash and is not part of the target),
and the CSRF pair every request carries: the cookie's secret, and the same secret in the form."""

import secrets
import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

# Django accepts the unmasked 32-character secret in the form as well as a masked token.
CSRF_SECRET = "benchCsrfSecret0123456789abcdefg"  # noqa: S105 - a CSRF pair for the bench, not a secret
BACKEND = "tusoi.accounts.backends.AccountBackend"  # the password backend in settings


def write_sessions(users: Sequence[Any], otp_device_ids: dict[int, str] | None = None) -> dict[int, str]:
    """A fresh signed-in session per user (second factor verified where a device id is given);
    returns {user id: session key}."""
    now = int(time.time())
    store = SessionStore()
    expire = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    keys: dict[int, str] = {}
    rows = []
    for user in users:
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: BACKEND,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
            "_tusoi_started": now,
            "_tusoi_seen": now,
        }
        if otp_device_ids and user.pk in otp_device_ids:
            data["otp_device_id"] = otp_device_ids[user.pk]
        key = secrets.token_hex(16)
        keys[user.pk] = key
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
    Session.objects.bulk_create(rows, batch_size=1000)
    return keys


def cookie_header(session_key: str) -> str:
    return f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={CSRF_SECRET}"
