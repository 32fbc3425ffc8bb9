"""The indicator cards of the self-review form, written out in Python.

A bloc's form has 111 indicators with three level buttons each: through the template engine that is
about 3,000 nodes and most of the page's 80 ms; joined here it takes about a millisecond. Every
value is escaped with `html.escape` (quotes too). The markup is what `parse_review_post` reads and
what review.css and review.js expect:

- each level is a radio inside its own label (no ids to pair, no classes to repeat);
- the measure and deadline of an indicator are printed only when its level calls for them or when
  something is stored there (a draft keeps what was typed even after the level went back to "none");
  with JavaScript, review.js adds them from one <template> as soon as such a level is picked; without
  it, "Save draft" shows them.
"""

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .forms import IndicatorRow
from .structure import LevelItem
from .validation import answer_key, deadline_key, measure_key


def _err(message: str) -> str:
    return f'<span class="err">{escape(message)}</span>' if message else ""


def _commit(row: IndicatorRow, code: str, measure_label: str, deadline_label: str) -> str:
    deadline = f' value="{escape(row.deadline)}"' if row.deadline else ""
    return (
        f'<div class="commit"><label>{measure_label}<textarea name="{measure_key(code)}">{escape(row.measure)}'
        f"</textarea>{_err(row.measure_error)}</label><label>{deadline_label}"
        f'<input type="date" name="{deadline_key(code)}"{deadline}>{_err(row.deadline_error)}</label></div>'
    )


def shows_commitment(row: IndicatorRow, levels: list[LevelItem]) -> bool:
    """Print the measure and deadline fields for this row?"""
    needs = any(lv.code == row.level and lv.needs_commitment for lv in levels)
    return needs or bool(row.measure or row.deadline or row.measure_error or row.deadline_error)


def indicator_cards(rows: Iterable[IndicatorRow], levels: list[LevelItem]) -> SafeString:
    """One <fieldset> per indicator row."""
    measure_label, deadline_label = escape(_("Measure to correct it")), escape(_("Deadline"))
    missing = f'<span class="placeholder-text">{escape(_("(text not yet entered from the source document)"))}</span>'
    labels = [(lv.code, escape(lv.code), escape(lv.label)) for lv in levels]
    out = []
    for row in rows:
        code = escape(row.item.code)
        name = answer_key(code)
        radios = "".join(
            f'<label><input type="radio" name="{name}" value="{value}"{" checked" if raw == row.level else ""}>'
            f"{label}</label>"
            for raw, value, label in labels
        )
        head = f' bad" id="i{row.item.n}' if row.has_error else ""
        text = escape(row.item.text) if row.item.text else missing
        commit = _commit(row, code, measure_label, deadline_label) if shows_commitment(row, levels) else ""
        out.append(
            f'<fieldset class="ind{head}"><legend>{code}. {text}</legend><div class="lv">{radios}</div>'
            f"{_err(row.answer_error)}{commit}</fieldset>\n"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
