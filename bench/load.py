"""The load generator: N threads, each a "user" sending requests one after another over
`http.client` to the bench server on 127.0.0.1, for a fixed time (and never more than the jobs
given). Each request is timed; the run counts the answers that were what the caller expected.

Threads are enough here: a client thread spends its time waiting on the socket (the GIL is free),
and a request costs the client well under a millisecond of CPU against several on the server.
"""

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPResponse

from .figures import percentile

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Job:
    method: str
    path: str
    body: bytes
    headers: dict[str, str]


Check = Callable[[Job, HTTPResponse, bytes], bool]


@dataclass
class LoadResult:
    seconds: float
    ok: int
    failed: int
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    errors: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def latency(self, q: float) -> float:
        return percentile(self.latencies, q)


def send(port: int, job: Job, timeout: float = 60) -> tuple[HTTPResponse, bytes]:
    conn = HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(job.method, job.path, body=job.body or None, headers=job.headers)
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def run(port: int, jobs: Iterator[Job], check: Check, *, users: int, seconds: float) -> LoadResult:
    """`users` threads send the jobs for `seconds` (or until the jobs run out)."""
    lock = threading.Lock()
    result = LoadResult(seconds=0.0, ok=0, failed=0)
    stop_at = time.monotonic() + seconds

    def next_job() -> Job | None:
        with lock:
            return next(jobs, None) if time.monotonic() < stop_at else None

    def user() -> None:
        while (job := next_job()) is not None:
            started = time.monotonic()
            try:
                response, body = send(port, job)
                good = check(job, response, body)
                detail = f"{job.path}: HTTP {response.status}"
            except OSError as exc:
                good, detail = False, f"{job.path}: {exc}"
            elapsed = time.monotonic() - started
            with lock:
                if good:
                    result.ok += 1
                    result.latencies.append(elapsed)
                else:
                    result.failed += 1
                    if len(result.errors) < 5:
                        result.errors.append(detail)

    began = time.monotonic()
    threads = [threading.Thread(target=user, daemon=True) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - began
    return result
