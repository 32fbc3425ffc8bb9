"""Beside the submissions: the autosave, the member's most frequent request (the form saves itself
as the member works, at most once every TUSOI_AUTOSAVE_SECONDS), 50 concurrent users each saving
their own draft over and over. Not a target of
issue 9, but the national arithmetic (docs/scaling.md) needs its cost."""

import re
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

VERSION = re.compile(rb'id="base-version" value="(\d+)"')


class Drafts:
    """The drafts the users save, and the version each page last heard of: as review.js does, a save
    carries the version the previous answer gave (the hidden field it replaces on the page)."""

    def __init__(self, review_ids: list[int]) -> None:
        self.review_ids = review_ids
        self.versions: dict[str, str] = {}  # autosave path -> version

    def saved(self, job: load.Job, response: HTTPResponse, body: bytes) -> bool:
        found = VERSION.search(body)
        if response.status == 200 and b'data-outcome="saved"' in body and found:
            self.versions[job.path] = found.group(1).decode()
            return True
        return False

    def jobs(self, port: int, catalog: CatalogVersion) -> Iterator[load.Job]:
        """Round robin over the reviews; each save changes the first indicator's level, as a click does
        (the same page token, so a save that overtakes its page's previous one is not a conflict)."""
        review_ids = self.review_ids
        members = dict(SelfReview.objects.filter(id__in=review_ids).values_list("id", "member_id"))
        users = {u.member_id: u for u in get_user_model().objects.filter(member_id__in=members.values())}
        keys = write_sessions(list(users.values()))
        fields = [
            (k, v) for k, v in parse_qsl(submission_body(catalog).decode(), keep_blank_values=True) if k != "action"
        ]
        fields = [(k, "bench-autosave" if k == "client" else v) for k, v in fields]
        first = next(k for k, _v in fields if k.startswith("ans-"))
        i = 0
        while True:
            review_id = review_ids[i % len(review_ids)]
            path = f"/reviews/{review_id}/autosave/"
            level = ("none", "often")[(i // len(review_ids)) % 2]
            version = self.versions.get(path, "0")
            body = urlencode(
                [(k, level if k == first else version if k == "base_version" else v) for k, v in fields]
            ).encode()
            yield load.Job("POST", path, body, headers(port, keys[users[members[review_id]].pk], body))
            i += 1


def measure(
    port: int,
    review_ids: list[int],
    catalog: CatalogVersion,
    *,
    seconds: float,
    database: str,
    cpu: Cpu,
) -> list[Figure]:
    drafts = Drafts(review_ids)
    jobs = drafts.jobs(port, catalog)
    load.run(port, jobs, drafts.saved, users=USERS, seconds=2)
    runs, cost = rounds(port, jobs, drafts.saved, seconds, cpu)
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
