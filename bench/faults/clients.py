"""One request of a simulated client, timed and read: "ok" (what the client wanted), "retry" (the
product's 503 page with Retry-After: nothing to do but send it again), or "error" (anything else,
no answer included). Summaries per kind of request: counts and p50/p95 latency."""

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.client import HTTPException, HTTPResponse
from typing import Any

from .. import load
from ..figures import percentile

RETRY_PAGE = "Hệ thống tạm thời gián đoạn".encode()  # the product's 503 page (core/unavailable.html)

Classify = Callable[[load.Job, HTTPResponse, bytes], bool]


@dataclass
class Attempt:
    kind: str
    key: int  # the review (or reader) it was for
    started: float  # time.monotonic()
    seconds: float
    status: int  # 0: no answer
    outcome: str  # ok, retry, error
    detail: str = ""
    response: HTTPResponse | None = None
    body: bytes = b""

    @property
    def ended(self) -> float:
        return self.started + self.seconds

    @property
    def retry_after(self) -> float:
        value = self.response.getheader("Retry-After") if self.response is not None else None
        return float(value) if value and value.isdigit() else 1.0


def told_to_retry(response: HTTPResponse, body: bytes) -> bool:
    return response.status == 503 and bool(response.getheader("Retry-After")) and RETRY_PAGE in body


def attempt(port: int, kind: str, key: int, job: load.Job, good: Classify, timeout: float = 60) -> Attempt:
    started = time.monotonic()
    try:
        response, body = load.send(port, job, timeout=timeout)
    except (OSError, HTTPException) as exc:
        detail = f"{job.method} {job.path}: no answer ({type(exc).__name__}: {exc})"
        return Attempt(kind, key, started, time.monotonic() - started, 0, "error", detail[:300])
    seconds = time.monotonic() - started
    if good(job, response, body):
        outcome, detail = "ok", ""
    elif told_to_retry(response, body):
        outcome, detail = "retry", ""
    else:
        outcome, detail = "error", f"{job.method} {job.path}: HTTP {response.status}"
    return Attempt(kind, key, started, seconds, response.status, outcome, detail, response, body)


class Recorder:
    """Attempts from many threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.attempts: list[Attempt] = []

    def add(self, item: Attempt) -> Attempt:
        item.body = b""  # the pages are not kept (only their status and headers)
        with self.lock:
            self.attempts.append(item)
        return item


def summary(attempts: Iterable[Attempt]) -> dict[str, dict[str, Any]]:
    """Per kind: requests, ok, told to retry, errors (with up to 5 examples), p50/p95 of all answers (ms)."""
    kinds: dict[str, list[Attempt]] = {}
    for item in attempts:
        kinds.setdefault(item.kind, []).append(item)
    out: dict[str, dict[str, Any]] = {}
    for kind, items in kinds.items():
        ms = [a.seconds * 1000 for a in items if a.status]
        errors = [a.detail for a in items if a.outcome == "error"]
        out[kind] = {
            "requests": len(items),
            "ok": sum(a.outcome == "ok" for a in items),
            "retry": sum(a.outcome == "retry" for a in items),
            "errors": len(errors),
            "error_examples": errors[:5],
            "p50_ms": round(percentile(ms, 50), 1),
            "p95_ms": round(percentile(ms, 95), 1),
            "max_ms": round(max(ms), 1) if ms else 0.0,
        }
    return out
