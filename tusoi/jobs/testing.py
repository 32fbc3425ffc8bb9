"""For tests: run the queued tasks in this process with the real database worker (batch mode)."""

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django_tasks_db.management.commands.db_worker import Worker


@contextmanager
def keep_test_connection() -> Iterator[None]:
    """A worker drops old connections between tasks (close_old_connections); inside a test's
    transaction that would close it on PostgreSQL, so the call is a no-op while the test runs it."""
    with (
        mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
        mock.patch("tusoi.jobs.management.commands.run_worker.close_old_connections"),
    ):
        yield


def run_worker(max_tasks: int | None = None) -> int:
    """Run every ready task (as `run_worker --batch` would); return how many ran."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with keep_test_connection():
        worker.run()
    return worker._run_tasks
