"""Reads of the organisation: the managed tree, rosters, committees, member search and structure counts.

Every list a user sees starts from a scoped queryset of `tusoi.policy`; the functions here only shape
it. Trees are fetched in one query by path prefix and nested in Python, never one query per row.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Length, Substr
from django.utils import timezone

from tusoi.core.text import fold
from tusoi.policy import managed_members, managed_units, role_assignable_units

from .models import CommitteeRole, Member, Membership, RoleKind, Unit, UnitKind, normalize_card_number

# Secretary first, then deputy, committee members, office staff (the order of a committee's list).
ROLE_ORDER = Case(
    When(role=RoleKind.SECRETARY, then=Value(0)),
    When(role=RoleKind.DEPUTY_SECRETARY, then=Value(1)),
    When(role=RoleKind.COMMITTEE_MEMBER, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


@dataclass
class TreeNode:
    """One unit in the managed tree, with its member counts (its own roster and its whole subtree)."""

    unit: Unit
    children: list["TreeNode"] = field(default_factory=list)
    members: int = 0
    probationary: int = 0
    total: int = 0
    matched: bool = True


@dataclass
class UnitTree:
    roots: list[TreeNode]
    top_units: list[Unit]  # the tops of the managed subtrees, whatever the filters
    unit_count: int  # units shown (after filters)
    matched_count: int  # units that match the filters themselves
    filtered: bool


def _branch_member_counts(members: QuerySet[Member]) -> dict[int, tuple[int, int]]:
    """{branch id: (members, probationary members)} in one aggregate query."""
    rows = (
        members.filter(branch__isnull=False)
        .order_by()
        .values("branch_id")
        .annotate(total=Count("pk"), probationary=Count("pk", filter=Q(is_probationary=True)))
    )
    return {row["branch_id"]: (row["total"], row["probationary"]) for row in rows}


def unit_tree(user: Any, *, sector: str = "", kind: str = "") -> UnitTree:
    """The units `user` manages, nested, with member counts; filtered by sector and kind.

    A unit that does not match the filters stays in the tree (muted) when something below it matches,
    so every match keeps its place in the organisation.
    """
    units = list(managed_units(user).order_by("path"))
    counts = _branch_member_counts(managed_members(user))
    nodes: dict[str, TreeNode] = {}
    roots: list[TreeNode] = []
    for unit in units:
        own, probationary = counts.get(unit.pk, (0, 0))
        node = TreeNode(unit=unit, members=own, probationary=probationary, total=own)
        node.matched = (not sector or unit.sector == sector) and (not kind or unit.kind == kind)
        nodes[unit.path] = node
        parent = nodes.get(unit.path[: -Unit.steplen])
        (parent.children if parent else roots).append(node)
    for unit in reversed(units):  # descendants come after their ancestor in path order
        parent = nodes.get(unit.path[: -Unit.steplen])
        if parent is not None:
            parent.total += nodes[unit.path].total
    top_units = [node.unit for node in roots]
    filtered = bool(sector or kind)
    if filtered:
        roots = _prune(roots)
    shown = _walk(roots)
    return UnitTree(
        roots=roots,
        top_units=top_units,
        unit_count=len(shown),
        matched_count=sum(1 for n in shown if n.matched),
        filtered=filtered,
    )


def _prune(nodes: list[TreeNode]) -> list[TreeNode]:
    """Keep the nodes that match or have a matching descendant."""
    kept = []
    for node in nodes:
        node.children = _prune(node.children)
        if node.matched or node.children:
            kept.append(node)
    return kept


def _walk(nodes: list[TreeNode]) -> list[TreeNode]:
    found: list[TreeNode] = []
    for node in nodes:
        found.append(node)
        found.extend(_walk(node.children))
    return found


class StructureCounts(NamedTuple):
    """How many grassroots organisations a subtree holds (DESIGN.md §1.7: 38 / 30 / 183)."""

    grassroots_branches: int  # branches directly under the bloc
    committees: int  # grassroots committees
    affiliated_branches: int  # branches under a committee or sub-committee


def unit_structure_counts(root: Unit, sectors: Iterable[str] | None = None) -> StructureCounts:
    """Count the active grassroots branches, grassroots committees and affiliated branches in the
    subtree of `root`, for the given sectors (all when None), in one query.

    A grassroots branch or committee counts by its own sector; an affiliated branch by the sector of
    the grassroots committee it belongs to (the sector is that of the agency or enterprise).
    """
    committees = Unit.objects.filter(kind=UnitKind.COMMITTEE, is_active=True)
    sector_q = Q()
    if sectors is not None:
        sector_list = list(sectors)
        committees = committees.filter(sector__in=sector_list)
        sector_q = Q(sector__in=sector_list)
    # The committee whose path is a prefix of the branch's path (its ancestor, wherever it is).
    counted_committee = Exists(
        committees.annotate(outer_prefix=Substr(OuterRef("path"), 1, Length("path"))).filter(path=F("outer_prefix"))
    )
    totals = (
        Unit.objects.filter(root.subtree_q(), is_active=True)
        .annotate(in_counted_committee=counted_committee)
        .aggregate(
            grassroots=Count("pk", filter=Q(kind=UnitKind.BRANCH, is_grassroots_branch=True) & sector_q),
            committees=Count("pk", filter=Q(kind=UnitKind.COMMITTEE) & sector_q),
            affiliated=Count(
                "pk", filter=Q(kind=UnitKind.BRANCH, is_grassroots_branch=False, in_counted_committee=True)
            ),
        )
    )
    return StructureCounts(totals["grassroots"], totals["committees"], totals["affiliated"])


def structure_summary(roots: Iterable[Unit], sectors: Iterable[str]) -> StructureCounts | None:
    """Structure counts summed over the blocs among `roots` (None when no bloc is managed whole)."""
    sector_list = list(sectors)
    counts = [unit_structure_counts(root, sector_list) for root in roots if root.kind == UnitKind.BLOC]
    if not counts:
        return None
    return StructureCounts(*(sum(column) for column in zip(*counts, strict=True)))


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The units above `unit`, top first (one query)."""
    return list(Unit.objects.get_ancestors(unit))


@dataclass
class SubUnit:
    unit: Unit
    members: int


def unit_children(unit: Unit) -> list[SubUnit]:
    """The units directly below `unit` with their subtree member counts (two queries in all)."""
    children = list(Unit.objects.get_children(unit))
    if not children:
        return []
    prefix_length = len(unit.path) + Unit.steplen
    rows = (
        Member.objects.filter(branch__path__startswith=unit.path)
        .exclude(branch=unit)
        .annotate(child_path=Substr("branch__path", 1, prefix_length))
        .order_by()
        .values("child_path")
        .annotate(n=Count("pk"))
    )
    counts = {row["child_path"]: row["n"] for row in rows}
    return [SubUnit(unit=child, members=counts.get(child.path, 0)) for child in children]


def unit_members(unit: Unit) -> QuerySet[Member]:
    """The current roster of a branch in Vietnamese order (given name, then family and middle names)."""
    return Member.objects.filter(branch=unit).order_by("name_sort", "id")


def unit_committee(unit: Unit) -> list[CommitteeRole]:
    """The roles in `unit` that are running today, secretary first."""
    return list(
        CommitteeRole.objects.filter(CommitteeRole.active_q(timezone.localdate()), unit=unit)
        .select_related("member__branch")
        .order_by(ROLE_ORDER, "member__name_sort", "pk")
    )


def member_search(user: Any, q: str) -> QuerySet[Member]:
    """Members on rosters the user manages matching `q`, in Vietnamese order.

    A query of digits (dots and spaces allowed) is an exact card number; otherwise every word of the
    query, folded ("nguyen thien"), must begin a word of the folded name ("Nguyễn Thiện Anh").
    An empty query lists every managed member.
    """
    members = managed_members(user).select_related("branch").order_by("name_sort", "id")
    q = q.strip()
    if not q:
        return members
    card = normalize_card_number(q)
    if card.isdigit():
        return members.filter(card_number=card)
    condition = Q()
    for word in fold(q).split()[:8]:
        condition &= Q(name_fold__startswith=word) | Q(name_fold__contains=f" {word}")
    return members.filter(condition)


def member_memberships(member: Member) -> list[Membership]:
    """The member's branches over time, latest first."""
    return list(member.memberships.select_related("unit").order_by("-started_on", "-pk"))


def member_roles(member: Member) -> list[CommitteeRole]:
    """Every role the member has held, running ones first, then by start date (latest first)."""
    return list(
        member.roles.select_related("unit").order_by(
            F("ended_on").desc(nulls_first=True), "-started_on", ROLE_ORDER, "pk"
        )
    )


def role_units_for_member(user: Any, member: Member) -> QuerySet[Unit]:
    """Units where `user` may give `member` a role: the member's branch and the units above it."""
    if member.branch is None:
        return Unit.objects.none()
    path = member.branch.path
    chain = [path[:end] for end in range(Unit.steplen, len(path) + 1, Unit.steplen)]
    return role_assignable_units(user).filter(path__in=chain, is_active=True).order_by("path")
