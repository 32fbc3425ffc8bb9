"""`manage.py run_worker`: django-tasks-db's `db_worker`, plus the job sweeper every minute.

It takes db_worker's options (--queue-name, --interval, --batch, --max-tasks, --worker-id …) and
--sweep-every SECONDS. Between tasks (and after each one, at most that often) it runs the sweeper, so
jobs of a worker that died are queued again or failed, and task rows left RUNNING are closed.
"""

import logging
import time
from argparse import ArgumentParser
from typing import Any

from django.db import DatabaseError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tusoi.jobs.services import jobs_sweep

logger = logging.getLogger("tusoi.jobs")


class SweepingWorker(Worker):
    """db_worker's loop in batch passes, with a sweep between passes and after tasks."""

    def __init__(self, *, sweep_every: float, keep_running: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sweep_every = sweep_every
        self.keep_running = keep_running
        self.next_sweep = 0.0

    def sweep_if_due(self) -> None:
        if time.monotonic() < self.next_sweep:
            return
        self.next_sweep = time.monotonic() + self.sweep_every
        try:
            result = jobs_sweep()
        except DatabaseError:  # a locked or restarting database: the next sweep will do
            logger.warning("job sweep failed", exc_info=True)
            return
        if result.requeued or result.failed or result.tasks_failed:
            logger.warning(
                "job sweep: %s requeued, %s failed, %s task rows closed",
                result.requeued,
                result.failed,
                result.tasks_failed,
            )

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        self.sweep_if_due()

    def run(self) -> None:
        self.batch = True  # the parent returns when the queue is empty; this loop sleeps and sweeps
        while self.running:
            self.sweep_if_due()
            super().run()
            self.startup_delay = False
            if not self.keep_running or (self.max_tasks is not None and self._run_tasks >= self.max_tasks):
                return
            time.sleep(self.interval)


class Command(DbWorkerCommand):
    help = "Run background jobs (django-tasks database worker) and sweep up after dead workers."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--sweep-every", type=float, default=60.0, help="Seconds between two sweeps (default: %(default)s)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        worker = SweepingWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=True,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=options["exclude_queues"].split(",") if options["exclude_queues"] else [],
            sweep_every=options["sweep_every"],
            keep_running=not options["batch"],
        )
        worker.configure_signals()
        worker.run()
