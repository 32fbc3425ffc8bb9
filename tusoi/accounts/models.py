"""User accounts. A user is linked to at most one party member; what they may do comes from that
member's committee roles (see `tusoi.policy`), except the administrator's organisation rights."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. `member` links it to the party member it belongs to (none for a pure administrator)."""

    member = models.OneToOneField(
        "org.Member",
        verbose_name=_("party member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
