"""In-app notifications, and the log that makes each automatic reminder go out once only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message for one user, shown in the app (and usually also e-mailed).

    The text must never carry personal self-review content: it names the step and links to it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return self.text


class ReminderLog(models.Model):
    """One reminder sent: (key, user) and (key, member) are unique, so a rerun never sends it twice.

    Reminders about a self-review are addressed to the member: by their account when they have one,
    otherwise by e-mail only (then `user` is empty). Manual reminders carry a time in their key and
    are rate-limited by `sent_at`.
    """

    key = models.CharField(_("reminder"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        "org.Member", verbose_name=_("member"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["key", "user"], name="reminder_once_per_user"),
            models.UniqueConstraint(fields=["key", "member"], name="reminder_once_per_member"),
        ]
        indexes = [models.Index(fields=["member", "sent_at"], name="reminder_member_sent")]

    def __str__(self) -> str:
        return self.key
