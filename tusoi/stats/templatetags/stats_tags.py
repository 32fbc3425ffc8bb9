"""Counts on statistics pages: a suppressed count (None) shows as "—", a number in the Vietnamese way.

`level_rows`, `sub_unit_rows` and `late_unit_rows` write the rows of the long tables in one pass:
several hundred cells (every group, manifestation and indicator at each level; a province's hundreds
of sub-units), which a template loop renders several times slower."""

from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tusoi.core.numbers import grouped
from tusoi.org.models import Unit
from tusoi.stats.dashboard import SubUnitRow
from tusoi.stats.selectors import ItemLevels

register = template.Library()


@register.filter
def count(value: Any) -> SafeString:
    """A count, or "—" (with its meaning for screen readers) where it is suppressed."""
    if value is None:
        return format_html('<span title="{0}" aria-label="{0}">—</span>', _("fewer than the threshold: not shown"))
    text = grouped(value)
    return mark_safe(text) if type(value) is int else format_html("{}", text)  # noqa: S308 - a whole number: digits only


@register.filter
def ratio(value: Any) -> str:
    """ "38/38" for a `Ratio`."""
    return f"{grouped(value.done)}/{grouped(value.total)}"


def _cells(counts: list[int | None], css: str, hidden: str) -> str:
    """One `<td>` per count (`css` is a literal class list; a whole count is digits only)."""
    return "".join(
        f'<td class="{css}">{hidden if n is None else grouped(n) if type(n) is int else escape(grouped(n))}</td>'
        for n in counts
    )


@register.simple_tag
def level_rows(groups: list[ItemLevels]) -> SafeString:
    """The body rows of the levels table: each group, then its manifestations, each followed by its
    indicators."""
    hidden = count(None)
    rows = []
    for group in groups:
        cells = _cells(group.counts, "text-end fw-semibold", hidden)
        title = f"{escape(group.code)}. {escape(group.label)}"
        rows.append(f'<tr class="table-light"><th scope="row">{title}</th>{cells}</tr>')
        for m in group.children:
            label = escape(Truncator(m.label).chars(90))
            cells = _cells(m.counts, "text-end", hidden)
            rows.append(f'<tr><th scope="row" class="fw-normal">{escape(m.code)} {label}</th>{cells}</tr>')
            for i in m.children:
                cells = _cells(i.counts, "text-end", hidden)
                rows.append(f'<tr class="small text-muted"><td class="ps-4">{escape(i.code)}</td>{cells}</tr>')
    return mark_safe("\n".join(rows))  # noqa: S308 - every value escaped above


def _unit_link(unit: Unit, link: str, parameters: str) -> str:
    """A unit's name linked to its own dashboard (`link` and `parameters` escaped already)."""
    return f'<a href="{link}{unit.pk}/?{parameters}">{escape(unit.name)}</a>'


@register.simple_tag
def sub_unit_rows(rows: list[SubUnitRow], units_url: str, query: str) -> SafeString:
    """The body rows of the sub-units table: each direct sub-unit, linked to its own dashboard, with
    its subtree's figures."""
    link, parameters = escape(units_url), escape(query)
    lines = []
    for row in rows:
        name = _unit_link(row.unit, link, parameters)
        figures = "".join(f'<td class="text-end">{grouped(n)}</td>' for n in (row.meetings, row.opinions, row.present))
        lines.append(
            f"<tr><td>{name}</td>"
            f'<td class="text-end text-nowrap">{ratio(row.sessions)}</td>'
            f'<td class="text-end text-nowrap">{ratio(row.submissions)}</td>'
            f'{figures}<td class="text-end text-nowrap">{ratio(row.reports)}</td></tr>'
        )
    return mark_safe("\n".join(lines))  # noqa: S308 - every value escaped or a number


@register.simple_tag
def late_unit_rows(by_child: list[tuple[Unit, int]], units_url: str, query: str) -> SafeString:
    """The body rows of the late units table: each direct sub-unit with late branches, linked to its
    own dashboard, and how many."""
    link, parameters = escape(units_url), escape(query)
    return mark_safe(  # noqa: S308 - every value escaped or a number
        "".join(
            f'<tr><td>{_unit_link(child, link, parameters)}</td><td class="text-end">{count(number)}</td></tr>'
            for child, number in by_child
        )
    )
