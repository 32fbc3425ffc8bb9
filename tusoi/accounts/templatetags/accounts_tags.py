"""Template helpers for the account pages."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def retry_at(cool_off: timedelta | None) -> datetime | None:
    """When a lockout that starts now ends. django-axes restarts the cool-off at every refused
    attempt, so "now + cool-off" is the honest answer on the page that reports the refusal."""
    return timezone.now() + cool_off if cool_off else None


@register.filter
def in_minutes(cool_off: timedelta | None) -> int:
    """A cool-off period in whole minutes (rounded up)."""
    if not cool_off:
        return 0
    return -(-int(cool_off.total_seconds()) // 60)
