"""`manage.py run_worker`: django-tasks-db's `db_worker`, plus the job sweeper every minute.

It takes db_worker's options (--queue-name, --interval, --batch, --max-tasks, --worker-id …; not
--reload) and --sweep-every SECONDS. Between two tasks, at most that often, it runs the sweeper, so
the jobs of a worker that died are queued again or failed, and task rows left RUNNING are closed.
When the database cannot be reached (a restart, a failover), it waits and tries again instead of
exiting (except with --batch).
"""

import logging
import signal
import time
from argparse import ArgumentParser
from typing import Any

from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from tusoi.jobs.daily import DailyDuties
from tusoi.jobs.services import jobs_sweep

logger = logging.getLogger("tusoi.jobs")


class SweepingWorker(Worker):
    """db_worker's loop (claim the next ready task in an exclusive transaction, run it) with a sweep
    every `sweep_every` seconds, whether tasks are running or not; it outlives a database restart."""

    database_retry = 2.0  # seconds between two tries while the database cannot be reached

    def __init__(self, *, sweep_every: float, keep_running: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sweep_every = sweep_every
        self.keep_running = keep_running
        self.next_sweep = 0.0
        self.daily = DailyDuties()

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

    def claim_next(self) -> tuple[bool, DBTaskResult | None]:
        """(whether the queue could be read, the task claimed if any)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task = tasks.get_locked()
                if task is not None:
                    task.claim(self.worker_id)  # so no other worker runs it
            except OperationalError as error:
                if is_locked_database_exception(error):
                    return False, None  # SQLite busy: try again after the interval
                raise
        return True, task

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        while self.running:
            try:
                if self.turn():
                    return
            except (InterfaceError, OperationalError):
                if not self.keep_running:
                    raise  # --batch: report it
                # The database restarting or failing over: wait and carry on rather than exit. A task
                # claimed meanwhile and left RUNNING, and its job, are taken care of by the sweeper.
                logger.warning("database unavailable; next try in %s s", self.database_retry, exc_info=True)
                connections.close_all()
                time.sleep(self.database_retry)

    def turn(self) -> bool:
        """One turn of the loop: sweep and daily duties when due, claim and run the next task; True
        when the worker is done (--batch with an empty queue, or --max-tasks reached)."""
        self.sweep_if_due()
        self.daily.run_if_due()  # the automatic reminders, once a day
        close_old_connections()
        read, task = self.claim_next()
        if task is not None:
            self.run_task(task)
        elif read and not self.keep_running:
            return True  # --batch: the queue is empty
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            return True
        close_old_connections()
        if self.running and task is None:
            time.sleep(self.interval)
        return False


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
        previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
        worker.configure_signals()
        try:
            worker.run()
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
