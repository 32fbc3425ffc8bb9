"""The summary report (báo cáo tổng hợp kết quả) as a Word document in the Party's format (Hướng dẫn
36-HD/VPTW): superior body over the issuing body at top left with the number and symbol ("Số
12-BC/ĐUK"), "ĐẢNG CỘNG SẢN VIỆT NAM" at top right with place and date, "BÁO CÁO" and the summary
line, the parts of the text, a table of the figures, recipients and signature block. Times New Roman
14 pt on A4 (the house style of tusoi.core.docx). Built with python-docx, which writes every text
literally (nothing is a template).
"""

import io
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tusoi.core.docx import (
    CENTER,
    JUSTIFY,
    add_paragraph,
    add_table,
    header_block,
    new_document,
    place_and_date,
    signature,
    signature_table,
)
from tusoi.core.numbers import grouped
from tusoi.org.models import Unit, UnitKind

from ..models import SummaryReport
from .narrative import fraction


class _Writer:
    """The document being written, with the helpers of tusoi.core.docx bound to it."""

    def __init__(self) -> None:
        self.doc = new_document()

    def para(self, text: str = "", *, container: Any = None, **style: Any) -> Any:
        return add_paragraph(self.doc if container is None else container, text, **style)

    def table(self, rows: int, widths: tuple[float, ...], *, borders: bool = False) -> Any:
        return add_table(self.doc, rows, widths, grid=borders)


def _header(w: _Writer, report: SummaryReport) -> None:
    parent = Unit.objects.get_parent(report.unit)
    header_block(
        w.doc,
        superior=parent.name.upper() if parent is not None else "",
        issuer=report.unit.name.upper(),
        number=_("No. %(symbol)s") % {"symbol": report.symbol or "…-BC"},
        date_line=place_and_date(report.place, report.report_date),
        widths=(6.8, 9.7),
    )


def _title(w: _Writer, report: SummaryReport) -> None:
    w.para("", after=0)
    if report.is_editable:
        w.para(_("DRAFT"), align=CENTER, italic=True, size=12, after=0)
    w.para(_("REPORT"), align=CENTER, bold=True, size=16, after=0)
    w.para(report.summary, align=CENTER, bold=True)
    w.para("-----", align=CENTER)


def _body(w: _Writer, report: SummaryReport) -> None:
    for section in report.sections.order_by("position"):
        w.para(section.heading, bold=True, indent=True, align=JUSTIFY)
        for line in section.body.splitlines():
            if line.strip():
                w.para(line.strip(), indent=True, align=JUSTIFY)


def figure_rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) rows of the figures table (shared by the page and the document)."""
    members, reports = figures["members"], figures["reports"]
    kinds = ("grassroots_branches", "affiliated_branches", "grassroots_committees")
    absent = {kind for kind in kinds if not figures[kind]["total"]}  # e.g. no grassroots branch in a committee
    rows = [
        (_("Grassroots branches that held the meeting"), fraction(figures["grassroots_branches"])),
        (_("Affiliated branches that held the meeting"), fraction(figures["affiliated_branches"])),
        (
            _("Grassroots committees all of whose branches held it"),
            fraction(figures["grassroots_committees"], "completed"),
        ),
        (_("Thematic meetings held"), grouped(figures["meetings"])),
        (_("Discussion opinions"), grouped(figures["opinions"])),
        (_("Comments on the draft"), grouped(figures["comments"])),
        (
            _("Self-reviews submitted / members enrolled"),
            f"{grouped(members['submitted'])}/{grouped(members['enrolled'])}",
        ),
        (_("Members present at the meetings"), grouped(members["present"])),
        (_("Results reports received / expected"), f"{grouped(reports['received'])}/{grouped(reports['expected'])}"),
    ]
    return [row for kind, row in zip((*kinds, *[""] * (len(rows) - 3)), rows, strict=True) if kind not in absent]


def _figures(w: _Writer, report: SummaryReport) -> None:
    rows = figure_rows(report.figures)
    w.para(_("Figures"), bold=True, indent=True)
    table = w.table(len(rows) + 1, (11.5, 5.0), borders=True)
    for cell, text in zip(table.rows[0].cells, (_("Figure"), pgettext("count", "Number")), strict=True):
        w.para(text, container=cell, align=CENTER, bold=True, after=0)
    for row, (label, value) in zip(table.rows[1:], rows, strict=True):
        w.para(label, container=row.cells[0], after=0, size=13)
        w.para(value, container=row.cells[1], align=CENTER, after=0, size=13)


def _signature(w: _Writer, report: SummaryReport) -> None:
    left, right = signature_table(w.doc)
    w.para(_("Recipients:"), container=left, bold=True, italic=True, size=12, after=0)
    for line in (_("- as above,"), _("- filed at the office.")):
        w.para(line, container=left, size=11, after=0)
    on_behalf = _("ON BEHALF OF THE STANDING COMMITTEE") if report.unit.kind == UnitKind.BLOC else None
    signature(right, on_behalf or _("ON BEHALF OF THE PARTY COMMITTEE"), _("(signature, full name)"))


def render_summary(report: SummaryReport) -> bytes:
    """The report as .docx bytes, always in the project's language (Vietnamese)."""
    with translation.override(settings.LANGUAGE_CODE):
        w = _Writer()
        _header(w, report)
        _title(w, report)
        _body(w, report)
        _figures(w, report)
        _signature(w, report)
    buffer = io.BytesIO()
    w.doc.save(buffer)
    return buffer.getvalue()
