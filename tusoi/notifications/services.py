"""Writes for notifications: in-app messages, e-mail sent when the transaction commits, read marks.

A notification names a step and links to it; callers never put self-review content in its text.
"""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notification


def email_address_for(user: Any) -> str:
    """The member's e-mail address if they have one, else the account's."""
    member = getattr(user, "member", None) if getattr(user, "member_id", None) else None
    return (member.email if member is not None else "") or user.email or ""


def email_on_commit(address: str, text: str, url: str = "") -> None:
    """Send a plain e-mail once the current transaction commits (at once outside a transaction)."""
    if not address:
        return
    link = f"{getattr(settings, 'TUSOI_SITE_URL', '')}{url}" if url else ""
    subject = _("Notice from the self-reflection, self-correction system")
    body = f"{text}\n\n{link}".strip() + "\n"
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=True))


def notify(user: Any, text: str, url: str = "", *, email: bool = True) -> Notification:
    """Give `user` an in-app notification, and by default the same text by e-mail."""
    notification = Notification(user=user, text=text[:500], url=url)
    notification.full_clean()
    notification.save()
    if email:
        email_on_commit(email_address_for(user), text, url)
    return notification


def notification_mark_read(*, user: Any, notification: Notification) -> None:
    if notification.user_id != user.pk or notification.read_at is not None:
        return
    notification.read_at = timezone.now()
    notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
