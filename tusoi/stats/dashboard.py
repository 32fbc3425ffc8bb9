"""Reads for the statistics dashboard of one unit: the figures (`campaign_stats`), submissions per
day against the deadlines, completion by direct sub-unit and the late branches.

Everything comes from the tallies, filtered by campaign and branch path prefix and grouped in the
database: a constant number of queries whatever the number of branches and members. Nothing here
goes below the branch, and no person is ever named.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, DateField, F, Q, QuerySet, Sum, Value, When

from tusoi.campaigns.models import Campaign, DeadlineOverride
from tusoi.campaigns.selectors import deadline_label, deadlines_at_path
from tusoi.org.models import Unit, UnitKind

from .models import SessionTally, SubmissionDay
from .selectors import CampaignStats, Ratio, TallyGroup, campaign_stats, subtree_tallies, summed, tally_groups

LATE_LISTED = 30


# --- Submissions per day -----------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    day: date
    submitted: int
    cumulative: int
    percent: int


@dataclass
class Series:
    """Self-reviews submitted per day (days with submissions), with the deadlines that apply."""

    days: list[Day]
    enrolled: int
    deadlines: list[tuple[str, date | None]]
    opened: date | None

    def chart(self) -> dict[str, Any]:
        """Every day from the opening (or first submission) to the last submission or the
        self-review deadline, gaps filled: the data of the progress chart."""
        if not self.days:
            return {"labels": [], "daily": [], "cumulative": [], "pace": []}
        by_day = {d.day: d for d in self.days}
        due = next((d for name, d in self.deadlines if name == "self_review_due"), None)
        start = min(filter(None, (self.opened, self.days[0].day)))
        end = max(filter(None, (self.days[-1].day, due)))
        labels, daily, cumulative, pace = [], [], [], []
        running = 0
        for offset in range((end - start).days + 1):
            day = start + timedelta(days=offset)
            running += by_day[day].submitted if day in by_day else 0
            labels.append(day.strftime("%d/%m"))
            daily.append(by_day[day].submitted if day in by_day else 0)
            cumulative.append(running)
            pace.append(_pace(self.enrolled, start, due, day))
        return {"labels": labels, "daily": daily, "cumulative": cumulative, "pace": pace}


def _pace(enrolled: int, start: date, due: date | None, day: date) -> int | None:
    """The steady pace that reaches every enrolled member on the deadline."""
    if due is None or due <= start:
        return None
    return round(enrolled * min(1.0, (day - start).days / (due - start).days))


def submission_series(
    campaign: Campaign, unit: Unit, enrolled: int, overrides: list[DeadlineOverride], sector: str = ""
) -> Series:
    """Per-day counts from the day tallies (one query) and the unit's deadlines (from `overrides`,
    the campaign's deadline overrides)."""
    rows = SubmissionDay.objects.filter(campaign=campaign, unit_path=unit.path)  # the unit's own roll-up rows
    if sector:
        rows = rows.filter(sector=sector)
    grouped = rows.order_by("day").values("day").annotate(n=Sum("n"))
    days: list[Day] = []
    running = 0
    for row in grouped:
        if row["n"] <= 0:
            continue
        running += row["n"]
        days.append(Day(row["day"], row["n"], running, round(100 * running / enrolled) if enrolled else 0))
    deadlines = deadlines_at_path(campaign, unit.path, overrides)
    opened = campaign.published_at.date() if campaign.published_at else None
    return Series(days=days, enrolled=enrolled, deadlines=list(deadlines.items()), opened=opened)


def deadline_rows(series: Series) -> list[tuple[str, date | None]]:
    return [(deadline_label(name), day) for name, day in series.deadlines]


# --- Completion by direct sub-unit ---------------------------------------------------------------


@dataclass
class SubUnitRow:
    """One direct sub-unit's progress (for a branch below, its own figures)."""

    unit: Unit
    sessions: Ratio
    submissions: Ratio
    reports: Ratio
    meetings: int
    opinions: int
    present: int

    @property
    def is_branch(self) -> bool:
        return self.unit.kind == UnitKind.BRANCH


def sub_units(unit: Unit, groups: list[TallyGroup]) -> list[Unit]:
    """The direct sub-units of `unit` that take part (those its `tally_groups` name), by path; one
    query, none for a branch."""
    if unit.kind == UnitKind.BRANCH:
        return []
    return list(Unit.objects.filter(path__in={group["prefix"] for group in groups}).order_by("path"))


def sub_unit_rows(children: list[Unit], groups: list[TallyGroup]) -> list[SubUnitRow]:
    """The `sub_units` with their subtree's figures summed from the subtree's `tally_groups`."""
    by_prefix: dict[str, list[TallyGroup]] = {}
    for group in groups:
        by_prefix.setdefault(group["prefix"], []).append(group)
    rows = []
    for child in children:
        f = summed(by_prefix[child.path])
        rows.append(
            SubUnitRow(
                unit=child,
                sessions=Ratio(f["held"], f["total"]),
                submissions=Ratio(f["submitted"], f["enrolled"]),
                reports=Ratio(f["received"], f["total"]),
                meetings=f["meetings"],
                opinions=f["opinions"],
                present=f["present"],
            )
        )
    return rows


# --- Late branches -------------------------------------------------------------------------------


@dataclass
class LateBranch:
    unit: Unit
    reviews_due: date | None
    meeting_due: date | None
    report_due: date | None
    pending_reviews: int  # enrolled − submitted when the self-review deadline has passed, else 0
    meeting_late: bool
    report_late: bool


@dataclass
class LateUnits:
    """Branches past a deadline with the step not done: how many under each direct sub-unit, and
    the first of them by path."""

    total: int
    by_child: list[tuple[Unit, int]]
    branches: list[LateBranch]


def _due(campaign: Campaign, overrides: list[DeadlineOverride], name: str) -> Any:
    """The deadline `name` that applies to each tally's branch: the nearest committee's, else the
    campaign's (a CASE over the overrides' path prefixes, longest first)."""
    default = Value(getattr(campaign, name), output_field=DateField())
    whens = [
        When(branch_path__startswith=o.unit_path, then=Value(getattr(o, name), output_field=DateField()))
        for o in sorted(overrides, key=lambda o: -len(o.unit_path))
        if getattr(o, name) is not None
    ]
    return Case(*whens, default=default, output_field=DateField()) if whens else default


def with_deadlines(
    tallies: QuerySet[SessionTally], campaign: Campaign, overrides: list[DeadlineOverride]
) -> QuerySet[SessionTally]:
    """Each tally with the three deadlines that apply to its branch."""
    return tallies.annotate(
        reviews_due=_due(campaign, overrides, "self_review_due"),
        due_meeting=_due(campaign, overrides, "meeting_due"),
        due_report=_due(campaign, overrides, "report_due"),
    )


def is_late(today: date) -> Q:
    """A branch past a deadline with the step not done (on tallies `with_deadlines`)."""
    return (
        Q(submitted__lt=F("enrolled"), reviews_due__lt=today)
        | Q(held=False, due_meeting__lt=today)
        | Q(report_sent=False, due_report__lt=today)
    )


def late_units(
    tallies: QuerySet[SessionTally], unit: Unit, today: date, groups: list[TallyGroup], children: list[Unit]
) -> LateUnits:
    """Late branches of the subtree: how many under each direct sub-unit (`children`, the `sub_units`;
    the `late` count of the subtree's `tally_groups`), and the first of them (`tallies`: the subtree's,
    `with_deadlines`); two queries."""
    counts: dict[str, int] = {}
    if unit.kind != UnitKind.BRANCH:
        for group in groups:
            if group["late"]:
                counts[group["prefix"]] = counts.get(group["prefix"], 0) + group["late"]
    # The first late tallies, then their branches: joining before the LIMIT would join every late row.
    listed: list[Any] = list(tallies.filter(is_late(today)).order_by("branch_path")[:LATE_LISTED])
    units = {u.path: u for u in Unit.objects.filter(path__in=[t.branch_path for t in listed])}
    branches = [
        LateBranch(
            unit=units[t.branch_path],
            reviews_due=t.reviews_due,
            meeting_due=t.due_meeting,
            report_due=t.due_report,
            pending_reviews=t.enrolled - t.submitted if t.reviews_due and t.reviews_due < today else 0,
            meeting_late=not t.held and t.due_meeting is not None and t.due_meeting < today,
            report_late=not t.report_sent and t.due_report is not None and t.due_report < today,
        )
        for t in listed  # annotated with the three deadlines
        if t.branch_path in units
    ]
    total = sum(counts.values()) if counts else len(branches)
    return LateUnits(
        total=total, by_child=[(c, counts[c.path]) for c in children if c.path in counts], branches=branches
    )


# --- The whole dashboard ------------------------------------------------------------------------


@dataclass
class Dashboard:
    stats: CampaignStats
    series: Series
    sub_units: list[SubUnitRow]
    late: LateUnits

    @property
    def deadline_items(self) -> list[tuple[str, date | None]]:
        return deadline_rows(self.series)


def unit_dashboard(
    campaign: Campaign, unit: Unit, *, today: date, sector: str = "", suppress: bool = True
) -> Dashboard:
    """Every part of the dashboard; the subtree's tallies are read once, grouped by direct sub-unit
    (with the late branches counted in the same pass), and every figure is summed from those rows."""
    overrides = list(DeadlineOverride.objects.filter(campaign=campaign))
    tallies = with_deadlines(subtree_tallies(campaign, unit, sector), campaign, overrides)
    groups = tally_groups(tallies, unit, late=Count("pk", filter=is_late(today)))
    stats = campaign_stats(campaign, unit, sector=sector, suppress=suppress, groups=groups)
    children = sub_units(unit, groups)
    return Dashboard(
        stats=stats,
        series=submission_series(campaign, unit, stats.enrolled, overrides, sector),
        sub_units=sub_unit_rows(children, groups),
        late=late_units(tallies, unit, today, groups, children),
    )
