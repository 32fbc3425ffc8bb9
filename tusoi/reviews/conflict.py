"""What differs between a page's unsaved input and the stored review, for the conflict page."""

from typing import Any

from django.utils.translation import gettext as _

from .report import ReportCommitment, commitment_rows, indicator_label
from .structure import CatalogStructure
from .validation import ReviewData


def _label(structure: CatalogStructure, code: str | None) -> str:
    level = structure.level(code) if code else None
    return level.label if level else _("not answered")


def conflict_context(structure: CatalogStructure, theirs: ReviewData, stored: ReviewData) -> dict[str, Any]:
    answers = [
        {
            "code": code,
            "text": indicator_label(item),
            "theirs": _label(structure, theirs["answers"].get(code)),
            "stored": _label(structure, stored["answers"].get(code)),
        }
        for code, item in structure.indicators.items()
        if theirs["answers"].get(code) != stored["answers"].get(code)
    ]
    texts = [
        {"label": label, "theirs": theirs[name], "stored": stored[name]}  # type: ignore[literal-required]
        for name, label in (("other_shortcomings", _("Other shortcomings")), ("causes", _("Causes")))
        if theirs[name] != stored[name]  # type: ignore[literal-required]
    ]
    mine: list[ReportCommitment] = commitment_rows(theirs, structure)
    kept: list[ReportCommitment] = commitment_rows(stored, structure)
    return {
        "answer_diffs": answers,
        "same_answers": len(structure.indicators) - len(answers),
        "text_diffs": texts,
        "commitments_differ": mine != kept,
        "commitment_sides": [(_("Yours"), mine), (_("Stored"), kept)],
    }
