"""The rules of a self-review's content, shared by the HTML form, the API and the services.

Two levels:
- `clean_draft` accepts anything a member may have typed so far (a draft is never refused for
  being incomplete) and only refuses what no form can produce: unknown codes, oversized text.
- `completeness_errors` lists what stops a submission: an unanswered indicator, a "sometimes" or
  "often" indicator without a measure and a deadline, other shortcomings without a commitment.

Error keys are the form's field names (`answer_key(code)`, `row_key(i, "measure")`, …), so every
message can be shown beside the field it concerns.
"""

from datetime import date, datetime
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tusoi.core.text import NUL_MESSAGE

from .structure import CatalogStructure

MAX_TEXT = 10_000
MAX_SHORT_TEXT = 2_000
MAX_ROWS = 100
_DEADLINE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


class Commitment(TypedDict):
    indicator: str | None
    shortcoming: str
    measure: str
    deadline: str  # "YYYY-MM-DD" once valid; a draft keeps what was typed


class ReviewData(TypedDict):
    answers: dict[str, str]
    other_shortcomings: str
    causes: str
    commitments: list[Commitment]


def answer_key(code: str) -> str:
    return f"ans-{code}"


def measure_key(code: str) -> str:
    return f"m-{code}"


def deadline_key(code: str) -> str:
    return f"d-{code}"


def row_key(index: int, part: str) -> str:
    return f"c-{index}-{part}"


def parse_deadline(value: str) -> date | None:
    value = (value or "").strip()
    for fmt in _DEADLINE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def normalize_deadline(value: str) -> str:
    """ISO when it parses, else the text as typed (a draft loses nothing)."""
    parsed = parse_deadline(value)
    return parsed.isoformat() if parsed else (value or "").strip()


def empty_data() -> ReviewData:
    return {"answers": {}, "other_shortcomings": "", "causes": "", "commitments": []}


def review_data(review: Any) -> ReviewData:
    """The content part of a SelfReview (or of a snapshot's dict) as ReviewData."""
    get = review.get if isinstance(review, dict) else lambda name, default: getattr(review, name, default)
    return {
        "answers": dict(get("answers", {}) or {}),
        "other_shortcomings": get("other_shortcomings", "") or "",
        "causes": get("causes", "") or "",
        "commitments": [_commitment(c) for c in get("commitments", []) or []],
    }


def _text(value: Any) -> str:
    return str(value or "").replace("\r\n", "\n").strip()


def _commitment(row: dict[str, Any]) -> Commitment:
    indicator = row.get("indicator") or None
    return {
        "indicator": str(indicator) if indicator else None,
        "shortcoming": _text(row.get("shortcoming")),
        "measure": _text(row.get("measure")),
        "deadline": normalize_deadline(_text(row.get("deadline"))),
    }


def clean_draft(data: dict[str, Any], structure: CatalogStructure) -> ReviewData:
    """Normalise a draft; raise ValidationError only for input no honest form produces."""
    errors: dict[str, list[str]] = {}
    answers: dict[str, str] = {}
    for code, level in (data.get("answers") or {}).items():
        if code not in structure.indicators:
            errors.setdefault("answers", []).append(_("Unknown indicator: %(code)s") % {"code": code})
        elif level not in structure.level_codes:
            errors.setdefault(answer_key(code), []).append(_("Unknown level."))
        else:
            answers[code] = level
    cleaned: ReviewData = {
        "answers": answers,
        "other_shortcomings": _text(data.get("other_shortcomings")),
        "causes": _text(data.get("causes")),
        "commitments": [],
    }
    for name in ("other_shortcomings", "causes"):
        if len(cleaned[name]) > MAX_TEXT:
            errors.setdefault(name, []).append(_("At most %(n)s characters.") % {"n": MAX_TEXT})
        if "\x00" in cleaned[name]:
            errors.setdefault(name, []).append(str(NUL_MESSAGE))
    rows = [_commitment(row) for row in data.get("commitments") or []]
    rows = [r for r in rows if r["shortcoming"] or r["measure"] or r["deadline"] or r["indicator"]]
    if len(rows) > MAX_ROWS:
        errors.setdefault("commitments", []).append(_("Too many commitments."))
    seen: set[str] = set()
    others = 0
    for row in rows:
        code = row["indicator"]
        if code is not None and (code not in structure.indicators or code in seen):
            errors.setdefault("commitments", []).append(_("Unknown or repeated indicator: %(code)s") % {"code": code})
        if code is not None:
            seen.add(code)
        if any(len(row[p]) > MAX_SHORT_TEXT for p in ("shortcoming", "measure")) or len(row["deadline"]) > 32:  # type: ignore[literal-required]
            errors.setdefault("commitments", []).append(_("A commitment is too long."))
        for part in ("shortcoming", "measure", "deadline"):
            if "\x00" in row[part]:
                errors.setdefault(_row_field(row, part, others), []).append(str(NUL_MESSAGE))
        others += code is None
    if errors:
        raise ValidationError(errors)
    cleaned["commitments"] = _ordered(rows, structure)
    return cleaned


def _row_field(row: Commitment, part: str, other_index: int) -> str:
    """The form field of one part of a commitment row, where its message is shown."""
    code = row["indicator"]
    if code is None:
        return row_key(other_index, part)
    return deadline_key(code) if part == "deadline" else measure_key(code)


def _ordered(rows: list[Commitment], structure: CatalogStructure) -> list[Commitment]:
    """Indicator commitments in catalogue order, then the other shortcomings' rows as entered."""
    order = {code: item.n for code, item in structure.indicators.items()}
    by_indicator = sorted((r for r in rows if r["indicator"]), key=lambda r: order.get(r["indicator"] or "", 0))
    return by_indicator + [r for r in rows if not r["indicator"]]


def indicator_commitments(data: ReviewData) -> dict[str, Commitment]:
    return {c["indicator"]: c for c in data["commitments"] if c["indicator"]}


def other_commitments(data: ReviewData) -> list[Commitment]:
    return [c for c in data["commitments"] if not c["indicator"]]


def completeness_errors(data: ReviewData, structure: CatalogStructure) -> dict[str, str]:
    """What stops this content from being submitted, one message per field (empty: complete)."""
    errors: dict[str, str] = {}
    by_indicator = indicator_commitments(data)
    for code in structure.indicators:
        level = data["answers"].get(code)
        if level is None:
            errors[answer_key(code)] = _("Choose a level for this manifestation.")
        elif structure.needs_commitment(level):
            row = by_indicator.get(code)
            _check_measure_deadline(row, measure_key(code), deadline_key(code), errors)
    others = other_commitments(data)
    for i, row in enumerate(others):
        if not row["shortcoming"]:
            errors[row_key(i, "shortcoming")] = _("Name the shortcoming this commitment corrects.")
        _check_measure_deadline(row, row_key(i, "measure"), row_key(i, "deadline"), errors)
    if data["other_shortcomings"] and not others:
        errors["other_shortcomings"] = _(
            "You listed other shortcomings: add at least one commitment for them (shortcoming, measure, deadline)."
        )
    return errors


def _check_measure_deadline(row: Commitment | None, m_key: str, d_key: str, errors: dict[str, str]) -> None:
    if row is None or not row["measure"]:
        errors[m_key] = _("Write the measure you will take.")
    if row is None or not row["deadline"]:
        errors[d_key] = _("Give a deadline.")
    elif parse_deadline(row["deadline"]) is None:
        errors[d_key] = _("Enter the deadline as a date (dd/mm/yyyy).")


def prune_for_submit(data: ReviewData, structure: CatalogStructure) -> ReviewData:
    """Drop measures kept in the draft for indicators now answered "none"."""
    kept = [
        c
        for c in data["commitments"]
        if c["indicator"] is None or structure.needs_commitment(data["answers"].get(c["indicator"]))
    ]
    return {**data, "commitments": kept}


def same_content(a: ReviewData, b: ReviewData, structure: CatalogStructure) -> bool:
    """Do two contents say the same once the draft-only leftovers are pruned?"""
    return prune_for_submit(a, structure) == prune_for_submit(b, structure)
