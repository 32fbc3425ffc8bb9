"""The self-review form: reading the POSTed fields into review content, and the rows the template
prints. One card per indicator (up to a few hundred), so the fields are plain HTML rather than
Django form widgets; the rules live in `validation.py`."""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .structure import CatalogStructure, GroupItem, IndicatorItem, ManifestationItem
from .validation import (
    MAX_ROWS,
    Commitment,
    ReviewData,
    answer_key,
    deadline_key,
    indicator_commitments,
    measure_key,
    other_commitments,
    parse_deadline,
    row_key,
)

BLANK_ROWS = 2


def parse_review_post(post: QueryDict, structure: CatalogStructure) -> dict[str, Any]:
    """The content typed in the form (validation.clean_draft normalises it)."""
    answers = {}
    commitments: list[dict[str, Any]] = []
    for code in structure.indicators:
        level = post.get(answer_key(code))
        if level:  # a level off the scale is refused by validation, with its message beside the indicator
            answers[code] = level
        measure, deadline = post.get(measure_key(code), ""), post.get(deadline_key(code), "")
        if measure.strip() or deadline.strip():
            commitments.append({"indicator": code, "shortcoming": "", "measure": measure, "deadline": deadline})
    for i in range(MAX_ROWS + 1):
        if row_key(i, "measure") not in post:
            break
        commitments.append(
            {
                "indicator": None,
                "shortcoming": post.get(row_key(i, "shortcoming"), ""),
                "measure": post.get(row_key(i, "measure"), ""),
                "deadline": post.get(row_key(i, "deadline"), ""),
            }
        )
    return {
        "answers": answers,
        "other_shortcomings": post.get("other_shortcomings", ""),
        "causes": post.get("causes", ""),
        "commitments": commitments,
    }


def base_version(post: QueryDict) -> int:
    try:
        return max(0, int(post.get("base_version", "")))
    except ValueError:
        return -1  # matches no row: treated as a conflict, never as a blind overwrite


def _date_value(value: str) -> str:
    """What an <input type=date> can show (ISO), else the text as typed."""
    parsed = parse_deadline(value)
    return parsed.isoformat() if parsed else value


@dataclass
class IndicatorRow:
    item: IndicatorItem
    level: str
    measure: str
    deadline: str
    answer_error: str = ""
    measure_error: str = ""
    deadline_error: str = ""

    @property
    def has_error(self) -> bool:
        return bool(self.answer_error or self.measure_error or self.deadline_error)


@dataclass
class ManifestationRows:
    manifestation: ManifestationItem
    rows: list[IndicatorRow]


@dataclass
class GroupRows:
    group: GroupItem
    manifestations: list[ManifestationRows]
    answered: int
    total: int


@dataclass
class OtherRow:
    index: int
    shortcoming: str = ""
    measure: str = ""
    deadline: str = ""
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class FormState:
    groups: list[GroupRows]
    others: list[OtherRow]
    other_shortcomings: str
    causes: str
    answered: int
    total: int
    errors: dict[str, str]
    first_error: str  # the anchor of the first field with a message

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def general_errors(self) -> list[str]:
        """Messages not tied to one field of the form (shown in the summary)."""
        return [msg for key, msg in self.errors.items() if key in ("__all__", "answers", "commitments")]


def progress(data: ReviewData, structure: CatalogStructure) -> list[tuple[int, int]]:
    """(answered, total) per group."""
    answers = data["answers"]
    return [(sum(1 for c in g.indicator_codes if c in answers), len(g.indicator_codes)) for g in structure.groups]


def form_state(data: ReviewData, structure: CatalogStructure, errors: dict[str, str] | None = None) -> FormState:
    errors = errors or {}
    by_indicator = indicator_commitments(data)
    groups = []
    for g, (answered, total) in zip(structure.groups, progress(data, structure), strict=True):
        manifestations = []
        for m in g.manifestations:
            rows = []
            for ind in m.indicators:
                c: Commitment | None = by_indicator.get(ind.code)
                rows.append(
                    IndicatorRow(
                        item=ind,
                        level=data["answers"].get(ind.code, ""),
                        measure=c["measure"] if c else "",
                        deadline=_date_value(c["deadline"]) if c else "",
                        answer_error=errors.get(answer_key(ind.code), ""),
                        measure_error=errors.get(measure_key(ind.code), ""),
                        deadline_error=errors.get(deadline_key(ind.code), ""),
                    )
                )
            manifestations.append(ManifestationRows(m, rows))
        groups.append(GroupRows(g, manifestations, answered, total))
    others = [
        OtherRow(
            index=i,
            shortcoming=c["shortcoming"],
            measure=c["measure"],
            deadline=_date_value(c["deadline"]),
            errors={p: errors.get(row_key(i, p), "") for p in ("shortcoming", "measure", "deadline")},
        )
        for i, c in enumerate(other_commitments(data))
    ]
    others += [OtherRow(index=len(others) + k) for k in range(BLANK_ROWS)]
    first = next((f"i{r.item.n}" for g in groups for m in g.manifestations for r in m.rows if r.has_error), "")
    return FormState(
        groups=groups,
        others=others,
        other_shortcomings=data["other_shortcomings"],
        causes=data["causes"],
        answered=sum(g.answered for g in groups),
        total=sum(g.total for g in groups),
        errors=errors,
        first_error=first or ("other" if errors else ""),
    )


class ReturnForm(forms.Form):
    """The branch committee's reason for sending a self-review back."""

    reason = forms.CharField(
        label=_("Reason for returning it"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The member sees this reason above their form."),
    )
