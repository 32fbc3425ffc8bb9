"""Reads for background jobs: the user's own jobs, and what they may start from the jobs page."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from tusoi.campaigns.models import BranchSession, CampaignStatus
from tusoi.policy import can_run_system_jobs, visible_jobs

from .kinds import REMINDERS, TALLIES
from .models import Job
from .registry import get_kind


def own_jobs(user: Any) -> QuerySet[Job]:
    return visible_jobs(user).defer("log", "params")


def job_for_owner(user: Any, pk: int) -> Job:
    """The user's job `pk` (404 for anyone else's, as for a missing one)."""
    return get_object_or_404(visible_jobs(user), pk=pk)


def system_kinds(user: Any) -> list[tuple[str, str]]:
    """(key, label) of the jobs over every campaign the user may start (administrators)."""
    if not can_run_system_jobs(user):
        return []
    return [(key, str(kind.label)) for key in (REMINDERS, TALLIES) if (kind := get_kind(key)) is not None]


def report_sessions(user: Any) -> QuerySet[BranchSession]:
    """Sessions of open campaigns whose personal reports the user may export (their branch committee)."""
    from tusoi.reviews.selectors import committee_sessions

    return committee_sessions(user).filter(campaign__status=CampaignStatus.PUBLISHED)
