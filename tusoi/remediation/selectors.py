"""Reads for remediation: the derived state of items and actions, counts by subtree (counts only for
members' plans), the overdue lists and the yearly rhythm.

"Overdue" is computed in the query (`with_state`) from the deadline, the stored status and the day
asked, never stored. Every function that depends on the date takes `today`.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.db.models import Case, CharField, Count, F, Max, Q, QuerySet, Value, When
from django.db.models.functions import Substr

from tusoi.campaigns.models import BranchSession, Campaign, SessionStatus
from tusoi.org.models import Unit, UnitKind

from .models import (
    ItemStatus,
    OwnerKind,
    ProgressEntry,
    RemediationItem,
    RemediationPlan,
    State,
    Supervision,
    SupervisionAction,
)

T = TypeVar("T", RemediationItem, SupervisionAction)


def state_expression(today: date) -> Case:
    """The state shown for an item as of `today`: done (on or before that day); else overdue past its
    deadline; else its stored status (an item completed only later was still in progress then)."""
    done_by_then = Q(status=ItemStatus.DONE) & (Q(done_on__isnull=True) | Q(done_on__lte=today))
    return Case(
        When(done_by_then, then=Value(State.DONE)),
        When(deadline__lt=today, then=Value(State.OVERDUE)),
        When(status=ItemStatus.DONE, then=Value(State.IN_PROGRESS)),
        default=F("status"),
        output_field=CharField(),
    )


def overdue_q(today: date) -> Q:
    return ~Q(status=ItemStatus.DONE) & Q(deadline__lt=today)


def with_state(qs: QuerySet[T], today: date) -> QuerySet[T]:
    """Annotate `state` (see `State`) as of `today`."""
    return qs.annotate(state=state_expression(today))


def state_of(task: RemediationItem | SupervisionAction, today: date) -> str:
    """The same rule in Python, for one object already loaded."""
    if task.status == ItemStatus.DONE and (task.done_on is None or task.done_on <= today):
        return State.DONE
    if task.deadline is not None and task.deadline < today:
        return State.OVERDUE
    return State.IN_PROGRESS if task.status == ItemStatus.DONE else task.status


def state_label(state: str) -> str:
    return str(State(state).label)


# --- Counts ------------------------------------------------------------------------------------------


@dataclass
class StateCounts:
    """Items by state: not started, in progress, done, overdue (each item in exactly one)."""

    not_started: int = 0
    in_progress: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.not_started + self.in_progress + self.done + self.overdue

    def add(self, state: str, n: int) -> None:
        setattr(self, state, getattr(self, state) + n)

    def as_dict(self) -> dict[str, int]:
        return {
            "not_started": self.not_started,
            "in_progress": self.in_progress,
            "done": self.done,
            "overdue": self.overdue,
            "total": self.total,
        }


def _items_for(campaign_or_year: Campaign | int, unit_path: str) -> QuerySet[RemediationItem]:
    qs = RemediationItem.objects.filter(unit_path__startswith=unit_path).order_by()
    if isinstance(campaign_or_year, Campaign):
        return qs.filter(campaign=campaign_or_year)
    return qs.filter(year=campaign_or_year)


def remediation_counts(
    campaign_or_year: Campaign | int, unit_path: str, *, today: date | None = None, owner_kind: str | None = None
) -> StateCounts:
    """Counts of remediation items by state in the subtree at `unit_path` (one query): the items
    raised by a campaign, or those of a year's plans. No name, no text: safe at any level.

    For the stats roll-up: `remediation_counts(campaign, unit.path).as_dict()`.
    """
    from django.utils import timezone

    day = today or timezone.localdate()
    qs = _items_for(campaign_or_year, unit_path)
    if owner_kind is not None:
        qs = qs.filter(owner_kind=owner_kind)
    counts = StateCounts()
    for row in qs.annotate(state=state_expression(day)).values("state").annotate(n=Count("id")):
        counts.add(row["state"], row["n"])
    return counts


@dataclass
class BranchCounts:
    """One unit's row in an overview: members' items (counts only) and its own plans' items."""

    unit: Unit
    members: StateCounts = field(default_factory=StateCounts)
    plans: StateCounts = field(default_factory=StateCounts)


def subtree_counts(unit: Unit, year: int, *, today: date) -> tuple[BranchCounts, list[BranchCounts]]:
    """The subtree's totals and one row per direct sub-unit (three queries whatever the size)."""
    prefix_len = (unit.depth + 1) * Unit.steplen
    rows = (
        RemediationItem.objects.filter(unit_path__startswith=unit.path, year=year)
        .order_by()
        .annotate(state=state_expression(today), prefix=Substr("unit_path", 1, prefix_len))
        .values("prefix", "owner_kind", "state")
        .annotate(n=Count("id"))
    )
    total = BranchCounts(unit)
    by_prefix: dict[str, BranchCounts] = {}
    for row in rows:
        target = by_prefix.setdefault(row["prefix"], BranchCounts(unit))
        for counts in (target, total):
            bucket = counts.members if row["owner_kind"] == OwnerKind.MEMBER else counts.plans
            bucket.add(row["state"], row["n"])
    children = []
    for child in Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path"):
        counts = by_prefix.get(child.path, BranchCounts(child))
        counts.unit = child
        children.append(counts)
    own = by_prefix.get(unit.path)
    if own is not None and unit.kind != UnitKind.BRANCH:
        own.unit = unit
        children.insert(0, own)
    return total, children


def member_counts_by_path(unit: Unit, year: int, *, today: date) -> dict[str, StateCounts]:
    """Members' items of the year's plans per unit path (their branch) in the subtree, EXACT: above the
    branch show them only through `suppression.members_shown` (one query)."""
    rows = (
        RemediationItem.objects.filter(unit_path__startswith=unit.path, year=year, owner_kind=OwnerKind.MEMBER)
        .order_by()
        .annotate(state=state_expression(today))
        .values("unit_path", "state")
        .annotate(n=Count("id"))
    )
    by_path: dict[str, StateCounts] = {}
    for row in rows:
        by_path.setdefault(row["unit_path"], StateCounts()).add(row["state"], row["n"])
    return by_path


# --- Lists -------------------------------------------------------------------------------------------


def plan_items(plan: RemediationPlan, *, today: date) -> list[RemediationItem]:
    """The plan's items with their state and last progress entry."""
    items = list(with_state(plan.items.all(), today).order_by("position", "id"))
    last = _last_entries([i.pk for i in items], "item")
    for item in items:
        item.last_entry = last.get(item.pk)  # type: ignore[attr-defined]
    return items


def _last_entries(ids: list[int], field_name: str) -> dict[int, ProgressEntry]:
    """The newest progress entry of each item (or action), in two queries."""
    if not ids:
        return {}
    newest = (
        ProgressEntry.objects.filter(**{f"{field_name}__in": ids})
        .values(field_name)
        .annotate(last=Max("id"))
        .values_list("last", flat=True)
    )
    return {getattr(e, f"{field_name}_id"): e for e in ProgressEntry.objects.filter(pk__in=list(newest))}


def unit_plan_overdue(unit: Unit, *, today: date) -> QuerySet[RemediationItem]:
    """Overdue items of branch and committee plans in the subtree (shown in full above the branch)."""
    return (
        RemediationItem.objects.filter(unit_path__startswith=unit.path)
        .exclude(owner_kind=OwnerKind.MEMBER)
        .filter(overdue_q(today))
        .select_related("plan__unit")
        .order_by("deadline", "unit_path", "id")
    )


def overdue_actions(unit: Unit, *, today: date) -> QuerySet[SupervisionAction]:
    """Requested actions overdue in the subtree (supervisions are visible to the offices above)."""
    return (
        SupervisionAction.objects.filter(target_path__startswith=unit.path)
        .filter(overdue_q(today))
        .select_related("supervision__target", "supervision__by_unit")
        .order_by("deadline", "id")
    )


def branch_member_plans(branch: Unit, year: int, *, today: date) -> list[tuple[RemediationPlan, StateCounts]]:
    """For the branch committee: each member's plan of the year with its counts (two queries)."""
    plans = list(
        RemediationPlan.objects.filter(owner_kind=OwnerKind.MEMBER, unit=branch, year=year).select_related("member")
    )
    counts: dict[int, StateCounts] = {p.pk: StateCounts() for p in plans}
    rows = (
        RemediationItem.objects.filter(plan__in=[p.pk for p in plans])
        .order_by()
        .annotate(state=state_expression(today))
        .values("plan", "state")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["plan"]].add(row["state"], row["n"])
    return [(p, counts[p.pk]) for p in plans]


def supervision_actions(supervision: Supervision, *, today: date) -> list[SupervisionAction]:
    actions = list(with_state(supervision.actions.all(), today).order_by("position", "id"))
    last = _last_entries([a.pk for a in actions], "action")
    for action in actions:
        action.last_entry = last.get(action.pk)  # type: ignore[attr-defined]
    return actions


# --- The yearly rhythm -------------------------------------------------------------------------------


@dataclass
class ComplianceRow:
    branch: Unit
    held_on: date | None
    campaign: Campaign | None = None


@dataclass
class Compliance:
    unit: Unit
    year: int
    held: list[ComplianceRow]
    not_held: list[ComplianceRow]

    @property
    def total(self) -> int:
        return len(self.held) + len(self.not_held)


HELD_STATUSES = (SessionStatus.HELD, SessionStatus.REPORTED)


def held_sessions(path: str, year: int) -> QuerySet[BranchSession]:
    return BranchSession.objects.filter(
        branch_path__startswith=path, status__in=HELD_STATUSES, held_on__year=year
    ).order_by()


def yearly_compliance(unit: Unit, year: int) -> Compliance:
    """Which active branches of the subtree held at least one round in `year` (a session held or
    reported with its meeting date in that year), with the first date, and which have not (2 queries)."""
    first: dict[int, tuple[date, int]] = {}
    for branch_id, held_on, campaign_id in held_sessions(unit.path, year).values_list(
        "branch_id", "held_on", "campaign_id"
    ):
        if held_on is None:
            continue
        if branch_id not in first or held_on < first[branch_id][0]:
            first[branch_id] = (held_on, campaign_id)
    campaigns = Campaign.objects.in_bulk({c for _d, c in first.values()})
    held, not_held = [], []
    branches = Unit.objects.filter(unit.subtree_q(), kind=UnitKind.BRANCH, is_active=True).order_by("path")
    for branch in branches:
        if branch.pk in first:
            held_on, campaign_id = first[branch.pk]
            held.append(ComplianceRow(branch, held_on, campaigns.get(campaign_id)))
        else:
            not_held.append(ComplianceRow(branch, None))
    return Compliance(unit, year, held, not_held)


def plans_of_year(qs: QuerySet[RemediationPlan], year: int) -> QuerySet[RemediationPlan]:
    return qs.filter(year=year).select_related("unit", "member")


def any_value(*values: Any) -> Any:
    return next((v for v in values if v), None)
