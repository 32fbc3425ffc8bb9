"""What the database holds after a fault: each self-review the run touched is either cleanly
submitted (status, version, exactly one submitted version matching it, complete answers, its audit
line) or cleanly not (no submitted version); and the statistics tallies equal a recount from the
raw records (the stats app's `rebuild_tallies --check`)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from tusoi.core.models import AuditEvent
from tusoi.reviews.models import ReviewStatus, SelfReview, SelfReviewVersion


@dataclass
class Integrity:
    checked: int = 0
    submitted: int = 0  # cleanly submitted
    lost: list[int] = field(default_factory=list)  # confirmed to the client, not cleanly submitted
    half_written: list[int] = field(default_factory=list)  # neither cleanly submitted nor cleanly not
    recorded_unconfirmed: int = 0  # submitted although the client never got the confirmation
    tally_differences: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "cleanly_submitted": self.submitted,
            "lost": len(self.lost),
            "half_written": len(self.half_written),
            "recorded_without_confirmation": self.recorded_unconfirmed,
            "tally_differences": self.tally_differences,
            "examples": (self.lost + self.half_written)[:5],
        }


def _cleanly_submitted(review: SelfReview, versions: list[dict[str, Any]], indicators: int, audited: bool) -> bool:
    return (
        review.status == ReviewStatus.SUBMITTED
        and review.submitted_at is not None
        and len(versions) == 1
        and versions[0].get("review_version") == review.version
        and len(review.answers) == indicators
        and audited
    )


def _cleanly_not(review: SelfReview, versions: list[dict[str, Any]]) -> bool:
    return review.status in (ReviewStatus.NOT_STARTED, ReviewStatus.DRAFT) and not versions


def tally_differences() -> int:
    from tusoi.stats.rebuild import rebuild_tallies

    return len(rebuild_tallies(campaign=None, check=True).differences)


def submissions(confirmed: Iterable[int], touched: Iterable[int], indicators: int) -> Integrity:
    """Check every review in `touched` (which includes the `confirmed` ones)."""
    connection.close()  # the driver's connection may date from before a restart
    confirmed_ids = set(confirmed)
    ids = sorted(set(touched) | confirmed_ids)
    result = Integrity(checked=len(ids))
    reviews = SelfReview.objects.filter(pk__in=ids)
    versions: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    for review_id, data in SelfReviewVersion.objects.filter(review_id__in=ids).values_list("review_id", "data"):
        versions[review_id].append(data)
    audited = set(
        AuditEvent.objects.filter(action="review.submit", object_id__in=[str(pk) for pk in ids]).values_list(
            "object_id", flat=True
        )
    )
    for review in reviews:
        mine = versions[review.pk]
        if _cleanly_submitted(review, mine, indicators, str(review.pk) in audited):
            result.submitted += 1
            if review.pk not in confirmed_ids:
                result.recorded_unconfirmed += 1
        elif review.pk in confirmed_ids:
            result.lost.append(review.pk)
        elif not _cleanly_not(review, mine):
            result.half_written.append(review.pk)
    result.tally_differences = tally_differences()
    return result


def review_state(review_id: int) -> dict[str, Any]:
    connection.close()
    review = SelfReview.objects.get(pk=review_id)
    return {
        "status": str(review.status),
        "version": review.version,
        "answers": len(review.answers),
        "submitted_versions": review.versions.count(),
    }
