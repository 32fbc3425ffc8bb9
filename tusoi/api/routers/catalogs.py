"""Catalogues: the published versions (what campaigns pin and members answer) and their tree.

Drafts stay on the catalogue pages of their authors: a published version never changes, so what the
API serves under an id is stable.
"""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema

from tusoi.catalog.models import CatalogStatus, CatalogVersion
from tusoi.catalog.selectors import catalog_levels, catalog_tree, with_counts
from tusoi.policy import visible_catalog_versions

from ..auth import request_user
from ..schemas import ALWAYS, NOT_FOUND, PageQuery, page
from .common import ObjectId, get_or_404

router = Router(tags=["catalogues"])


class CatalogOut(Schema):
    id: int
    code: str
    version: int
    title: str
    source_document: str
    verified: bool
    published_at: datetime | None
    groups: int
    manifestations: int
    indicators: int


class CatalogPage(Schema):
    items: list[CatalogOut]
    count: int


class LevelOut(Schema):
    code: str
    label: str


class IndicatorOut(Schema):
    code: str
    text: str


class ManifestationOut(Schema):
    code: str
    number: int
    text: str
    text_status: str
    indicators: list[IndicatorOut]


class GroupOut(Schema):
    code: str
    title: str
    manifestations: list[ManifestationOut]


class CatalogDetailOut(CatalogOut):
    levels: list[LevelOut]
    tree: list[GroupOut]


def _published(user: Any) -> QuerySet[CatalogVersion]:
    return with_counts(visible_catalog_versions(user).filter(status=CatalogStatus.PUBLISHED))


def _out(version: Any) -> dict[str, Any]:
    return {
        "id": version.pk,
        "code": version.code,
        "version": version.version,
        "title": version.title,
        "source_document": version.source_document,
        "verified": version.verified,
        "published_at": version.published_at,
        "groups": version.n_groups,
        "manifestations": version.n_manifestations,
        "indicators": version.n_indicators,
    }


@router.get("/", response={200: CatalogPage, **ALWAYS}, summary="List published catalogues")
def catalog_list(request: HttpRequest, paging: Query[PageQuery]) -> dict[str, Any]:
    result = page(_published(request_user(request)).order_by("code", "-version"), paging)
    return {"items": [_out(v) for v in result["items"]], "count": result["count"]}


@router.get("/{id}", response={200: CatalogDetailOut, **ALWAYS, **NOT_FOUND}, summary="Read a catalogue")
def catalog_detail(request: HttpRequest, id: ObjectId) -> dict[str, Any]:
    """A published version with its scale and its tree: groups → manifestations → indicators."""
    version = get_or_404(_published(request_user(request)), pk=id)
    tree = [
        {
            "code": group.code,
            "title": group.title,
            "manifestations": [
                {
                    "code": item.code,
                    "number": item.number,
                    "text": item.text,
                    "text_status": item.text_status,
                    "indicators": [{"code": i.code, "text": i.text} for i in item.indicators.all()],
                }
                for item in group.manifestations.all()
            ],
        }
        for group in catalog_tree(version)
    ]
    levels = [{"code": lv.code, "label": lv.label} for lv in catalog_levels(version)]
    return {**_out(version), "levels": levels, "tree": tree}
