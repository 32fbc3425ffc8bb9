"""Writes for background jobs: create (and enqueue when the transaction commits), cancel, run — the
body of the one django-tasks task — and sweep up after dead workers.

A job is safe to run twice: a run starts only from QUEUED, every write of a run is conditional on
its token, and each kind's service is idempotent (an import applied twice changes nothing the second
time; an export overwrites its own result).
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tusoi.core.audit import audit_record

from .context import JobCancelled, JobContext, JobLost, heartbeat
from .models import Job, JobState
from .registry import get_kind

logger = logging.getLogger(__name__)


def job_create(*, kind: str, owner: Any, params: dict[str, Any] | None = None, language: str = "") -> Job:
    """Record a job for `owner` and enqueue it once the current transaction commits."""
    if get_kind(kind) is None:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(
        kind=kind,
        owner=owner if getattr(owner, "is_authenticated", False) else None,
        params=params or {},
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    audit_record(actor=owner, action="job.create", obj=job, detail={"kind": kind, "params": job.params})
    transaction.on_commit(lambda: job_enqueue(job_id=job.pk))
    return job


def job_enqueue(*, job_id: int) -> None:
    """Hand the job to the task backend (the worker claims it from there)."""
    from .tasks import run_job  # the task module needs the app registry ready

    result = run_job.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_id=str(result.id))


@transaction.atomic
def job_cancel(*, job: Job, actor: Any = None) -> Job:
    """A queued job is cancelled at once; a running one stops at its next checkpoint."""
    now = timezone.now()
    if Job.objects.filter(pk=job.pk, state=JobState.QUEUED).update(
        state=JobState.CANCELLED, cancel_requested=True, finished_at=now
    ):
        detail = "queued"
    elif Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(cancel_requested=True):
        detail = "running"
    else:
        raise ValidationError(_("This job has already finished."))
    audit_record(actor=actor, action="job.cancel", obj=job, detail={"state": detail})
    job.refresh_from_db()
    return job


def _claim(job_id: int) -> str | None:
    """QUEUED → RUNNING with a new run token; None if the job is not (or no longer) queued."""
    token = uuid.uuid4().hex
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING,
        run_token=token,
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
        error="",
        attempts=F("attempts") + 1,
    )
    return token if claimed else None


def _finish(job: Job, token: str, state: str, error: str = "") -> None:
    now = timezone.now()
    fields: dict[str, Any] = {"state": state, "finished_at": now, "heartbeat_at": now, "error": error}
    if state == JobState.SUCCEEDED:
        fields["progress_done"] = F("progress_total")
    Job.objects.filter(pk=job.pk, run_token=token).update(**fields)


def job_execute(*, job_id: int) -> str:
    """The task body: claim the job, run its kind's service, record how it ended."""
    token = _claim(job_id)
    if token is None:
        return "skipped"
    job = Job.objects.select_related("owner").get(pk=job_id)
    kind = get_kind(job.kind)
    context = JobContext(job, token)
    with translation.override(job.language or settings.LANGUAGE_CODE), heartbeat(job.pk, token):
        try:
            if kind is None:
                raise ValidationError(_("This kind of job is no longer available."))
            kind.run(job, context)
        except JobLost:
            logger.warning("job %s: run given up by the sweeper, another attempt owns it", job_id)
            return "lost"
        except JobCancelled:
            context.log(_("Cancelled at the owner's request."))
            _finish(job, token, JobState.CANCELLED)
            return JobState.CANCELLED
        except ValidationError as error:
            _finish(job, token, JobState.FAILED, "\n".join(error.messages))
            return JobState.FAILED
        except Exception:
            logger.exception("job %s (%s) failed", job_id, job.kind)
            _finish(
                job,
                token,
                JobState.FAILED,
                _("An unexpected error stopped the job (the details are in the server log)."),
            )
            return JobState.FAILED
    _finish(job, token, JobState.SUCCEEDED)
    return JobState.SUCCEEDED


# --- Sweeping up after dead workers ------------------------------------------------------------


@dataclass
class SweepResult:
    requeued: int = 0
    failed: int = 0
    tasks_failed: int = 0


class WorkerLostError(Exception):
    """Recorded on a task row whose worker stopped while running it."""


def jobs_sweep(*, now: datetime | None = None) -> SweepResult:
    """Requeue (or fail, after the last attempt) jobs whose worker stopped beating their heart, and
    close the task rows such workers left RUNNING. Safe to run from several workers at once."""
    now = now or timezone.now()
    stale_before = now - timedelta(minutes=settings.TUSOI_JOBS_STALE_MINUTES)
    result = SweepResult()
    for job in Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=stale_before):
        outcome = _give_up_run(job, now)
        if outcome == JobState.QUEUED:
            result.requeued += 1
        elif outcome == JobState.FAILED:
            result.failed += 1
    result.failed += _fail_unstartable(stale_before, now)
    result.tasks_failed = _fail_stale_tasks(now)
    return result


def _give_up_run(job: Job, now: datetime) -> str | None:
    """The worker running `job` is gone: requeue it for another attempt, or fail it (or cancel it if
    its owner asked). The new state, or None if another sweeper got there first."""
    stamp = timezone.localtime(now).strftime("%H:%M:%S")
    with translation.override(job.language or settings.LANGUAGE_CODE):
        if job.cancel_requested:
            line = _("The worker stopped responding; the job was cancelled as its owner asked.")
            fields: dict[str, Any] = {"state": JobState.CANCELLED, "finished_at": now}
        elif job.attempts < settings.TUSOI_JOBS_MAX_ATTEMPTS:
            line = _("The worker stopped responding; the job is queued again.")
            fields = {"state": JobState.QUEUED, "run_token": ""}
        else:
            line = _("The worker stopped responding; the job was tried %(count)s times and is given up.") % {
                "count": job.attempts
            }
            fields = {"state": JobState.FAILED, "finished_at": now, "error": line}
    changed = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, run_token=job.run_token).update(
        log=job.log + f"{stamp} {line}\n", **fields
    )
    if not changed:
        return None
    _fail_task_row(job.task_id, now)
    if fields["state"] == JobState.QUEUED:
        job_enqueue(job_id=job.pk)  # the job row is already written (the sweeper runs in autocommit)
    return str(fields["state"])


def _fail_unstartable(stale_before: datetime, now: datetime) -> int:
    """Queued jobs whose task is gone or ended without starting them will never run: fail them."""
    from django_tasks_db.models import DBTaskResult

    failed = 0
    waiting = Job.objects.filter(state=JobState.QUEUED, created_at__lt=stale_before)
    for job in waiting:
        task = DBTaskResult.objects.filter(pk=job.task_id).first() if _is_uuid(job.task_id) else None
        if task is None and not job.task_id:
            job_enqueue(job_id=job.pk)  # the process died between commit and enqueue
            continue
        if task is not None and task.status in ("READY", "RUNNING"):
            continue
        with translation.override(job.language or settings.LANGUAGE_CODE):
            error = _("The job could not be started.")
        failed += Job.objects.filter(pk=job.pk, state=JobState.QUEUED).update(
            state=JobState.FAILED, finished_at=now, error=error
        )
    return failed


def _fail_stale_tasks(now: datetime) -> int:
    """Task rows left RUNNING by a dead worker (STACK: they would stay RUNNING for ever)."""
    from django_tasks_db.models import DBTaskResult

    from .tasks import run_job

    count = 0
    stale_jobs = now - timedelta(minutes=settings.TUSOI_JOBS_STALE_MINUTES)
    stale_other = now - timedelta(minutes=settings.TUSOI_TASKS_STALE_MINUTES)
    for task in DBTaskResult.objects.filter(status="RUNNING", started_at__lt=stale_jobs):
        if task.task_path == run_job.module_path:
            job_id = (task.args_kwargs.get("args") or [None])[0]
            live = Job.objects.filter(
                pk=job_id, task_id=str(task.pk), state=JobState.RUNNING, heartbeat_at__gte=stale_jobs
            )
            if live.exists():
                continue
        elif task.started_at and task.started_at >= stale_other:
            continue
        count += _fail_task_row(str(task.pk), now)
    return count


def _fail_task_row(task_id: str, now: datetime) -> int:
    from django_tasks_db.models import DBTaskResult

    if not _is_uuid(task_id):
        return 0
    return DBTaskResult.objects.filter(pk=task_id, status="RUNNING").update(
        status="FAILED",
        finished_at=now,
        exception_class_path=f"{WorkerLostError.__module__}.{WorkerLostError.__qualname__}",
        traceback="WorkerLostError: the worker stopped while running this task (found by the job sweeper)\n",
    )


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (TypeError, ValueError):
        return False
    return True
