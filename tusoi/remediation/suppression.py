"""Members' remediation counts above the branch: each count below k is hidden ("—", `None` here), and so is
any count from which a hidden one could be worked out by subtraction (DESIGN.md §3).

Members' items come from their own admissions, so a count of them is about people; the items of branch
and committee plans are not and stay exact (they are not handled here). Who sees exact counts is decided
by the policy (`tusoi.policy.sees_exact_counts`: a branch's own committee, for that branch); the caller
passes that rule as `exact`.

The rule, applied to each state (not started, in progress, done, overdue) on its own over the tree of
units, the same way for a unit wherever its count appears (its row on its parent's overview, its own
overview's total, its year-end sheet):

- a branch's count is shown when the viewer sees it exactly, or when it is at least k;
- a unit above is shown when its count is at least k AND, if any of its sub-units is hidden (a count of
  0 is hidden too), the hidden part (the sum of the hidden sub-units' parts not visible through their
  own shown sub-units) is at least k. Otherwise a hidden row, or a few hidden rows summing to fewer than
  k (or to 0), could be had as the total minus the shown rows.

Whatever can be worked out from shown counts is then a sum of such hidden parts, each at least k. The
number of items (all states together) is shown only when every state of that unit is shown, so it never
reveals a hidden state by subtraction either. The overdue page counts the overdue items of every year's
plans per branch, which the overviews split by year: see `member_overdue_shown`.

Not covered: differences between two days (a count read today and tomorrow), inherent to any count.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count

from tusoi.org.models import Unit
from tusoi.stats.selectors import small_cell_k

from .models import OwnerKind, RemediationItem
from .selectors import StateCounts, member_counts_by_path, overdue_q

STATES = ("not_started", "in_progress", "done", "overdue")


@dataclass(frozen=True)
class ShownCounts:
    """Members' items by state as a viewer may see them: `None` where suppressed."""

    not_started: int | None = None
    in_progress: int | None = None
    done: int | None = None
    overdue: int | None = None
    total: int | None = None

    @classmethod
    def exact(cls, counts: StateCounts) -> "ShownCounts":
        return cls(**{s: getattr(counts, s) for s in STATES}, total=counts.total)

    def as_dict(self) -> dict[str, int | None]:
        return {**{s: getattr(self, s) for s in STATES}, "total": self.total}

    def as_document(self) -> dict[str, int | str]:
        """For a Word document: "—" where suppressed."""
        return {key: "—" if n is None else n for key, n in self.as_dict().items()}


@dataclass
class _Node:
    own: StateCounts = field(default_factory=StateCounts)  # items at exactly this unit
    children: list["_Node"] = field(default_factory=list)
    value: dict[str, int] = field(default_factory=dict)
    hidden_part: dict[str, int] = field(default_factory=dict)  # not visible through shown sub-units
    shown: dict[str, bool] = field(default_factory=dict)


def suppress_tree(
    root: Unit,
    unit_paths: Iterable[str],
    by_path: dict[str, StateCounts],
    *,
    exact: Callable[[str], bool],
    k: int | None = None,
) -> dict[str, ShownCounts]:
    """What a viewer may see of members' counts for `root` and every unit of its subtree.

    `unit_paths`: the paths of the units of the subtree (every unit counts, those without any item too:
    a hidden 0 is as hidden as a hidden 3). `by_path`: exact counts of the members' items of each unit
    path. `exact`: whether the viewer sees a unit's counts exactly (the policy's rule)."""
    k = small_cell_k() if k is None else k
    nodes: dict[str, _Node] = {root.path: _Node()}
    for path in sorted({*unit_paths, *by_path}, key=len):
        if path.startswith(root.path) and path not in nodes:
            parent = nodes.get(path[: -Unit.steplen]) or nodes[root.path]
            nodes[path] = _Node()
            parent.children.append(nodes[path])
    for path, counts in by_path.items():
        if path in nodes:
            for state in STATES:
                nodes[path].own.add(state, getattr(counts, state))
    result: dict[str, ShownCounts] = {}
    for path in sorted(nodes, key=len, reverse=True):  # sub-units before their parent
        result[path] = _decide(nodes[path], exact(path), k)
    return result


def _decide(node: _Node, sees_exactly: bool, k: int) -> ShownCounts:
    for state in STATES:
        own = getattr(node.own, state)
        hidden_children = [c for c in node.children if not c.shown[state]]
        value = own + sum(c.value[state] for c in node.children)
        if node.children:  # items at a unit above the branch are never shown on their own
            hidden = own + sum(c.hidden_part[state] for c in hidden_children)
            any_hidden = own > 0 or bool(hidden_children)
        else:
            hidden, any_hidden = value, False
        node.value[state] = value
        node.hidden_part[state] = hidden
        node.shown[state] = sees_exactly or (value >= k and (not any_hidden or hidden >= k))
    every = all(node.shown.values())
    return ShownCounts(
        **{s: node.value[s] if node.shown[s] else None for s in STATES},
        total=sum(node.value.values()) if every else None,
    )


def members_shown(unit: Unit, year: int, *, today: date, exact_paths: Collection[str]) -> dict[str, ShownCounts]:
    """Members' items of the year's plans as the viewer may see them, for `unit` and each unit of its
    subtree (absent: no item, every count hidden). `exact_paths`: the units whose counts the viewer sees
    exactly (`tusoi.policy.exact_count_paths`). Two queries."""
    paths = Unit.objects.filter(path__startswith=unit.path).values_list("path", flat=True)
    by_path = member_counts_by_path(unit, year, today=today)
    return suppress_tree(unit, paths, by_path, exact=exact_paths.__contains__)


def member_overdue_shown(unit: Unit, *, today: date, exact_paths: Collection[str]) -> list[tuple[Unit, int]]:
    """The branches of the subtree whose members' overdue items (of every year's plans) the viewer may
    see: their own branch, or at least k overdue items of which the part from years whose own count is
    hidden on the overviews (below k) is 0 or at least k, lest the overview of each year subtracted from
    it give a hidden count. No total is shown over these rows; the other branches are not listed at all,
    since a row "—" would tell that a branch has some (one query, one for the units)."""
    k = small_cell_k()
    by_year: dict[str, list[int]] = {}
    rows = (
        RemediationItem.objects.filter(unit_path__startswith=unit.path, owner_kind=OwnerKind.MEMBER)
        .filter(overdue_q(today))
        .order_by()
        .values_list("unit_path", "year")
        .annotate(n=Count("id"))
    )
    for path, _year, n in rows:
        by_year.setdefault(path, []).append(n)

    def shown(path: str) -> bool:
        counts = by_year[path]
        hidden = sum(n for n in counts if n < k)
        return path in exact_paths or (sum(counts) >= k and (hidden == 0 or hidden >= k))

    paths = [path for path in by_year if shown(path)]
    return [(u, sum(by_year[u.path])) for u in Unit.objects.filter(path__in=paths).order_by("path")]
