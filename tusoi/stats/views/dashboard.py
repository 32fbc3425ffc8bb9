"""The dashboards: the user's starting units, one unit's dashboard (drill-down one level at a time,
never below the branch) and its tables as .xlsx.

Access: `tusoi.policy` decides which units (an office's subtree, a branch committee's own branch)
and whether level counts are exact (the branch's own committee) or suppressed below k (everyone else).
A unit outside the user's reach answers 404.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tusoi.campaigns.models import Campaign
from tusoi.campaigns.selectors import breadcrumb
from tusoi.core.text import fold
from tusoi.org.models import Sector, Unit
from tusoi.policy import can_view_stats, can_write_summary_report, sees_exact_counts, stats_campaigns, stats_roots

from ..dashboard import unit_dashboard
from ..exports import TABLES, dashboard_workbook
from ..rebuild import ancestor_paths

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Filters:
    """The campaign, year and sector chosen (GET parameters), and the choices offered."""

    campaigns: list[Campaign]
    years: list[int]
    campaign: Campaign | None = None
    year: int | None = None
    sector: str = ""
    sectors: list[tuple[str, Any]] = field(default_factory=lambda: list(Sector.choices))

    def query(self, **changes: Any) -> str:
        params = {"campaign": self.campaign.pk if self.campaign else "", "sector": self.sector}
        params |= changes
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _filters(request: HttpRequest, unit: Unit) -> Filters:
    """Campaigns of the unit's reach (issued at or above it, or inside its subtree) that the user sees."""
    related = Q(issuer__path__startswith=unit.path) | Q(issuer__path__in=[*ancestor_paths(unit.path), unit.path])
    campaigns = list(
        stats_campaigns(request.user)
        .filter(related)
        .select_related("issuer", "catalog")
        .order_by("-year", "-published_at", "-pk")
    )
    years = sorted({c.year for c in campaigns}, reverse=True)
    year = _int(request.GET.get("year"))
    year = year if year in years else None
    offered = [c for c in campaigns if year is None or c.year == year]
    wanted = _int(request.GET.get("campaign"))
    campaign = next((c for c in offered if c.pk == wanted), offered[0] if offered else None)
    sector = request.GET.get("sector", "")
    return Filters(
        campaigns=offered,
        years=years,
        campaign=campaign,
        year=year,
        sector=sector if sector in Sector.values else "",
    )


def _stats_unit(request: HttpRequest, pk: int) -> Unit:
    unit = get_object_or_404(Unit, pk=pk)
    if not can_view_stats(request.user, unit):
        raise Http404
    return unit


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Straight to the dashboard of the user's one unit, else the list of their units."""
    roots = stats_roots(request.user)
    if len(roots) == 1:
        return redirect("stats:dashboard", pk=roots[0].pk)
    return render(request, "stats/index.html", {"roots": roots})


@login_required
def unit_dashboard_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _stats_unit(request, pk)
    filters = _filters(request, unit)
    roots = stats_roots(request.user)
    root = next((r for r in roots if unit.path.startswith(r.path)), unit)
    context: dict[str, Any] = {
        "unit": unit,
        "filters": filters,
        "trail": breadcrumb(root, unit),
        "exact": sees_exact_counts(request.user, unit),
        "can_report": can_write_summary_report(request.user, unit),
        "tables": list(TABLES),
        # Links built once, not reversed for each of hundreds of rows.
        "query": filters.query(),
        "units_url": reverse("stats:dashboard", args=[0]).removesuffix("0/"),
    }
    if filters.campaign is not None:
        dashboard = unit_dashboard(
            filters.campaign,
            unit,
            today=timezone.localdate(),
            sector=filters.sector,
            suppress=not context["exact"],
        )
        context |= {"dashboard": dashboard, "stats": dashboard.stats, "charts": _charts(dashboard)}
    return render(request, "stats/dashboard.html", context)


def _charts(dashboard: Any) -> dict[str, Any]:
    """The data of the three charts (the same numbers as the tables; suppressed counts are null)."""
    levels = dashboard.stats.levels
    top = levels.top_manifestations() if levels else []
    return {
        "labels": {
            "daily": _("Submitted that day"),
            "cumulative": _("Submitted in total"),
            "pace": _("Steady pace to the deadline"),
            "held": _("% of branches that held the meeting"),
            "submitted": _("% of self-reviews submitted"),
        },
        "progress": dashboard.series.chart(),
        "sub_units": {
            "labels": [row.unit.name for row in dashboard.sub_units],
            "held": [row.sessions.percent for row in dashboard.sub_units],
            "submitted": [row.submissions.percent for row in dashboard.sub_units],
        },
        "manifestations": {
            "labels": [m.code for m in top],
            "levels": [label for _code, label in levels.scale[1:]] if levels else [],
            "counts": [[m.counts[i] for m in top] for i in range(1, len(levels.scale))] if levels else [],
        },
    }


@login_required
def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One table (`?table=`) or all of them, for the chosen campaign and sector."""
    unit = _stats_unit(request, pk)
    filters = _filters(request, unit)
    table = request.GET.get("table", "")
    if filters.campaign is None or (table and table not in TABLES):
        raise Http404
    dashboard = unit_dashboard(
        filters.campaign,
        unit,
        today=timezone.localdate(),
        sector=filters.sector,
        suppress=not sees_exact_counts(request.user, unit),
    )
    content = dashboard_workbook(dashboard, [table] if table else list(TABLES))
    name = "-".join(fold(part).replace(" ", "-") for part in (filters.campaign.plan_number, unit.code, table) if part)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="thong-ke-{ascii_name(name)}.xlsx"'
    return response


def ascii_name(text: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in text)
