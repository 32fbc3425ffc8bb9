"""The one statistics selector: a campaign's figures for a unit's subtree, from the tallies.

`campaign_stats(campaign, unit)` is what every page, export, document, command and the API use
(the bulletin too). It sums the per-session tallies filtered by campaign and (below the campaign's
issuer) branch path prefix in one read (`subtree_figures`; the dashboard, which also needs the
figures per sub-unit, sums its `tally_groups`): a constant number of queries (one, plus five for
the levels) whatever the size of the subtree. The level counts are kept per unit (see
`LevelTally`), so they are read from the unit's own rows.

Counts of members at a level of the catalogue are suppressed ("—", `None` here and `null` in JSON)
below `settings.TUSOI_SMALL_CELL_K` unless the caller asks for exact counts, which only the branch's
own committee may see (`tusoi.policy.sees_exact_counts`).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.db import connections
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Substr

from tusoi.campaigns.models import Campaign
from tusoi.catalog.selectors import catalog_levels, catalog_tree
from tusoi.org.models import Unit

from .models import LevelTally, SessionTally


def small_cell_k() -> int:
    return int(getattr(settings, "TUSOI_SMALL_CELL_K", 5))


@dataclass(frozen=True)
class Ratio:
    """How many of a total did something (held, completed, submitted…)."""

    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class ItemLevels:
    """A group, manifestation or indicator with the number of members at each level of the scale
    (in the scale's order; `None` where suppressed) and the number at any level above "none"."""

    kind: str
    code: str
    label: str
    counts: list[int | None]
    identified: int | None
    children: list["ItemLevels"] = field(default_factory=list)

    def as_dict(self, scale: list[str]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "counts": dict(zip(scale, self.counts, strict=True)),
            "identified": self.identified,
        }
        if self.kind == "g":
            data["title"] = self.label
        child_key = {"g": "manifestations", "m": "indicators"}.get(self.kind)
        if child_key:
            data[child_key] = [child.as_dict(scale) for child in self.children]
        return data


@dataclass
class LevelStats:
    """Members at each level for every item of the campaign's catalogue."""

    scale: list[tuple[str, str]]  # (code, label) by position; the first is "none"
    groups: list[ItemLevels]
    submitted: int
    k: int
    suppressed: bool

    @property
    def manifestations(self) -> list[ItemLevels]:
        return [m for g in self.groups for m in g.children]

    def top_manifestations(self, limit: int = 10) -> list[ItemLevels]:
        """The manifestations most often self-identified (by the counts shown: a suppressed count
        ranks as nothing, so the order reveals no hidden count); ties keep the catalogue order."""
        shown = [m for m in self.manifestations if m.identified]
        return sorted(shown, key=lambda m: -(m.identified or 0))[:limit]

    def as_dict(self) -> dict[str, Any]:
        codes = [code for code, _label in self.scale]
        return {
            "k": self.k,
            "suppressed": self.suppressed,
            "submitted": self.submitted,
            "scale": [{"code": code, "label": label} for code, label in self.scale],
            "groups": [group.as_dict(codes) for group in self.groups],
        }


@dataclass
class RemediationStats:
    """Remediation items by status. Remediation is a later step of the round: until its selector
    exists `campaign_stats(...).remediation` is None and pages say the figures are not available."""

    by_status: list[tuple[str, int]]


@dataclass
class CampaignStats:
    """A campaign's figures for one unit's subtree (see the module docstring)."""

    campaign: Campaign
    unit: Unit
    sector: str
    grassroots_branches: Ratio
    affiliated_branches: Ratio
    grassroots_committees: Ratio
    meetings: int
    opinions: int
    comments: int
    enrolled: int
    submitted: int
    returned: int
    present: int
    reports_received: int
    reports_acknowledged: int
    levels: LevelStats | None = None
    remediation: RemediationStats | None = None

    @property
    def sessions(self) -> Ratio:
        g, a = self.grassroots_branches, self.affiliated_branches
        return Ratio(g.done + a.done, g.total + a.total)

    @property
    def submissions(self) -> Ratio:
        return Ratio(self.submitted, self.enrolled)

    @property
    def reports(self) -> Ratio:
        return Ratio(self.reports_received, self.sessions.total)

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of `manage.py campaign_stats --json` and of the API (no name, no text
        written by a member: counts, codes and the catalogue's own titles only)."""
        return {
            "campaign": self.campaign.plan_number,
            "period": self.campaign.period,
            "year": self.campaign.year,
            "unit": self.unit.code,
            "unit_name": self.unit.name,
            "sector": self.sector or None,
            "grassroots_branches": {"held": self.grassroots_branches.done, "total": self.grassroots_branches.total},
            "affiliated_branches": {"held": self.affiliated_branches.done, "total": self.affiliated_branches.total},
            "grassroots_committees": {
                "completed": self.grassroots_committees.done,
                "total": self.grassroots_committees.total,
            },
            "sessions": {"held": self.sessions.done, "total": self.sessions.total},
            "meetings": self.meetings,
            "opinions": self.opinions,
            "comments": self.comments,
            "members": {
                "enrolled": self.enrolled,
                "submitted": self.submitted,
                "returned": self.returned,
                "present": self.present,
            },
            "reports": {
                "received": self.reports_received,
                "acknowledged": self.reports_acknowledged,
                "expected": self.sessions.total,
            },
            "levels": self.levels.as_dict() if self.levels is not None else None,
            "remediation": None if self.remediation is None else dict(self.remediation.by_status),
        }


def subtree_tallies(campaign: Campaign, unit: Unit, sector: str = "") -> QuerySet[SessionTally]:
    """The session tallies of `campaign` in `unit`'s subtree (of one sector's branches if given).

    A campaign's sessions are those of its issuer's targeted branches, their paths copied when it is
    published (`campaign_publish`): for the issuer the subtree is the whole campaign, and the rows
    are not compared with its path (a LIKE per row, a tenth of the one pass at 20,000 sessions)."""
    tallies = SessionTally.objects.filter(campaign=campaign)
    if unit.pk != campaign.issuer_id:
        tallies = tallies.filter(branch_path__startswith=unit.path)
    return tallies.filter(sector=sector) if sector else tallies


def _sum(name: str, **filters: Any) -> Coalesce:
    return Coalesce(Sum(name, filter=Q(**filters) if filters else None), 0)


def _count(**filters: Any) -> Count:
    return Count("pk", filter=Q(**filters))


# What one group of session tallies sums to (see `tally_groups`).
SUMS = {
    "total": Count("pk"),
    "held": _count(held=True),
    "meetings": _sum("meetings"),
    "opinions": _sum("opinions", meetings__gt=0),
    "present": _sum("present", meetings__gt=0),
    "comments": _sum("comments"),
    "enrolled": _sum("enrolled"),
    "submitted": _sum("submitted"),
    "returned": _sum("returned"),
    "received": _count(report_sent=True),
    "acknowledged": _count(report_acknowledged=True),
}
TallyGroup = dict[str, Any]


def tally_groups(tallies: QuerySet[SessionTally], unit: Unit, **extra: Any) -> list[TallyGroup]:
    """The subtree's session tallies summed in one grouped read (one pass over the subtree's rows):
    one row per direct sub-unit of `unit` (`prefix`, its path; a branch's own path for a branch),
    grassroots committee and kind of branch, with every count of `SUMS` and the `extra` aggregates.
    Totals, committees and sub-units are all summed from these few rows."""
    prefix = Substr("branch_path", 1, len(unit.path) + Unit.steplen)
    rows = tallies.order_by().annotate(prefix=prefix).values("prefix", "committee_path", "is_grassroots")
    # Aliased while read: an aggregate named like a column would be what later filters refer to.
    aggregates = {f"a_{name}": aggregate for name, aggregate in (SUMS | extra).items()}
    return [
        {name.removeprefix("a_"): value for name, value in row.items()}
        for row in cast("QuerySet[Any]", rows.annotate(**aggregates))
    ]


def summed(groups: list[TallyGroup], names: Iterable[str] = SUMS) -> TallyGroup:
    return {name: sum(group[name] for group in groups) for name in names}


def _in_subtree(committee_path: str, unit: Unit) -> bool:
    """Whether the grassroots committee of a tally of `unit`'s subtree is in the subtree too.

    A tally's `committee_path` is "" (a grassroots branch, or no committee above) or the path of an
    ancestor of its branch, so of a unit on the same line as `unit`: it is in the subtree (starts
    with `unit.path`) exactly when it is not before `unit.path` in path order, and "" never is. The
    comparison is what `ungrouped_figures` asks the database for (cheaper per row than a LIKE)."""
    return committee_path >= unit.path


def subtree_figures(tallies: QuerySet[SessionTally], unit: Unit) -> TallyGroup:
    """What `campaign_stats` counts, from `tallies` (the subtree's session tallies): every count of
    `SUMS`, the grassroots branches (`grassroots_total`, `grassroots_held`; the affiliated ones are the
    rest) and the grassroots committees of the subtree (`committees`; `committees_open`: those with a
    branch whose meeting is not held yet). One query, in the shape the database runs best:
    PostgreSQL groups by hashing, so it sums the grouped read (`tally_groups`); SQLite groups by
    sorting every row into a temporary B-tree, which at 20,000 branch sessions took longer than all
    the sums, so there it is one pass without grouping (`ungrouped_figures`)."""
    if connections[tallies.db].vendor == "postgresql":
        return figures_of_groups(tally_groups(tallies, unit), unit)
    return ungrouped_figures(tallies, unit)


def ungrouped_figures(tallies: QuerySet[SessionTally], unit: Unit) -> TallyGroup:
    """`subtree_figures` in one pass without GROUP BY, the committees counted as distinct paths
    (PostgreSQL sorts the rows for each distinct count: there the grouped read is cheaper)."""
    committee = Q(committee_path__gte=unit.path)  # see `_in_subtree`
    aggregates = SUMS | {
        "grassroots_total": _count(is_grassroots=True),
        "grassroots_held": _count(is_grassroots=True, held=True),
        "committees": Count("committee_path", distinct=True, filter=committee),
        "committees_open": Count("committee_path", distinct=True, filter=Q(held=False) & committee),
    }
    # Aliased as in `tally_groups`: the filters refer to columns named like some of the aggregates.
    row = tallies.order_by().aggregate(**{f"a_{name}": aggregate for name, aggregate in aggregates.items()})
    return {name.removeprefix("a_"): value for name, value in row.items()}


def figures_of_groups(groups: list[TallyGroup], unit: Unit) -> TallyGroup:
    """The figures of `subtree_figures` summed from the subtree's `tally_groups` (which the dashboard
    reads anyway)."""
    committees: dict[str, list[int]] = {}
    for group in groups:
        path = group["committee_path"]
        if _in_subtree(path, unit):
            held_total = committees.setdefault(path, [0, 0])
            held_total[0] += group["held"]
            held_total[1] += group["total"]
    grassroots = summed([g for g in groups if g["is_grassroots"]], ("total", "held"))
    return summed(groups) | {
        "grassroots_total": grassroots["total"],
        "grassroots_held": grassroots["held"],
        "committees": len(committees),
        "committees_open": sum(1 for held, total in committees.values() if held != total),
    }


def campaign_stats(
    campaign: Campaign,
    unit: Unit,
    *,
    sector: str = "",
    suppress: bool = True,
    levels: bool = True,
    groups: list[TallyGroup] | None = None,
) -> CampaignStats:
    """The figures of `campaign` for `unit`'s subtree (optionally one sector's branches).

    `suppress=False` gives exact level counts: only for the branch committee of `unit` (a branch).
    `levels=False` skips the catalogue part (one query in all instead of six). `groups`: the
    subtree's `tally_groups`, when the caller read them already (the dashboard).
    """
    if groups is None:
        totals = subtree_figures(subtree_tallies(campaign, unit, sector), unit)
    else:
        totals = figures_of_groups(groups, unit)
    grassroots = Ratio(totals["grassroots_held"], totals["grassroots_total"])
    committees = totals["committees"]
    return CampaignStats(
        campaign=campaign,
        unit=unit,
        sector=sector,
        grassroots_branches=grassroots,
        affiliated_branches=Ratio(totals["held"] - grassroots.done, totals["total"] - grassroots.total),
        grassroots_committees=Ratio(committees - totals["committees_open"], committees),
        meetings=totals["meetings"],
        opinions=totals["opinions"],
        comments=totals["comments"],
        enrolled=totals["enrolled"],
        submitted=totals["submitted"],
        returned=totals["returned"],
        present=totals["present"],
        reports_received=totals["received"],
        reports_acknowledged=totals["acknowledged"],
        levels=level_stats(campaign, unit, sector, totals["submitted"], suppress=suppress) if levels else None,
        remediation=remediation_stats(campaign, unit),
    )


def remediation_stats(campaign: Campaign, unit: Unit) -> RemediationStats | None:
    """Remediation items by status for the subtree: None until the remediation step exists (a later
    issue fills this in from its own tallies). Never a made-up figure."""
    return None


def level_stats(campaign: Campaign, unit: Unit, sector: str, submitted: int, *, suppress: bool) -> LevelStats:
    """Members at each level per group, manifestation and indicator (three queries for the
    catalogue, one for the scale, one for the counts)."""
    rows = LevelTally.objects.filter(campaign=campaign, unit_path=unit.path)  # the unit's own roll-up rows
    if sector:
        rows = rows.filter(sector=sector)
    counted: dict[tuple[str, str, str], int] = {
        (r["kind"], r["code"], r["level"]): r["n"]
        for r in rows.order_by().values("kind", "code", "level").annotate(n=Sum("n"))
    }
    scale = [(lv.code, lv.label) for lv in catalog_levels(campaign.catalog)]
    k = small_cell_k()
    build = _ItemBuilder(counted, [code for code, _label in scale], submitted, k if suppress else 0)
    groups = []
    for group in catalog_tree(campaign.catalog):
        g_item = build("g", group.code, group.title)
        for manifestation in group.manifestations.all():
            m_item = build("m", manifestation.code, manifestation.display_text)
            m_item.children = [build("i", i.code, i.display_text) for i in manifestation.indicators.all()]
            g_item.children.append(m_item)
        groups.append(g_item)
    return LevelStats(scale=scale, groups=groups, submitted=submitted, k=k, suppressed=suppress)


class _ItemBuilder:
    """Counts of one item at each level, "none" derived, each count below `k` suppressed together with
    what would give it away by subtraction (see `hidden_cells`)."""

    def __init__(self, counted: dict[tuple[str, str, str], int], levels: list[str], submitted: int, k: int) -> None:
        self.counted, self.levels, self.submitted, self.k = counted, levels, submitted, k

    def __call__(self, kind: str, code: str, label: str) -> ItemLevels:
        above = [self.counted.get((kind, code, level), 0) for level in self.levels[1:]]
        identified = sum(above)
        exact = [max(self.submitted - identified, 0), *above] if self.levels else []
        hidden = hidden_cells(exact, identified, self.k)
        return ItemLevels(
            kind=kind,
            code=code,
            label=label,
            counts=[None if i in hidden else n for i, n in enumerate(exact)],
            identified=None if IDENTIFIED in hidden else identified,
        )


IDENTIFIED = -1  # the "identified" count's place in `hidden_cells`


def hidden_cells(counts: list[int], identified: int, k: int) -> set[int]:
    """Which of an item's counts to hide: `counts` by level ("none" first), `identified` their sum
    above "none" (at `IDENTIFIED`). Every count below `k` is hidden, and then as many others as it takes
    so that no hidden count follows from the shown ones: the levels above "none" add up to
    `identified`, and "none" plus `identified` is the number submitted, which the page shows."""
    if k <= 0:
        return set()
    hidden = {i for i, n in enumerate(counts) if n < k}
    if identified < k:
        hidden.add(IDENTIFIED)
    levels = range(1, len(counts))
    while True:
        before = len(hidden)
        hidden_levels = [i for i in levels if i in hidden]
        shown = [i for i in levels if i not in hidden]
        if len(hidden_levels) == 1 and IDENTIFIED not in hidden:  # it would be `identified` minus the others
            hidden.add(min(shown, key=lambda i: counts[i]) if shown else IDENTIFIED)
        elif IDENTIFIED in hidden and not hidden_levels and shown:  # it would be their sum
            hidden.add(min(shown, key=lambda i: counts[i]))
        if (0 in hidden) != (IDENTIFIED in hidden) and counts:
            hidden |= {0, IDENTIFIED}
        if len(hidden) == before:
            return hidden
