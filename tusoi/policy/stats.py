"""Access to the roll-up statistics, dashboards and summary reports.

Above the branch everything is counts, and counts of members at a level of the catalogue are
suppressed below k (DESIGN.md §3). The branch's own committee sees its branch's exact counts; an
office sees its subtree; nobody sees a person through these pages (they never go below the branch).
"""

from typing import Any

from django.db.models import Q, QuerySet

from tusoi.campaigns.models import Campaign, CampaignStatus
from tusoi.org.models import Unit, UnitKind
from tusoi.stats.models import SummaryReport

from .rounds import can_oversee_unit, is_branch_committee, visible_campaigns
from .scope import user_scope


def stats_roots(user: Any) -> list[Unit]:
    """The top-most units whose statistics the user may see: their offices and the branches whose
    committee they sit on, without those already inside another (path order)."""
    scope = user_scope(user)
    units = sorted({u.pk: u for u in (*scope.offices, *scope.branch_committee)}.values(), key=lambda u: u.path)
    roots: list[Unit] = []
    for unit in units:
        if not any(unit.path.startswith(root.path) for root in roots):
            roots.append(unit)
    return roots


def can_view_stats(user: Any, unit: Unit) -> bool:
    """Counts for `unit`'s subtree: an office at or above it, or its own branch committee."""
    return can_oversee_unit(user, unit)


def sees_exact_counts(user: Any, unit: Unit) -> bool:
    """Exact (unsuppressed) counts of members at each level: only a branch's own committee, for it."""
    return unit.kind == UnitKind.BRANCH and is_branch_committee(user, unit)


def stats_campaigns(user: Any) -> QuerySet[Campaign]:
    """Published and closed campaigns the user may see statistics of."""
    return visible_campaigns(user).exclude(status=CampaignStatus.DRAFT)


def summary_units(user: Any) -> list[Unit]:
    """Units for which the user writes summary reports: their offices (committees and the bloc)."""
    return [u for u in user_scope(user).offices if u.kind != UnitKind.BRANCH]


def can_write_summary_report(user: Any, unit: Unit) -> bool:
    return any(u.pk == unit.pk for u in summary_units(user))


def visible_summary_reports(user: Any) -> QuerySet[SummaryReport]:
    """Summary reports of the units at or below the user's offices."""
    q = Q(pk__in=[])
    for unit in user_scope(user).offices:
        q |= Q(unit_path__startswith=unit.path)
    return SummaryReport.objects.filter(q)


def can_edit_summary_report(user: Any, report: SummaryReport) -> bool:
    """The unit's own office edits and issues its report while it is a draft."""
    return report.is_editable and can_write_summary_report(user, report.unit)
