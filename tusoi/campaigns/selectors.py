"""Reads for campaigns: targeted branches, the deadlines that apply to a unit, progress counts.

Progress is always counted by aggregate queries over `SelfReview` filtered by campaign and branch
path prefix, grouped by the path prefix of the direct sub-units: a constant number of queries
whatever the size of the subtree, and never a person's name above the branch.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from tusoi.notifications.models import ReminderLog
from tusoi.org.models import Member, Unit, UnitKind
from tusoi.policy import user_scope
from tusoi.reviews.models import ReviewStatus, SelfReview

from .models import (
    BranchScope,
    BranchSession,
    Campaign,
    CampaignStatus,
    DeadlineFields,
    DeadlineOverride,
    SessionStatus,
)

DEADLINE_NAMES: tuple[str, ...] = DeadlineFields.DEADLINE_NAMES
MANUAL_REMINDER_PREFIX = "manual:"
MANUAL_REMINDER_INTERVAL = timedelta(hours=1)
# A self-review's personal content: never loaded by the pages of this app.
CONTENT_FIELDS = ("answers", "other_shortcomings", "causes", "commitments", "return_reason")


def ancestor_paths(path: str) -> list[str]:
    """The paths of a unit and of all its ancestors (each a prefix of the next)."""
    return [path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen)]


# --- Targets and deadlines -------------------------------------------------------------------


def targeted_branches(campaign: Campaign) -> QuerySet[Unit]:
    """Active branches in the issuer's subtree of the campaign's sectors and branch scopes."""
    scope_q = Q(pk__in=[])
    if BranchScope.GRASSROOTS in campaign.target_scopes:
        scope_q |= Q(is_grassroots_branch=True)
    if BranchScope.AFFILIATED in campaign.target_scopes:
        scope_q |= Q(is_grassroots_branch=False)
    return (
        Unit.objects.filter(
            campaign.issuer.subtree_q(), kind=UnitKind.BRANCH, is_active=True, sector__in=campaign.target_sectors
        )
        .filter(scope_q)
        .order_by("path")
    )


def campaign_overrides(campaign: Campaign) -> list[DeadlineOverride]:
    return list(DeadlineOverride.objects.filter(campaign=campaign).select_related("unit").order_by("unit_path"))


def _applicable_overrides(path: str, overrides: Iterable[DeadlineOverride]) -> list[DeadlineOverride]:
    """Overrides on the way from the unit at `path` up to the issuer, nearest first."""
    found = [o for o in overrides if path.startswith(o.unit_path)]
    return sorted(found, key=lambda o: len(o.unit_path), reverse=True)


def effective_deadlines(
    campaign: Campaign, branch: Unit, *, overrides: Iterable[DeadlineOverride] | None = None
) -> dict[str, date | None]:
    """The deadlines that apply to `branch` (or any unit): for each deadline, the one set by the
    nearest committee on the path from the unit up to the issuer, else the campaign's own.

    Pass `overrides` (all of the campaign's, e.g. from `campaign_overrides`) to avoid a query per unit.
    """
    if overrides is None:
        overrides = DeadlineOverride.objects.filter(campaign=campaign, unit_path__in=ancestor_paths(branch.path))
    return deadlines_at_path(campaign, branch.path, overrides)


def deadlines_at_path(campaign: Campaign, path: str, overrides: Iterable[DeadlineOverride]) -> dict[str, date | None]:
    """`effective_deadlines` for the unit at `path`, from the given overrides (no query)."""
    applicable = _applicable_overrides(path, overrides)
    result: dict[str, date | None] = {}
    for name in DEADLINE_NAMES:
        value = getattr(campaign, name)
        for override in applicable:
            if getattr(override, name) is not None:
                value = getattr(override, name)
                break
        result[name] = value
    return result


def deadlines_above(campaign: Campaign, unit: Unit) -> dict[str, date | None]:
    """The deadlines that apply to `unit`'s parent: the limits for what `unit` may set."""
    parent_path = unit.path[: -Unit.steplen]
    overrides = DeadlineOverride.objects.filter(campaign=campaign, unit_path__in=ancestor_paths(parent_path))
    return deadlines_at_path(campaign, parent_path, overrides)


def deadline_items(deadlines: dict[str, date | None]) -> list[tuple[str, date | None]]:
    """(label, date) pairs in the round's order, for display."""
    return [(deadline_label(name), deadlines.get(name)) for name in DEADLINE_NAMES]


def deadline_label(name: str) -> str:
    return str(getattr(Campaign._meta.get_field(name), "verbose_name", name))


def applicable_instructions(
    campaign: Campaign, unit: Unit, *, overrides: Iterable[DeadlineOverride] | None = None
) -> list[tuple[Unit, str]]:
    """The issuer's instructions, then each committee's on the way down to `unit`."""
    if overrides is None:
        overrides = DeadlineOverride.objects.filter(
            campaign=campaign, unit_path__in=ancestor_paths(unit.path)
        ).select_related("unit")
    items = [(campaign.issuer, campaign.instructions)] if campaign.instructions else []
    applicable = reversed(_applicable_overrides(unit.path, overrides))
    return items + [(o.unit, o.instructions) for o in applicable if o.instructions]


# --- Progress (counts only) -------------------------------------------------------------------


@dataclass
class Progress:
    """Counts of enrolled self-reviews by state, and of branch sessions."""

    branches: int = 0
    not_started: int = 0
    draft: int = 0
    submitted: int = 0
    returned: int = 0

    @property
    def enrolled(self) -> int:
        return self.not_started + self.draft + self.submitted + self.returned

    @property
    def pending(self) -> int:
        return self.enrolled - self.submitted

    @property
    def percent_submitted(self) -> int:
        return round(100 * self.submitted / self.enrolled) if self.enrolled else 0

    def add(self, status: str, count: int) -> None:
        setattr(self, status, getattr(self, status) + count)


@dataclass
class SubtreeProgress:
    """Progress of one unit's subtree, split by its direct sub-units."""

    unit: Unit
    total: Progress
    children: list[tuple[Unit, Progress]]
    sessions_by_status: list[tuple[str, int]]
    late: list["LateBranch"] = field(default_factory=list)


@dataclass
class LateBranch:
    session: BranchSession
    due: date
    pending: int


def _active_reviews(campaign: Campaign, unit: Unit) -> QuerySet[SelfReview]:
    return SelfReview.objects.filter(campaign=campaign, is_active=True, branch_path__startswith=unit.path).order_by()


def subtree_progress(campaign: Campaign, unit: Unit, *, today: date | None = None) -> SubtreeProgress:
    """Counts for `unit`'s subtree and each direct sub-unit that takes part (five queries)."""
    prefix_len = (unit.depth + 1) * Unit.steplen
    total = Progress()
    by_prefix: dict[str, Progress] = {}
    review_rows = (
        _active_reviews(campaign, unit)
        .annotate(prefix=Substr("branch_path", 1, prefix_len))
        .values("prefix", "status")
        .annotate(n=Count("id"))
    )
    for row in review_rows:
        by_prefix.setdefault(row["prefix"], Progress()).add(row["status"], row["n"])
        total.add(row["status"], row["n"])
    session_rows = (
        BranchSession.objects.filter(campaign=campaign, branch_path__startswith=unit.path)
        .order_by()
        .annotate(prefix=Substr("branch_path", 1, prefix_len))
        .values("prefix", "status")
        .annotate(n=Count("id"))
    )
    status_counts: dict[str, int] = {}
    for row in session_rows:
        by_prefix.setdefault(row["prefix"], Progress()).branches += row["n"]
        total.branches += row["n"]
        status_counts[row["status"]] = status_counts.get(row["status"], 0) + row["n"]
    children: list[tuple[Unit, Progress]] = []
    if unit.kind != UnitKind.BRANCH:
        for child in Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path"):
            if child.path in by_prefix:
                children.append((child, by_prefix[child.path]))
    sessions_by_status = [
        (str(label), status_counts[value]) for value, label in SessionStatus.choices if value in status_counts
    ]
    late = late_branches(campaign, unit, today=today or timezone.localdate())
    return SubtreeProgress(unit, total, children, sessions_by_status, late)


def late_branches(campaign: Campaign, unit: Unit, *, today: date) -> list[LateBranch]:
    """Branches of the subtree past their self-review deadline with submissions pending (3 queries)."""
    pending = dict(
        _active_reviews(campaign, unit)
        .exclude(status=ReviewStatus.SUBMITTED)
        .values_list("branch_path")
        .annotate(n=Count("id"))
    )
    if not pending:
        return []
    overrides = campaign_overrides(campaign)
    sessions = BranchSession.objects.filter(campaign=campaign, branch_path__startswith=unit.path).select_related(
        "branch"
    )
    late = []
    for session in sessions:
        if session.branch_path not in pending:
            continue
        due = effective_deadlines(campaign, session.branch, overrides=overrides)["self_review_due"]
        if due is not None and due < today:
            late.append(LateBranch(session, due, pending[session.branch_path]))
    return late


def oversight_roots(user: Any, campaign: Campaign) -> list[Unit]:
    """Where the user's view of a campaign's progress starts: the issuer for its office, else the
    top-most units of the campaign's subtree that the user oversees (office or branch committee)."""
    scope = user_scope(user)
    if any(u.pk == campaign.issuer_id for u in scope.offices):
        return [campaign.issuer]
    issuer_path = campaign.issuer.path
    units = sorted(
        {u.pk: u for u in (*scope.offices, *scope.branch_committee) if u.path.startswith(issuer_path)}.values(),
        key=lambda u: u.path,
    )
    roots: list[Unit] = []
    for unit in units:
        if not any(unit.path.startswith(r.path) for r in roots):
            roots.append(unit)
    return roots


def breadcrumb(root: Unit, unit: Unit) -> list[Unit]:
    """Units from `root` down to `unit`'s parent (one query)."""
    if unit.pk == root.pk:
        return []
    paths = [p for p in ancestor_paths(unit.path)[:-1] if p.startswith(root.path)]
    return list(Unit.objects.filter(path__in=paths).order_by("path"))


# --- The branch committee's tracker and the member's own page ----------------------------------


@dataclass
class TrackerRow:
    review: SelfReview
    can_remind: bool
    reminded_recently: bool


def session_tracker_rows(reviews: QuerySet[SelfReview], *, now: Any = None) -> list[TrackerRow]:
    """Members of a session with state and dates (no content), and whether they can be reminded.

    `reviews` must come from `tusoi.policy.visible_self_reviews(user)` filtered to the session.
    """
    now = now or timezone.now()
    rows = list(
        reviews.select_related("member", "member__user")
        .defer(*CONTENT_FIELDS)
        .order_by("-is_active", "member__name_sort", "member_id")
    )
    recent = set(
        ReminderLog.objects.filter(
            member_id__in=[r.member_id for r in rows],
            key__startswith=MANUAL_REMINDER_PREFIX,
            sent_at__gte=now - MANUAL_REMINDER_INTERVAL,
        ).values_list("member_id", flat=True)
    )
    return [
        TrackerRow(
            review=r,
            can_remind=r.is_active and r.status != ReviewStatus.SUBMITTED and member_reachable(r.member),
            reminded_recently=r.member_id in recent,
        )
        for r in rows
    ]


def member_user(member: Member) -> Any:
    """The member's account, or None."""
    try:
        return member.user
    except Member.user.RelatedObjectDoesNotExist:
        return None


def member_reachable(member: Member) -> bool:
    """Can a reminder reach the member: an account (in-app) or an e-mail address."""
    return member_user(member) is not None or bool(member.email)


@dataclass
class MyCampaign:
    review: SelfReview
    deadlines: dict[str, date | None]
    instructions: list[tuple[Unit, str]]

    @property
    def deadline_items(self) -> list[tuple[str, date | None]]:
        return deadline_items(self.deadlines)


def member_campaigns(member: Member) -> list[MyCampaign]:
    """The member's enrolments in published and closed campaigns, with the deadlines that apply."""
    reviews = list(
        SelfReview.objects.filter(
            member=member, is_active=True, campaign__status__in=[CampaignStatus.PUBLISHED, CampaignStatus.CLOSED]
        )
        .select_related("campaign", "campaign__issuer", "session", "session__branch")
        .defer(*CONTENT_FIELDS)
        .order_by("campaign__status", "-campaign__year", "-campaign__published_at")
    )
    overrides: dict[int, list[DeadlineOverride]] = {}
    campaign_ids = {r.campaign_id for r in reviews}
    for override in DeadlineOverride.objects.filter(campaign_id__in=campaign_ids).select_related("unit"):
        overrides.setdefault(override.campaign_id, []).append(override)
    return [
        MyCampaign(
            r,
            effective_deadlines(r.campaign, r.session.branch, overrides=overrides.get(r.campaign_id, [])),
            applicable_instructions(r.campaign, r.session.branch, overrides=overrides.get(r.campaign_id, [])),
        )
        for r in reviews
    ]
