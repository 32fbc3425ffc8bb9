"""Access to background jobs and roster imports: each belongs to the user who started it."""

from typing import Any

from django.db.models import QuerySet

from tusoi.jobs.models import Job
from tusoi.roster.models import RosterImport

from .org import managed_branches
from .scope import user_scope


def visible_jobs(user: Any) -> QuerySet[Job]:
    """A job, its progress, log and result file are its owner's alone."""
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    return Job.objects.filter(owner=user)


def can_run_system_jobs(user: Any) -> bool:
    """Reminder runs and tally rebuilds concern every campaign: administrators start them (they read
    no personal content)."""
    return user_scope(user).is_admin


def can_import_roster(user: Any) -> bool:
    """Whoever manages an active branch's roster may import members into it."""
    return managed_branches(user).exists()


def visible_roster_imports(user: Any) -> QuerySet[RosterImport]:
    """An uploaded roster file and its report are seen only by the user who uploaded it."""
    if not getattr(user, "is_authenticated", False):
        return RosterImport.objects.none()
    return RosterImport.objects.filter(owner=user)
