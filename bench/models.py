"""The framework floor's table: one row per request of the floor view (created with
`migrate --run-syncdb`, never part of the product's migrations)."""

from django.conf import settings
from django.db import models


class FloorRow(models.Model):
    """One INSERT per floor request: who and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "floor row"

    def __str__(self) -> str:
        return f"floor {self.pk}"
