"""For tests: run the queued tasks in this process with the real database worker (batch mode)."""

from django_tasks_db.management.commands.db_worker import Worker


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
    worker.run()
    return worker._run_tasks
