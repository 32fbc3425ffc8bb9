"""The commitments of a submitted self-review, as the plan and the year-end sheet use them.

Only what the member committed to is read out: the shortcoming (an indicator's catalogue text, or the
member's own words for another shortcoming), the measure and the deadline. Levels and the other
answers are used only to leave out a measure left over for an indicator answered "none".
"""

from dataclasses import dataclass
from datetime import date

from tusoi.catalog.models import Indicator
from tusoi.reviews.models import SelfReview
from tusoi.reviews.structure import catalog_structure
from tusoi.reviews.validation import parse_deadline


@dataclass(frozen=True)
class CommitmentRow:
    key: str  # "review:<id>:<index>", the seeded item's source_key
    indicator_code: str
    shortcoming: str
    measure: str
    deadline: date | None


def review_commitments(review: SelfReview) -> list[CommitmentRow]:
    """The review's commitments in order (the caller checked access and that it was submitted)."""
    structure = catalog_structure(review.campaign.catalog)
    texts = dict(Indicator.objects.filter(catalog=review.campaign.catalog).values_list("code", "text"))
    rows = []
    for index, commitment in enumerate(review.commitments or []):
        code = str(commitment.get("indicator") or "")
        if code and not structure.needs_commitment(review.answers.get(code)):
            continue
        measure = str(commitment.get("measure") or "").strip()
        shortcoming = texts.get(code, "") if code else str(commitment.get("shortcoming") or "").strip()
        if not measure and not shortcoming:
            continue
        deadline = parse_deadline(str(commitment.get("deadline") or ""))
        rows.append(CommitmentRow(f"review:{review.pk}:{index}", code, shortcoming, measure, deadline))
    return rows
