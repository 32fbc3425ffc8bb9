"""Beside the submissions: the autosave, the member's most frequent request (the form saves itself
on every change), 50 concurrent users each saving their own draft over and over. Not a target of
issue 9, but the national arithmetic (docs/scaling.md) needs its cost."""

from collections.abc import Iterator
from http.client import HTTPResponse
from urllib.parse import parse_qsl, urlencode

from django.contrib.auth import get_user_model

from tusoi.catalog.models import CatalogVersion
from tusoi.reviews.models import SelfReview

from . import load
from .figures import Figure, median, spread_of
from .sessions import write_sessions
from .submissions import USERS, Cpu, headers, rounds, submission_body


def autosave_jobs(port: int, review_ids: list[int], catalog: CatalogVersion) -> Iterator[load.Job]:
    """Round robin over the reviews; each save changes the first indicator's level, as a click does
    (the same page token, so a page's own saves follow each other without a conflict)."""
    members = dict(SelfReview.objects.filter(id__in=review_ids).values_list("id", "member_id"))
    users = {u.member_id: u for u in get_user_model().objects.filter(member_id__in=members.values())}
    keys = write_sessions(list(users.values()))
    fields = [(k, v) for k, v in parse_qsl(submission_body(catalog).decode(), keep_blank_values=True) if k != "action"]
    fields = [(k, "bench-autosave" if k == "client" else v) for k, v in fields]
    first = next(k for k, _v in fields if k.startswith("ans-"))
    bodies = [urlencode([(k, level if k == first else v) for k, v in fields]).encode() for level in ("none", "often")]
    i = 0
    while True:
        review_id = review_ids[i % len(review_ids)]
        body = bodies[(i // len(review_ids)) % 2]
        key = keys[users[members[review_id]].pk]
        yield load.Job("POST", f"/reviews/{review_id}/autosave/", body, headers(port, key, body))
        i += 1


def saved(_job: load.Job, response: HTTPResponse, body: bytes) -> bool:
    return response.status == 200 and b'data-outcome="saved"' in body


def measure(
    port: int,
    review_ids: list[int],
    catalog: CatalogVersion,
    *,
    seconds: float,
    database: str,
    cpu: Cpu,
) -> list[Figure]:
    jobs = autosave_jobs(port, review_ids, catalog)
    load.run(port, jobs, saved, users=USERS, seconds=2)
    runs, cost = rounds(port, jobs, saved, seconds, cpu)
    latencies = [x * 1000 for r in runs for x in r.latencies]
    return [
        Figure(
            "autosaves per second",
            round(median([r.rate for r in runs]), 1),
            "/s",
            None,
            database,
            spread_of([r.rate for r in runs], 1, "range"),
            f"{USERS} users over {len(review_ids)} drafts; p50 {load.percentile(latencies, 50):.0f} ms, "
            f"p95 {load.percentile(latencies, 95):.0f} ms; {sum(r.failed for r in runs)} failed",
        ),
        Figure(
            "server CPU per autosave",
            round(cost.server, 2),
            "ms",
            None,
            database,
            "",
            cost.describe("autosaves"),
            {
                "web_ms": round(cost.web, 2),
                "database_ms": round(cost.database, 2),
                "wal_kb": round(cost.wal_kb, 1),
                "other_transactions": cost.others,
            },
        ),
    ]
