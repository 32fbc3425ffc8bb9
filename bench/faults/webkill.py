"""Scenario 2: a web worker SIGKILLed in the middle of a submission.

The review is listed in the slow-submit flag file (bench.faults.hooks), so the worker handling its
submission stops inside the transaction, after the submitted version is written and before the
commit, and says which process it is. The driver kills that process, then checks: no partial
self-review (the row as before the POST, no submitted version), the tallies equal a recount,
gunicorn has started a new worker, and the same submission sent again is accepted."""

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

from tusoi.catalog.models import CatalogVersion

from .. import submissions
from ..server import Server
from . import checks
from .clients import Attempt, attempt
from .hooks import faults_dir


def _wait_for(path: Path, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            return int(path.read_text())
        time.sleep(0.05)
    raise RuntimeError(f"no worker reached the slowed submission in {timeout} s")


def _respawned(server: Server, killed: int, timeout: float) -> float | None:
    """When (time.monotonic()) gunicorn had its full count of workers again, without the killed one."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        pids = server.worker_pids()
        if killed not in pids and len(pids) >= server.workers:
            return time.monotonic()
        time.sleep(0.02)
    return None


def run(server: Server, review_id: int, catalog: CatalogVersion, *, indicators: int) -> dict[str, Any]:
    folder = faults_dir()
    flag, held = folder / "slow-submit", folder / f"held-{review_id}"
    held.unlink(missing_ok=True)
    job = next(submissions.submission_jobs(server.port, [review_id], catalog))
    before = checks.review_state(review_id)
    tallies_before = checks.tally_differences()
    flag.write_text(f"{review_id}\n")
    outcome: list[Attempt] = []
    try:
        thread = threading.Thread(
            target=lambda: outcome.append(attempt(server.port, "submit", review_id, job, submissions.submitted)),
            daemon=True,
        )
        thread.start()
        pid = _wait_for(held, 20)
        workers_before = server.worker_pids()
        os.kill(pid, signal.SIGKILL)
        killed_at = time.monotonic()
        thread.join(timeout=30)
        respawn = _respawned(server, pid, 30)
    finally:
        flag.unlink(missing_ok=True)
        held.unlink(missing_ok=True)
    after_kill = checks.review_state(review_id)
    tallies_after_kill = checks.tally_differences()
    resubmit = attempt(server.port, "submit", review_id, job, submissions.submitted)
    integrity = checks.submissions({review_id} if resubmit.outcome == "ok" else set(), [review_id], indicators)
    killed_answer = outcome[0] if outcome else None
    return {
        "killed_worker_was_serving_it": pid in workers_before,
        "client_saw": (killed_answer.detail or f"HTTP {killed_answer.status}") if killed_answer else "no answer",
        "client_waited_s": round(killed_answer.ended - killed_at, 2) if killed_answer else None,
        "before": before,
        "after_kill": after_kill,
        "partial_review": after_kill != before,
        "tally_differences_before": tallies_before,
        "tally_differences_after_kill": tallies_after_kill,
        "worker_respawned_s": round(respawn - killed_at, 2) if respawn is not None else None,
        "resubmit": f"HTTP {resubmit.status} ({resubmit.outcome})",
        "resubmit_ms": round(resubmit.seconds * 1000, 1),
        "after_resubmit": checks.review_state(review_id),
        "integrity": integrity.as_json(),
    }
