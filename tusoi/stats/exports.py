"""The dashboard's tables as an .xlsx workbook, one sheet per table, headers in Vietnamese.

Numbers are number cells; every text (unit names, catalogue texts) is a string cell, so a text
starting with "=" stays text and never becomes a formula; a suppressed count is the text "—".
Fed by `tusoi.stats.dashboard.unit_dashboard`: counts only, never a person's name.
"""

import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .dashboard import Dashboard
from .selectors import ItemLevels

SUPPRESSED = "—"
Row = Sequence[Any]


def _cell(sheet: WriteOnlyWorksheet, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    if value is None:
        value = SUPPRESSED
    cell = WriteOnlyCell(sheet)
    if isinstance(value, bool):
        cell.value = _("yes") if value else _("no")
        cell.data_type = "s"
    elif isinstance(value, int | float):
        cell.value = value
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
    else:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet(book: Workbook, title: str, header: Row, rows: Iterable[Row]) -> None:
    sheet = book.create_sheet(title=title[:31])
    sheet.append([_cell(sheet, h, bold=True) for h in header])
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])


def _ratio(done: int, total: int) -> list[int]:
    return [done, total]


def _figures(d: Dashboard) -> tuple[str, Row, list[Row]]:
    s = d.stats
    rows: list[Row] = [
        (
            _("Grassroots branches that held the meeting"),
            *_ratio(s.grassroots_branches.done, s.grassroots_branches.total),
        ),
        (
            _("Affiliated branches that held the meeting"),
            *_ratio(s.affiliated_branches.done, s.affiliated_branches.total),
        ),
        (
            _("Grassroots committees all of whose branches held it"),
            *_ratio(s.grassroots_committees.done, s.grassroots_committees.total),
        ),
        (_("Thematic meetings held"), s.meetings, None),
        (_("Discussion opinions"), s.opinions, None),
        (_("Comments on the draft"), s.comments, None),
        (_("Self-reviews submitted / members enrolled"), s.submitted, s.enrolled),
        (_("Members present at the meetings"), s.present, None),
        (_("Results reports received / expected"), s.reports_received, s.sessions.total),
    ]
    header = (_("Figure"), pgettext("count", "Number"), _("Out of"))
    return _("Figures"), header, [(label, done, total if total is not None else "") for label, done, total in rows]


def _progress(d: Dashboard) -> tuple[str, Row, list[Row]]:
    header = (_("Date"), _("Submitted that day"), _("Submitted in total"), _("% of members enrolled"))
    return _("Progress"), header, [(day.day, day.submitted, day.cumulative, day.percent) for day in d.series.days]


def _sub_units(d: Dashboard) -> tuple[str, Row, list[Row]]:
    header = (
        _("Unit"),
        _("Branches that held the meeting"),
        _("Branches"),
        _("Self-reviews submitted"),
        _("Members enrolled"),
        _("Results reports received"),
        _("Meetings"),
        _("Discussion opinions"),
        _("Members present"),
    )
    rows: list[Row] = [
        (
            r.unit.name,
            r.sessions.done,
            r.sessions.total,
            r.submissions.done,
            r.submissions.total,
            r.reports.done,
            r.meetings,
            r.opinions,
            r.present,
        )
        for r in d.sub_units
    ]
    return _("By sub-unit"), header, rows


def _late(d: Dashboard) -> tuple[str, Row, list[Row]]:
    header = (
        _("Branch"),
        _("Self-reviews due"),
        _("Self-reviews not submitted"),
        _("Meeting due"),
        _("Meeting not held"),
        _("Results report due"),
        _("Results report not received"),
    )
    rows: list[Row] = [
        (b.unit.name, b.reviews_due, b.pending_reviews, b.meeting_due, b.meeting_late, b.report_due, b.report_late)
        for b in d.late.branches
    ]
    return _("Late branches"), header, rows


def _late_units(d: Dashboard) -> tuple[str, Row, list[Row]]:
    rows: list[Row] = [(child.name, number) for child, number in d.late.by_child]
    return _("Late by sub-unit"), (_("Unit"), _("Late branches")), rows


def _level_header(d: Dashboard, first: Sequence[str]) -> Row:
    levels = d.stats.levels
    scale = [label for _code, label in levels.scale] if levels else []
    return (*first, *scale, _("At any level above none"))


def _manifestations(d: Dashboard) -> tuple[str, Row, list[Row]]:
    levels = d.stats.levels
    items = levels.top_manifestations(limit=1000) if levels else []
    header = _level_header(d, (pgettext("catalogue item", "Code"), _("Manifestation")))
    return _("Most identified"), header, [(m.code, m.label, *m.counts, m.identified) for m in items]


def _levels(d: Dashboard) -> tuple[str, Row, list[Row]]:
    levels = d.stats.levels
    kinds = {"g": _("Group"), "m": _("Manifestation"), "i": _("Indicator")}
    rows: list[Row] = []

    def add(item: ItemLevels) -> None:
        rows.append((kinds[item.kind], item.code, item.label, *item.counts, item.identified))
        for child in item.children:
            add(child)

    for group in levels.groups if levels else []:
        add(group)
    return (
        _("Levels"),
        _level_header(d, (pgettext("catalogue item", "Kind"), pgettext("catalogue item", "Code"), _("Text"))),
        rows,
    )


TABLES: dict[str, Callable[[Dashboard], tuple[str, Row, list[Row]]]] = {
    "figures": _figures,
    "progress": _progress,
    "sub_units": _sub_units,
    "late": _late,
    "late_units": _late_units,
    "manifestations": _manifestations,
    "levels": _levels,
}


def dashboard_workbook(dashboard: Dashboard, tables: Sequence[str] = tuple(TABLES)) -> bytes:
    """The chosen tables of a dashboard (all by default) as .xlsx bytes, in Vietnamese."""
    book = Workbook(write_only=True)
    with translation.override(settings.LANGUAGE_CODE):
        for name in tables:
            _sheet(book, *TABLES[name](dashboard))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
