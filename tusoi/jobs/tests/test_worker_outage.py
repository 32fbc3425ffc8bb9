"""The job worker outlives a database outage (a PostgreSQL restart, a failover): while the database
cannot be reached it waits and tries again, and once it can, it runs the queued job. Before, the
first OperationalError ended `run_worker` for good (seen in the fault run, bench/faults)."""

import logging
import threading
import time
from typing import Any

import pytest
from django.db import connections

from tusoi.jobs.kinds import TALLIES
from tusoi.jobs.management.commands.run_worker import SweepingWorker
from tusoi.jobs.models import JobState
from tusoi.jobs.services import job_create

pytestmark = pytest.mark.django_db(transaction=True)


def unreachable(settings_dict: dict[str, Any]) -> str:
    """A database name the server cannot open: a missing PostgreSQL database, a SQLite file in a
    folder that does not exist."""
    if "sqlite" in settings_dict["ENGINE"]:
        return "/nonexistent-folder/tusoi/unreachable.sqlite3"
    return "tusoi_unreachable_database"


def test_worker_waits_out_an_unreachable_database_then_runs_the_job(caplog: pytest.LogCaptureFixture) -> None:
    job = job_create(kind=TALLIES, owner=None)  # autocommit: enqueued at once
    worker = SweepingWorker(
        queue_names=["default"],
        interval=0.05,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="outage-test",
        excluded_queue_names=[],
        sweep_every=3600,
        keep_running=True,
    )
    worker.database_retry = 0.05
    held: dict[str, Any] = {}
    outage = threading.Event()

    def run() -> None:
        wrapper = connections["default"]  # this thread's own connection
        held["wrapper"], held["name"] = wrapper, wrapper.settings_dict["NAME"]
        wrapper.settings_dict = {**wrapper.settings_dict, "NAME": unreachable(wrapper.settings_dict)}
        outage.set()
        try:
            worker.run()
        except BaseException as exc:  # the test asserts the worker did not stop on its own
            held["raised"] = exc
        finally:
            connections.close_all()

    caplog.set_level(logging.WARNING, logger="tusoi.jobs")
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert outage.wait(5)
    deadline = time.monotonic() + 10
    while "database unavailable" not in caplog.text and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "database unavailable" in caplog.text
    assert thread.is_alive()  # still trying, not gone
    held["wrapper"].settings_dict["NAME"] = held["name"]  # the database is back
    thread.join(timeout=20)
    assert not thread.is_alive()
    assert "raised" not in held
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert worker._run_tasks == 1
