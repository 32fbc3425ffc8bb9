"""Reads of API tokens: a user's own list, and the user a presented token stands for."""

from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import ApiToken
from .services import TOKEN_PREFIX, token_digest

# Recording every use would write on every request: the time is refreshed at most this often.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_TOKEN_LENGTH = 128


def user_tokens(user: Any) -> QuerySet[ApiToken]:
    """The user's tokens, usable ones first, newest first."""
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")


def token_user(plaintext: str) -> Any:
    """The active user the token belongs to if it is usable now (and note its use); else None."""
    if not plaintext.startswith(TOKEN_PREFIX) or len(plaintext) > MAX_TOKEN_LENGTH:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.filter(ApiToken.usable_q(now), digest=token_digest(plaintext), user__is_active=True)
        .select_related("user", "user__member")
        .first()
    )
    if token is None:
        return None
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    return token.user
