"""Writes for API tokens: create (the plaintext is returned once and never stored) and revoke.

Each leaves an audit row; neither the token nor its digest goes into the log.
"""

import hashlib
import secrets
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tusoi.core.audit import audit_record

from .models import ApiToken

TOKEN_PREFIX = "tsi_"  # noqa: S105 - a public marker that starts every token, not a secret
SHOWN_PREFIX_LENGTH = 12  # "tsi_" and 8 random characters: enough to tell tokens apart, useless alone
MAX_USABLE_TOKENS = 20


def token_digest(plaintext: str) -> str:
    """SHA-256 of the token: the token has 256 random bits, so a fast hash is enough (no salt)."""
    return hashlib.sha256(plaintext.encode("utf-8", "surrogatepass")).hexdigest()


def new_token_plaintext() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def api_token_create(*, user: Any, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """Create a token for `user`; return it with its plaintext, which exists only in this answer."""
    name = " ".join((name or "").split())
    now = timezone.now()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the token a name (what it is for).")
    if expires_at is not None and expires_at <= now:
        errors["expires_at"] = _("The expiry must be in the future.")
    usable = ApiToken.objects.select_for_update().filter(ApiToken.usable_q(now), user=user)
    if len(usable) >= MAX_USABLE_TOKENS:
        errors["__all__"] = _("You already have %(n)s usable tokens: revoke one first.") % {"n": MAX_USABLE_TOKENS}
    if errors:
        raise ValidationError(errors)
    plaintext = new_token_plaintext()
    token = ApiToken(
        user=user,
        name=name,
        prefix=plaintext[:SHOWN_PREFIX_LENGTH],
        digest=token_digest(plaintext),
        created_at=now,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=user,
        action="api_token.create",
        obj=token,
        detail={"name": token.name, "expires_at": expires_at.isoformat() if expires_at else None},
    )
    return token, plaintext


def api_tokens_revoke_all(*, user: Any) -> int:
    """Revoke every usable token of `user` (on a password change: a stolen credential must not
    outlive it). Returns how many were revoked."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: Any) -> ApiToken:
    """Revoke a token (idempotent: revoking a revoked token changes nothing and logs nothing)."""
    now = timezone.now()
    if ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now):
        token.revoked_at = now
        audit_record(actor=actor, action="api_token.revoke", obj=token, detail={"name": token.name})
    return ApiToken.objects.get(pk=token.pk)
