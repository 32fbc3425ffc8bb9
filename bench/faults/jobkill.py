"""Scenario 3: the job worker SIGKILLed in the middle of a job, and started again at once (as a
process supervisor would). The job (bench.faults.hooks' slow check: one-second steps with progress,
then the tally check) must end succeeded after a new attempt, or failed with a message; never stay
RUNNING or QUEUED. The sweeper's threshold is 12 s in bench.faults.settings (5 minutes in the
product); the figures say how long each step took."""

import time
from typing import Any

from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from tusoi.jobs.models import Job, JobState
from tusoi.jobs.services import job_create

from .hooks import SLOW_JOB
from .processes import JobWorker

FINAL = (JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED)


def _job(pk: int) -> Job:
    return Job.objects.get(pk=pk)


def run(worker: JobWorker, *, steps: int = 10, timeout: float = 120) -> dict[str, Any]:
    connection.close()
    if not worker.alive():
        worker.start()
    with transaction.atomic():
        job = job_create(kind=SLOW_JOB, owner=None, params={"steps": steps})
    created = time.monotonic()
    deadline = created + 60
    while not (_job(job.pk).state == JobState.RUNNING and _job(job.pk).progress_done >= 2):
        if time.monotonic() > deadline:
            raise RuntimeError(f"job {job.pk} did not start within 60 s (state {_job(job.pk).state})")
        time.sleep(0.2)
    running = _job(job.pk)
    worker.kill()
    killed_at = time.monotonic()
    worker.start()
    timeline: list[tuple[float, str, int]] = []
    current = running
    while time.monotonic() - killed_at < timeout:
        current = _job(job.pk)
        if not timeline or timeline[-1][1:] != (current.state, current.attempts):
            timeline.append((round(time.monotonic() - killed_at, 1), str(current.state), current.attempts))
        if current.state in FINAL:
            break
        time.sleep(0.25)
    stuck_tasks = DBTaskResult.objects.filter(status="RUNNING", args_kwargs__args=[job.pk]).count()
    requeued = next((t for t, state, attempts in timeline if state == JobState.QUEUED or attempts > 1), None)
    return {
        "job": job.pk,
        "steps": steps,
        "killed_at_step": running.progress_done,
        "started_after_s": round(killed_at - created, 1),
        "final_state": str(current.state),
        "attempts": current.attempts,
        "stuck": current.state not in FINAL,
        "requeued_after_s": requeued,
        "recovered_after_s": timeline[-1][0] if current.state in FINAL else None,
        "task_rows_left_running": stuck_tasks,
        "error": current.error,
        "timeline": [{"t": t, "state": s, "attempts": a} for t, s, a in timeline],
        "log": current.log.splitlines()[-4:],
    }
