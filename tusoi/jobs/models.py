"""Background jobs as rows: what runs, for whom, how far it got, and what it produced."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)


def result_path(job: "Job", filename: str) -> str:
    """MEDIA_ROOT/jobs/<id>-<random>/<name>: served only by the owner's download view; the random
    folder keeps results unguessable even where a web server exposes MEDIA_ROOT by mistake."""
    return f"jobs/{job.pk}-{secrets.token_urlsafe(16)}/{filename}"


class Job(models.Model):
    """One background job: a roster import, an export, a reminder run, a tally rebuild.

    A django-tasks task carries only the job's id; the worker claims the row (QUEUED → RUNNING with a
    fresh `run_token`), beats `heartbeat_at` while it works, and every later write is conditional on
    that token, so a worker the sweeper gave up on cannot overwrite a newer attempt.
    """

    kind = models.CharField(_("kind of job"), max_length=40, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=JobState.choices, default=JobState.QUEUED)
    cancel_requested = models.BooleanField(_("cancellation requested"), default=False)
    progress_done = models.PositiveIntegerField(_("steps done"), default=0)
    progress_total = models.PositiveIntegerField(_("steps in total"), default=0)
    log = models.TextField(_("log"), blank=True)
    result = models.FileField(_("result file"), upload_to=result_path, blank=True, max_length=255)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("task id"), max_length=64, blank=True, db_index=True)
    run_token = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="jobs_owner_created"),
            models.Index(fields=["state", "heartbeat_at"], name="jobs_state_heartbeat"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_done__lte=models.F("progress_total")) | Q(progress_total=0),
                name="jobs_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def percent(self) -> int:
        if self.state == JobState.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def kind_label(self) -> str:
        from .registry import kind_label

        return kind_label(self.kind)

    @property
    def log_lines(self) -> list[str]:
        return self.log.splitlines()
