"""Units: the organisation tree the user manages (as on the organisation pages), flat in tree order
with each unit's parent, or one subtree with `?under=CODE`."""

from typing import Any, Literal

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tusoi.core.text import fold
from tusoi.org.models import Member, Unit
from tusoi.policy import managed_units

from ..auth import request_user
from ..schemas import ALWAYS, NOT_FOUND, PageQuery, StorableStr, UnitRef, page
from .common import ObjectId, UnitCode, get_or_404, managed_unit_by_code

router = Router(tags=["units"])

Kind = Literal["bloc", "committee", "sub_committee", "branch"]
SectorCode = Literal["administrative", "public_service", "enterprise", "other"]


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: Kind
    sector: SectorCode
    parent: str | None = Field(description="The parent unit's code (null for the top of the tree).")
    depth: int = Field(description="1 for the top of the tree, 2 below it, …")
    is_active: bool
    is_grassroots_branch: bool


class UnitPage(Schema):
    items: list[UnitOut]
    count: int


class UnitDetailOut(UnitOut):
    members: int = Field(description="Current members of the unit's whole subtree.")
    children: list[UnitRef]


class UnitFilters(PageQuery):
    under: UnitCode | None = Field(None, description="Only this unit and the units below it.")
    kind: Kind | None = None
    sector: SectorCode | None = None
    q: StorableStr | None = Field(
        None, max_length=100, description="Words of the name or the code (no diacritics needed)."
    )


def _parents(units: list[Unit]) -> dict[str, str]:
    """{path: code} of the parents of `units` (one query)."""
    paths = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    return dict(Unit.objects.filter(path__in=paths).values_list("path", "code"))


def _out(unit: Unit, parents: dict[str, str]) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "sector": unit.sector,
        "parent": parents.get(unit.path[: -Unit.steplen]) if unit.depth > 1 else None,
        "depth": unit.depth,
        "is_active": unit.is_active,
        "is_grassroots_branch": unit.is_grassroots_branch,
    }


def _filtered(user: Any, filters: UnitFilters) -> QuerySet[Unit]:
    units = managed_units(user).order_by("path")
    if filters.under:
        units = units.filter(managed_unit_by_code(user, filters.under).subtree_q())
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.sector:
        units = units.filter(sector=filters.sector)
    for word in fold(filters.q or "").split()[:8]:
        units = units.filter(Q(name_fold__contains=word) | Q(code__icontains=word))
    return units


@router.get("/", response={200: UnitPage, **ALWAYS, **NOT_FOUND}, summary="List units")
def unit_list(request: HttpRequest, filters: Query[UnitFilters]) -> dict[str, Any]:
    """Units the caller manages, in tree order. `under` names a unit outside the caller's reach: 404."""
    result = page(_filtered(request_user(request), filters), filters)
    parents = _parents(result["items"])
    return {"items": [_out(u, parents) for u in result["items"]], "count": result["count"]}


@router.get("/{id}", response={200: UnitDetailOut, **ALWAYS, **NOT_FOUND}, summary="Read a unit")
def unit_detail(request: HttpRequest, id: ObjectId) -> dict[str, Any]:
    unit = get_or_404(managed_units(request_user(request)), pk=id)
    children = Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path")
    members = Member.objects.filter(branch__path__startswith=unit.path).aggregate(n=Count("pk"))["n"]
    return {
        **_out(unit, _parents([unit])),
        "members": members,
        "children": [{"id": c.pk, "code": c.code, "name": c.name} for c in children],
    }
