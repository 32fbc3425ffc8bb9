"""Reads for notifications: a user's own, never anyone else's."""

from typing import Any

from django.db.models import QuerySet

from .models import Notification


def user_notifications(user: Any) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count(user: Any) -> int:
    """One COUNT query on the (user, read_at) index."""
    return user_notifications(user).filter(read_at__isnull=True).count()
