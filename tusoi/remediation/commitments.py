"""The commitments of a submitted self-review, as the plan and the year-end sheet use them.

Only what the member committed to is read out: the shortcoming (an indicator's catalogue text, or the
member's own words for another shortcoming), the measure and the deadline. Levels and the other
answers are used only to leave out a measure left over for an indicator answered "none".
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tusoi.catalog.models import CatalogVersion, Indicator, ScaleLevel
from tusoi.reviews.models import SelfReview
from tusoi.reviews.validation import parse_deadline


@dataclass(frozen=True)
class CommitmentRow:
    key: str  # "review:<id>:<index>", the seeded item's source_key
    indicator_code: str
    shortcoming: str
    measure: str
    deadline: date | None


@dataclass(frozen=True)
class CatalogTexts:
    """What reading commitments needs from a catalogue: indicator texts and the levels above "none"."""

    texts: dict[str, str]
    flagged_levels: frozenset[str]


def catalog_texts(catalog: CatalogVersion | int) -> CatalogTexts:
    """Two queries, once per catalogue (not per review)."""
    texts = dict(Indicator.objects.filter(catalog=catalog).values_list("code", "text"))
    levels = list(ScaleLevel.objects.filter(catalog=catalog).order_by("position", "pk").values_list("code", flat=True))
    return CatalogTexts(texts, frozenset(levels[1:]))


def commitment_rows(
    review_id: int, answers: dict[str, Any], commitments: Iterable[dict[str, Any]], catalog: CatalogTexts
) -> list[CommitmentRow]:
    rows = []
    for index, commitment in enumerate(commitments or []):
        code = str(commitment.get("indicator") or "")
        if code and (answers or {}).get(code) not in catalog.flagged_levels:
            continue  # a measure left over for an indicator answered "none"
        measure = str(commitment.get("measure") or "").strip()
        shortcoming = catalog.texts.get(code, "") if code else str(commitment.get("shortcoming") or "").strip()
        if not measure and not shortcoming:
            continue
        deadline = parse_deadline(str(commitment.get("deadline") or ""))
        rows.append(CommitmentRow(f"review:{review_id}:{index}", code, shortcoming, measure, deadline))
    return rows


def review_commitments(review: SelfReview, catalog: CatalogTexts | None = None) -> list[CommitmentRow]:
    """The review's commitments in order (the caller checked access and that it was submitted)."""
    texts = catalog or catalog_texts(review.campaign.catalog_id)
    return commitment_rows(review.pk, review.answers, review.commitments, texts)
