"""`manage.py sweep_jobs`: requeue or fail the jobs of dead workers and close their task rows."""

from typing import Any

from django.core.management.base import BaseCommand

from tusoi.jobs.services import jobs_sweep


class Command(BaseCommand):
    help = (
        "Requeue (or fail after the last attempt) the jobs whose worker stopped beating their heart, and "
        "mark FAILED the task rows a dead worker left RUNNING. `run_worker` does this every minute."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = jobs_sweep()
        self.stdout.write(
            f"{result.requeued} jobs queued again, {result.failed} failed, {result.tasks_failed} task rows closed"
        )
