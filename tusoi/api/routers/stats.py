"""A campaign's statistics for a unit's subtree: the object `manage.py campaign_stats --json` prints,
from the same selector as the dashboard (tusoi.stats.selectors.campaign_stats).

Counts only, no name and no text written by a member; counts of members at a level are null below
the small-cell threshold k, except for the branch's own committee looking at its branch.
"""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from tusoi.org.models import Unit
from tusoi.policy.stats import can_view_stats, sees_exact_counts, stats_campaigns, stats_roots
from tusoi.stats.selectors import campaign_stats

from ..auth import request_user
from ..schemas import ALWAYS, NOT_FOUND, InputSchema
from .common import ObjectId, UnitCode, get_or_404
from .units import SectorCode

router = Router(tags=["statistics"])

Counts = dict[str, int | None]


class HeldOut(Schema):
    held: int
    total: int


class CompletedOut(Schema):
    completed: int
    total: int


class MembersOut(Schema):
    enrolled: int
    submitted: int
    returned: int
    present: int


class ReportsOut(Schema):
    received: int
    acknowledged: int
    expected: int


class LevelItemOut(Schema):
    code: str
    counts: Counts = Field(description="Members at each level of the scale (null: fewer than k).")
    identified: int | None = Field(description="Members at any level above “none” (null: fewer than k).")


class ManifestationLevelsOut(LevelItemOut):
    indicators: list[LevelItemOut]


class GroupLevelsOut(LevelItemOut):
    title: str
    manifestations: list[ManifestationLevelsOut]


class ScaleLevelOut(Schema):
    code: str
    label: str


class LevelsOut(Schema):
    k: int = Field(description="The small-cell threshold.")
    suppressed: bool = Field(description="Whether counts below k are hidden (null).")
    submitted: int
    scale: list[ScaleLevelOut]
    groups: list[GroupLevelsOut]


class CampaignStatsOut(Schema):
    campaign: str = Field(description="The plan number.")
    period: str
    year: int
    unit: str = Field(description="The unit's code.")
    unit_name: str
    sector: str | None
    grassroots_branches: HeldOut
    affiliated_branches: HeldOut
    grassroots_committees: CompletedOut
    sessions: HeldOut
    meetings: int
    opinions: int
    comments: int
    members: MembersOut
    reports: ReportsOut
    levels: LevelsOut | None
    remediation: dict[str, int] | None = Field(description="Remediation items by status (null until available).")


class StatsQuery(InputSchema):
    unit: UnitCode | None = Field(
        None, description="The unit whose subtree is counted (default: the caller's top unit)."
    )
    sector: SectorCode | None = Field(None, description="Only this sector's branches.")
    levels: bool = Field(True, description="Include the members at each level of the catalogue.")


def _unit(user: Any, campaign: Any, code: str | None) -> Unit:
    """The unit asked for (or the caller's top unit in the campaign's subtree), if the caller may see
    its statistics: 404 otherwise, as for an unknown code."""
    issuer_path = campaign.issuer.path
    if code is None:
        roots = stats_roots(user)
        if any(issuer_path.startswith(u.path) for u in roots):
            return campaign.issuer
        inside = [u for u in roots if u.path.startswith(issuer_path)]
        if not inside:
            raise Http404
        return inside[0]
    unit = get_or_404(Unit.objects.filter(path__startswith=issuer_path), code=code)
    if not can_view_stats(user, unit):
        raise Http404
    return unit


@router.get("/{id}/stats", response={200: CampaignStatsOut, **ALWAYS, **NOT_FOUND}, summary="A campaign's statistics")
def campaign_stats_view(request: HttpRequest, id: ObjectId, query: Query[StatsQuery]) -> dict[str, Any]:
    """The figures of a published campaign for a unit's subtree (an office: its subtree; a branch
    committee: its branch). A unit outside the caller's reach or outside the campaign: 404."""
    user = request_user(request)
    campaign = get_or_404(stats_campaigns(user).select_related("issuer", "catalog"), pk=id)
    unit = _unit(user, campaign, query.unit)
    stats = campaign_stats(
        campaign, unit, sector=query.sector or "", suppress=not sees_exact_counts(user, unit), levels=query.levels
    )
    return stats.as_dict()
