"""What a running job's service may do: report progress, write log lines, notice a cancellation and
store its result file. Every write is conditional on the job's run token (see `Job`)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, models
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone

from .models import Job

MAX_LOG_CHARS = 50_000  # the log is for people: a few hundred lines, never a data dump
TRUNCATED = "[…]\n"


class JobCancelled(Exception):  # noqa: N818 - a signal, not an error
    """The owner asked to cancel; raised at the next checkpoint, the job ends CANCELLED."""


class JobLost(Exception):  # noqa: N818
    """The run token changed: the sweeper gave this run up and another attempt owns the job."""


class JobContext:
    """Handed to a job's runner with the job; the runner calls `progress` between chunks."""

    def __init__(self, job: Job, token: str) -> None:
        self.job = job
        self.token = token

    def _mine(self) -> "models.QuerySet[Job]":
        return Job.objects.filter(pk=self.job.pk, run_token=self.token)

    def _update(self, **fields: object) -> None:
        if not self._mine().update(heartbeat_at=timezone.now(), **fields):
            raise JobLost

    def log(self, line: str) -> None:
        if self.job.log.endswith(TRUNCATED):
            return
        stamp = timezone.localtime().strftime("%H:%M:%S")
        text = f"{stamp} {line}\n" if len(self.job.log) + len(line) < MAX_LOG_CHARS else TRUNCATED
        self._update(log=Concat(F("log"), Value(text)))
        self.job.log += text

    def progress(self, done: int, total: int | None = None) -> None:
        """Record progress, beat the heart, and stop here if the owner cancelled the job."""
        total = self.job.progress_total if total is None else total
        done = min(done, total) if total else done
        fields: dict[str, object] = {"progress_done": done, "progress_total": total}
        self._update(**fields)
        self.job.progress_done, self.job.progress_total = done, total
        self.check_cancel()

    def check_cancel(self) -> None:
        if self._mine().filter(cancel_requested=True).exists():
            raise JobCancelled

    def save_result(self, filename: str, content: bytes) -> None:
        """Store (or replace: a rerun overwrites its own result) the job's result file."""
        old = self.job.result.name if self.job.result else ""
        self.job.result.save(filename, ContentFile(content), save=False)
        self._update(result=self.job.result.name)
        if old and old != self.job.result.name:
            self.job.result.storage.delete(old)


@contextmanager
def heartbeat(job_id: int, token: str) -> Iterator[None]:
    """Beat the job's heart from a thread while the runner works (a long step between progress calls
    must not look like a dead worker). The thread's first beat comes after one interval."""
    interval = settings.TUSOI_JOBS_HEARTBEAT_SECONDS
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(interval):
                try:
                    Job.objects.filter(pk=job_id, run_token=token).update(heartbeat_at=timezone.now())
                except DatabaseError:  # SQLite busy while the runner holds the write lock: next time
                    continue
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 5)
