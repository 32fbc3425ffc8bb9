"""Scenario 1: PostgreSQL restarted while members submit.

`clients` threads submit complete self-reviews (one POST each, as bench.submissions sends them),
one member after another. After `before` seconds the cluster is restarted (fast shutdown: the
sessions in flight are cut); the clients go on for `after` seconds once it is back. A client told
to retry (the product's 503 page) sends the same submission again after Retry-After, as a member
would; when the run ends, the submissions still waiting for a retry are sent until each has an
answer (bounded). Then the database is checked: every confirmed submission is there and whole."""

import threading
import time
from collections import deque
from typing import Any

from tusoi.catalog.models import CatalogVersion

from .. import submissions
from . import checks, postgres
from .clients import Attempt, Recorder, attempt, summary

RETRY_CAP = 3.0  # seconds: a client waits Retry-After, at most this long


def run(
    port: int,
    reviews: list[int],
    catalog: CatalogVersion,
    *,
    indicators: int,
    clients: int = 20,
    before: float = 8.0,
    after: float = 12.0,
    drain: float = 30.0,
    job_worker_alive: Any = None,
) -> dict[str, Any]:
    jobs = dict(zip(reviews, submissions.submission_jobs(port, reviews, catalog), strict=True))
    fresh: deque[int] = deque(reviews)
    waiting: deque[tuple[float, int]] = deque()  # (not before, review) told to retry
    lock = threading.Lock()
    recorder = Recorder()
    stop_fresh = threading.Event()
    give_up_at = [float("inf")]
    last: dict[int, Attempt] = {}

    def next_review() -> int | None:
        while True:
            with lock:
                if waiting and waiting[0][0] <= time.monotonic():
                    return waiting.popleft()[1]
                if not stop_fresh.is_set() and fresh:
                    return fresh.popleft()
                if not waiting or time.monotonic() > give_up_at[0]:
                    return None
            time.sleep(0.05)

    def client() -> None:
        while (review := next_review()) is not None:
            result = recorder.add(attempt(port, "submit", review, jobs[review], submissions.submitted))
            with lock:
                last[review] = result
                if result.outcome == "retry":
                    waiting.append((time.monotonic() + min(result.retry_after, RETRY_CAP), review))

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    restart: dict[str, float] = {}
    try:
        time.sleep(before)
        with postgres.kept_running():
            restart["began"] = time.monotonic()
            restart["seconds"] = postgres.restart()
            restart["ready"] = time.monotonic()
        time.sleep(after)
    finally:
        stop_fresh.set()
        give_up_at[0] = time.monotonic() + drain
        for thread in threads:
            thread.join(timeout=drain + 70)
    attempts = recorder.attempts
    confirmed = {r for r, a in last.items() if a.outcome == "ok"}
    retried = {a.key for a in attempts if a.outcome == "retry"}
    integrity = checks.submissions(confirmed, last.keys(), indicators)
    t0, ready = restart.get("began", began), restart.get("ready", began)
    first_ok = min((a.ended for a in attempts if a.outcome == "ok" and a.started >= t0), default=None)
    failing = [a for a in attempts if a.outcome != "ok" and a.ended >= t0]
    return {
        "clients": clients,
        "seconds": round(time.monotonic() - began, 1),
        "restart_seconds": round(restart.get("seconds", 0.0), 2),
        "requests": summary(attempts),
        "submissions": len(last),
        "confirmed": len(confirmed),
        "told_to_retry": len(retried),
        "confirmed_after_retry": len(retried & confirmed),
        "unanswered_at_end": len(set(last) - confirmed),
        "errors": sum(a.outcome == "error" for a in attempts),
        "first_confirmed_after_restart_s": round(first_ok - t0, 2) if first_ok else None,
        "refusals_window_s": round(max(a.ended for a in failing) - min(a.started for a in failing), 2)
        if failing
        else 0.0,
        "confirmed_after_ready": sum(1 for a in attempts if a.outcome == "ok" and a.started >= ready),
        "job_worker_alive_after": job_worker_alive() if job_worker_alive else None,
        "integrity": integrity.as_json(),
    }
