"""Campaigns the user takes part in or oversees (tusoi.policy.visible_campaigns), and their branch
sessions as on the campaign page: states and counts, never a name above the branch."""

from datetime import date, datetime
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tusoi.campaigns.models import BranchSession, Campaign
from tusoi.policy import overseen_sessions, visible_campaigns

from ..auth import request_user
from ..schemas import ALWAYS, NOT_FOUND, PageQuery, UnitRef, page
from .common import ObjectId, UnitCode, get_or_404, managed_unit_by_code

router = Router(tags=["campaigns"])

CampaignStatusCode = Literal["draft", "published", "closed"]
SessionStatusCode = Literal["self_review", "drafting", "consulting", "scheduled", "held", "reported"]
REVIEW_STATES = ("not_started", "draft", "submitted", "returned")


class DeadlinesOut(Schema):
    self_review_due: date | None
    draft_due: date | None
    consultation_due: date | None
    meeting_due: date | None
    report_due: date | None


class CampaignOut(Schema):
    id: int
    plan_number: str
    title: str
    issuer: UnitRef
    year: int
    period: str
    status: CampaignStatusCode
    catalog: int = Field(description="The id of the pinned catalogue version.")
    published_at: datetime | None
    deadlines: DeadlinesOut = Field(description="The campaign's own deadlines (committees may set earlier ones).")


class CampaignPage(Schema):
    items: list[CampaignOut]
    count: int


class CampaignDetailOut(CampaignOut):
    legal_bases: str
    instructions: str
    target_sectors: list[str]
    target_scopes: list[str]


class CampaignFilters(PageQuery):
    status: CampaignStatusCode | None = None
    year: int | None = Field(None, ge=1900, le=9999)


class ProgressOut(Schema):
    enrolled: int
    not_started: int
    draft: int
    submitted: int
    returned: int


class SessionOut(Schema):
    id: int
    branch: UnitRef
    status: SessionStatusCode
    held_on: date | None
    self_reviews: ProgressOut = Field(description="Counts of the enrolled members' self-reviews by state.")


class SessionPage(Schema):
    items: list[SessionOut]
    count: int


class SessionFilters(PageQuery):
    under: UnitCode | None = Field(None, description="Only the branches below this unit.")
    status: SessionStatusCode | None = None


def _unit_ref(unit: Any) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name}


def _out(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "plan_number": campaign.plan_number,
        "title": campaign.title,
        "issuer": _unit_ref(campaign.issuer),
        "year": campaign.year,
        "period": campaign.period,
        "status": campaign.status,
        "catalog": campaign.catalog_id,
        "published_at": campaign.published_at,
        "deadlines": {name: getattr(campaign, name) for name in Campaign.DEADLINE_NAMES},
    }


def visible_campaign(user: Any, pk: int) -> Campaign:
    return get_or_404(visible_campaigns(user).select_related("issuer"), pk=pk)


@router.get("/", response={200: CampaignPage, **ALWAYS}, summary="List campaigns")
def campaign_list(request: HttpRequest, filters: Query[CampaignFilters]) -> dict[str, Any]:
    """Campaigns the caller takes part in or oversees, newest first."""
    campaigns = (
        visible_campaigns(request_user(request)).select_related("issuer").order_by("-year", "-created_at", "-pk")
    )
    if filters.status:
        campaigns = campaigns.filter(status=filters.status)
    if filters.year:
        campaigns = campaigns.filter(year=filters.year)
    result = page(campaigns, filters)
    return {"items": [_out(c) for c in result["items"]], "count": result["count"]}


@router.get("/{id}", response={200: CampaignDetailOut, **ALWAYS, **NOT_FOUND}, summary="Read a campaign")
def campaign_detail(request: HttpRequest, id: ObjectId) -> dict[str, Any]:
    campaign = visible_campaign(request_user(request), id)
    return {
        **_out(campaign),
        "legal_bases": campaign.legal_bases,
        "instructions": campaign.instructions,
        "target_sectors": list(campaign.target_sectors or []),
        "target_scopes": list(campaign.target_scopes or []),
    }


def _with_counts(sessions: QuerySet[BranchSession]) -> QuerySet[BranchSession]:
    active = Q(reviews__is_active=True)
    counts = {state: Count("reviews", filter=active & Q(reviews__status=state)) for state in REVIEW_STATES}
    return sessions.annotate(enrolled=Count("reviews", filter=active), **counts)


def _session_out(session: Any) -> dict[str, Any]:
    return {
        "id": session.pk,
        "branch": _unit_ref(session.branch),
        "status": session.status,
        "held_on": session.held_on,
        "self_reviews": {"enrolled": session.enrolled, **{s: getattr(session, s) for s in REVIEW_STATES}},
    }


@router.get(
    "/{id}/sessions/", response={200: SessionPage, **ALWAYS, **NOT_FOUND}, summary="List a campaign's branch sessions"
)
def campaign_sessions(request: HttpRequest, id: ObjectId, filters: Query[SessionFilters]) -> dict[str, Any]:
    """The branch sessions the caller oversees (an office its subtree, a branch committee its branch),
    with their state and counts of self-reviews by state: no names."""
    user = request_user(request)
    campaign = visible_campaign(user, id)
    sessions = overseen_sessions(user).filter(campaign=campaign).select_related("branch").order_by("branch_path")
    if filters.under:
        sessions = sessions.filter(BranchSession.in_subtree_q(managed_unit_by_code(user, filters.under).path))
    if filters.status:
        sessions = sessions.filter(status=filters.status)
    result = page(_with_counts(sessions), filters)
    return {"items": [_session_out(s) for s in result["items"]], "count": result["count"]}
