"""Reads for roster imports and exports, always from the policy's scoped querysets."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, QuerySet

from tusoi.org.models import Member, Unit
from tusoi.policy import managed_members, managed_units, visible_roster_imports

from .models import RosterImport, RowAction


def own_imports(user: Any) -> QuerySet[RosterImport]:
    return visible_roster_imports(user).select_related("job").defer("content", "report", "planned")


def export_root(user: Any, unit_id: int | None) -> Unit | None:
    """The unit whose subtree is exported (None: everything the user manages); None if out of reach."""
    if not unit_id:
        return None
    return managed_units(user).filter(pk=unit_id).first()


def members_for_export(user: Any, root: Unit | None = None) -> Iterator[Member]:
    """The members on rosters the user manages (below `root` if given), branch by branch, in
    Vietnamese name order."""
    members = managed_members(user).select_related("branch").order_by("branch__path", "name_sort", "id")
    if root is not None:
        members = members.filter(root.subtree_q("branch__"))
    return members.iterator(chunk_size=2000)


def units_for_export(user: Any, root: Unit | None = None) -> tuple[list[Unit], dict[str, str], dict[int, int]]:
    """The managed units in tree order, the codes of their parents by path, and member counts."""
    units = managed_units(user).order_by("path")
    if root is not None:
        units = units.filter(root.subtree_q())
    unit_list = list(units)
    parent_paths = {u.path[: -Unit.steplen] for u in unit_list if u.depth > 1}
    parents = dict(Unit.objects.filter(path__in=sorted(parent_paths)).values_list("path", "code"))
    counts = dict(
        Member.objects.filter(branch__in=units)
        .order_by()
        .values("branch_id")
        .annotate(n=Count("pk"))
        .values_list("branch_id", "n")
    )
    return unit_list, parents, counts


def report_rows(roster_import: RosterImport, action: str) -> list[dict[str, Any]]:
    """The dry run's rows, all or those of one action (errors first when showing all)."""
    rows = roster_import.report or []
    if action in RowAction.values:
        return [row for row in rows if row["action"] == action]
    return sorted(rows, key=lambda row: (row["action"] != RowAction.ERROR, row["row"]))
