"""Measurement 1: full 111-indicator self-review submissions per second through HTTP, under 50
concurrent users, with p50/p95 latency; beside it, in the same server run, the framework floor (a
bare authenticated view doing one INSERT). Each user submits their own review: one POST of the
whole form with action=submit (session, CSRF, validation, draft save, submission, audit), answered
by the redirect to the submitted review."""

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from http.client import HTTPResponse
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.utils import timezone

from tusoi.catalog.models import CatalogVersion
from tusoi.reviews.models import SelfReview

from . import load
from .figures import Figure, median, spread_of
from .sessions import CSRF_SECRET, cookie_header, write_sessions

USERS = 50
ROUNDS = 3
MEASURE = "Nghiêm túc tự sửa, báo cáo chi ủy kết quả khắc phục hằng quý"


def submission_body(catalog: CatalogVersion) -> bytes:
    """The form as a member sends it: every indicator answered, five of them "sometimes" or
    "often" with a measure and a deadline, other shortcomings with causes and one commitment."""
    codes = list(
        catalog.indicators.order_by(
            "manifestation__group__position", "manifestation__position", "position"
        ).values_list("code", flat=True)
    )
    levels = list(catalog.levels.order_by("position").values_list("code", flat=True))
    deadline = (timezone.localdate() + timedelta(days=90)).isoformat()
    fields: list[tuple[str, str]] = [("csrfmiddlewaretoken", CSRF_SECRET), ("base_version", "0"), ("client", "bench")]
    for i, code in enumerate(codes):
        level = levels[1 + i % 2] if i % 23 == 5 else levels[0]
        fields.append((f"ans-{code}", level))
        if level != levels[0]:
            fields += [(f"m-{code}", MEASURE), (f"d-{code}", deadline)]
    fields += [
        ("other_shortcomings", "Có lúc chưa chủ động nghiên cứu văn bản mới liên quan đến nhiệm vụ được giao."),
        ("causes", "Chủ quan: chưa dành nhiều thời gian cho việc tự học tập, rèn luyện."),
        ("c-0-shortcoming", "Chưa chủ động nghiên cứu văn bản mới"),
        ("c-0-measure", MEASURE),
        ("c-0-deadline", deadline),
        ("c-1-shortcoming", ""),
        ("c-1-measure", ""),
        ("c-1-deadline", ""),
        ("action", "submit"),
    ]
    return urlencode(fields).encode()


def headers(port: int, session_key: str, body: bytes) -> dict[str, str]:
    return {
        "Cookie": cookie_header(session_key),
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": str(len(body)),
        "Origin": f"http://127.0.0.1:{port}",
    }


def submission_jobs(port: int, review_ids: list[int], catalog: CatalogVersion) -> Iterator[load.Job]:
    """One job per open review, signed in as its member."""
    users = {u.member_id: u for u in get_user_model().objects.filter(member__reviews__id__in=review_ids).distinct()}
    members = dict(SelfReview.objects.filter(id__in=review_ids).values_list("id", "member_id"))
    keys = write_sessions(list(users.values()))
    body = submission_body(catalog)
    for review_id in review_ids:
        user = users[members[review_id]]
        yield load.Job("POST", f"/reviews/{review_id}/edit/", body, headers(port, keys[user.pk], body))


def submitted(job: load.Job, response: HTTPResponse, _body: bytes) -> bool:
    review = job.path.removesuffix("edit/")
    return response.status == 302 and (response.getheader("Location") or "").endswith(review)


def floor_jobs(port: int, users: Sequence[Any]) -> Iterator[load.Job]:
    keys = list(write_sessions(users).values())
    body = urlencode({"csrfmiddlewaretoken": CSRF_SECRET}).encode()
    i = 0
    while True:
        yield load.Job("POST", "/bench/floor/", body, headers(port, keys[i % len(keys)], body))
        i += 1


def floor_ok(_job: load.Job, response: HTTPResponse, body: bytes) -> bool:
    return response.status == 200 and body == b"ok"


# So far: CPU seconds of the web workers, of the database, bytes of WAL the database server wrote,
# and transactions of the server's other databases (other work writing WAL meanwhile).
Cpu = Callable[[], tuple[float, float, float, int]]


@dataclass
class CpuCost:
    """Milliseconds of CPU per successful request."""

    web: float
    database: float
    client: float
    wal_kb: float = 0.0
    others: int = 0  # transactions of other databases during the runs

    @property
    def server(self) -> float:
        return self.web + self.database

    def describe(self, what: str) -> str:
        if not self.server:
            return ""
        wal = f"; {self.wal_kb:.1f} KB of WAL" if self.wal_kb else ""
        if self.wal_kb and self.others:
            wal += f" (with {self.others:,} transactions of other databases meanwhile: an upper bound)"
        return (
            f"web workers {self.web:.2f} ms + database {self.database:.2f} ms; one core's worth: "
            f"{1000 / self.server:.0f} {what}/s; load generator {self.client:.2f} ms{wal}"
        )


def rounds(
    port: int, jobs: Iterator[load.Job], check: load.Check, seconds: float, cpu: Cpu
) -> tuple[list[load.LoadResult], CpuCost]:
    """ROUNDS runs, and the CPU they cost the server (web workers, database) and the load generator."""
    (web_before, db_before, wal_before, others_before), client_before = cpu(), time.process_time()
    runs = [load.run(port, jobs, check, users=USERS, seconds=seconds) for _ in range(ROUNDS)]
    ok = sum(r.ok for r in runs) or 1
    web_after, db_after, wal_after, others_after = cpu()
    cost = CpuCost(
        web=1000 * (web_after - web_before) / ok,
        database=1000 * (db_after - db_before) / ok,
        client=1000 * (time.process_time() - client_before) / ok,
        wal_kb=(wal_after - wal_before) / 1024 / ok,
        others=others_after - others_before,
    )
    return runs, cost


def measure(
    port: int,
    review_ids: list[int],
    catalog: CatalogVersion,
    floor_users: Sequence[Any],
    *,
    seconds: float,
    database: str,
    cpu: Cpu,
) -> list[Figure]:
    """Warm up, then the floor and the submissions, ROUNDS rounds of `seconds` each."""
    submissions = submission_jobs(port, review_ids, catalog)
    floor = floor_jobs(port, floor_users)
    load.run(port, floor, floor_ok, users=USERS, seconds=2)
    load.run(port, submissions, submitted, users=USERS, seconds=2)
    floor_runs, floor_cpu = rounds(port, floor, floor_ok, seconds, cpu)
    runs, submit_cpu = rounds(port, submissions, submitted, seconds, cpu)
    floor_rate = median([r.rate for r in floor_runs])
    rate = median([r.rate for r in runs])
    latencies = [x * 1000 for r in runs for x in r.latencies]
    floor_latencies = [x * 1000 for r in floor_runs for x in r.latencies]
    failed = sum(r.failed for r in runs)
    errors = [e for r in runs + floor_runs for e in r.errors][:5]
    done = sum(r.ok for r in runs)
    note = f"{USERS} concurrent users, {ROUNDS} rounds of {seconds:g} s; {done:,} submitted, {failed} failed"
    # Issue 9 sets the throughput targets on PostgreSQL, the production database; SQLite's figures
    # are shown for what they say about the embedded setup (one writer at a time).
    pg = database == "postgresql"
    return [
        Figure(
            "submissions per second",
            round(rate, 1),
            "/s",
            ">= 200" if pg else None,
            database,
            spread_of([r.rate for r in runs], 1, "range"),
            note,
            {"errors": errors},
        ),
        Figure("submission latency p50", round(load.percentile(latencies, 50), 1), "ms", None, database),
        Figure("submission latency p95", round(load.percentile(latencies, 95), 1), "ms", None, database),
        Figure(
            "framework floor (authenticated POST, one INSERT)",
            round(floor_rate, 1),
            "/s",
            None,
            database,
            spread_of([r.rate for r in floor_runs], 1, "range"),
            f"p50 {load.percentile(floor_latencies, 50):.1f} ms, p95 {load.percentile(floor_latencies, 95):.1f} ms",
        ),
        Figure(
            "submissions as a share of the floor",
            round(100 * rate / floor_rate, 1) if floor_rate else 0.0,
            "%",
            ">= 50" if pg else None,
            database,
        ),
        Figure(
            "server CPU per submission (web workers + database)",
            round(submit_cpu.server, 2),
            "ms",
            None,
            database,
            "",
            submit_cpu.describe("submissions"),
            {
                "web_ms": round(submit_cpu.web, 2),
                "database_ms": round(submit_cpu.database, 2),
                "wal_kb": round(submit_cpu.wal_kb, 1),
                "other_transactions": submit_cpu.others,
            },
        ),
        Figure(
            "server CPU per floor request",
            round(floor_cpu.server, 2),
            "ms",
            None,
            database,
            "",
            floor_cpu.describe("requests"),
            {
                "web_ms": round(floor_cpu.web, 2),
                "database_ms": round(floor_cpu.database, 2),
                "wal_kb": round(floor_cpu.wal_kb, 1),
                "other_transactions": floor_cpu.others,
            },
        ),
    ]
