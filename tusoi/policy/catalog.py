"""Access to catalogues: everyone signed in reads published versions (members answer them); drafts
are seen and edited only by those who author catalogues (`can_edit_catalog`)."""

from typing import Any

from django.db.models import QuerySet

from tusoi.catalog.models import CatalogStatus, CatalogVersion

from .org import can_edit_catalog
from .scope import user_scope


def visible_catalog_versions(user: Any) -> QuerySet[CatalogVersion]:
    if not user_scope(user).authenticated:
        return CatalogVersion.objects.none()
    if can_edit_catalog(user):
        return CatalogVersion.objects.all()
    return CatalogVersion.objects.filter(status=CatalogStatus.PUBLISHED)


def editable_catalog_versions(user: Any) -> QuerySet[CatalogVersion]:
    """Versions the user may change: drafts, for catalogue authors. A published version is never
    editable, so it answers 404 on every edit page."""
    if not can_edit_catalog(user):
        return CatalogVersion.objects.none()
    return CatalogVersion.objects.filter(status=CatalogStatus.DRAFT)
