"""The summary report (báo cáo tổng hợp kết quả) as a Word document in the Party's format (Hướng dẫn
36-HD/VPTW): superior body over the issuing body at top left with the number and symbol ("Số
12-BC/ĐUK"), "ĐẢNG CỘNG SẢN VIỆT NAM" at top right with place and date, "BÁO CÁO" and the summary
line, the parts of the text, a table of the figures, recipients and signature block. Times New Roman
14 pt on A4. Built with python-docx, which writes every text literally (nothing is a template).
"""

import io
import re
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tusoi.org.models import Unit, UnitKind

from ..models import SummaryReport
from .narrative import fraction, n

FONT = "Times New Roman"
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


def party_date(place: str, value: date) -> str:
    """ "Tuyên Quang, ngày 05 tháng 01 năm 2022": days below 10, months 1 and 2 with a leading zero."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    dated = _("day %(day)s month %(month)s year %(year)s") % {
        "day": f"{value.day:02d}",
        "month": month,
        "year": value.year,
    }
    return _("%(place)s, %(date)s") % {"place": place or "……", "date": dated}


class _Writer:
    def __init__(self) -> None:
        self.doc = Document()
        style = self.doc.styles["Normal"]
        style.font.name, style.font.size = FONT, Pt(14)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        style.paragraph_format.space_after, style.paragraph_format.line_spacing = Pt(6), 1.0
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)

    def para(self, text: str = "", *, container: Any = None, align: Any = None, indent: bool = False,
             after: int | None = None, **run: Any) -> Any:  # fmt: skip
        paragraph = (container or self.doc).add_paragraph()
        if container is not None and len(container.paragraphs) == 2 and not container.paragraphs[0].text:
            container._element.remove(container.paragraphs[0]._element)  # a new cell's empty first paragraph
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        if after is not None:
            paragraph.paragraph_format.space_after = Pt(after)
        if text:
            self.run(paragraph, text, **run)
        return paragraph

    @staticmethod
    def run(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: int = 14,
            underline: bool = False) -> Any:  # fmt: skip
        r = paragraph.add_run(_XML_INVALID.sub("", text))
        r.bold, r.italic, r.underline = bold, italic, underline
        r.font.size, r.font.name = Pt(size), FONT
        return r

    def table(self, rows: int, widths: tuple[float, ...], *, borders: bool = False) -> Any:
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        if borders:
            table.style = "Table Grid"
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid LibreOffice reads
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)  # the cell widths Word reads
        return table


def _header(w: _Writer, report: SummaryReport) -> None:
    left, right = w.table(1, (6.8, 9.7)).rows[0].cells
    parent = Unit.objects.get_parent(report.unit)
    if parent is not None:
        w.para(parent.name.upper(), container=left, align=CENTER, after=0)
    w.para(report.unit.name.upper(), container=left, align=CENTER, bold=True, after=0)
    w.para("*", container=left, align=CENTER, after=0)
    number = _("No. %(symbol)s") % {"symbol": report.symbol or "…-BC"}
    w.para(number, container=left, align=CENTER, after=0)
    w.para("ĐẢNG CỘNG SẢN VIỆT NAM", container=right, align=CENTER, bold=True, size=15, underline=True, after=0)
    w.para("", container=right, after=0)
    w.para(party_date(report.place, report.report_date), container=right, align=CENTER, italic=True, after=0)


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
        (_("Thematic meetings held"), n(figures["meetings"])),
        (_("Discussion opinions"), n(figures["opinions"])),
        (_("Comments on the draft"), n(figures["comments"])),
        (_("Self-reviews submitted / members enrolled"), f"{n(members['submitted'])}/{n(members['enrolled'])}"),
        (_("Members present at the meetings"), n(members["present"])),
        (_("Results reports received / expected"), f"{n(reports['received'])}/{n(reports['expected'])}"),
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
    w.para("", after=0).paragraph_format.keep_with_next = True
    left, right = w.table(1, (8.0, 8.5)).rows[0].cells
    w.para(_("Recipients:"), container=left, bold=True, italic=True, size=12, after=0)
    for line in (_("- as above,"), _("- filed at the office.")):
        w.para(line, container=left, size=11, after=0)
    on_behalf = _("ON BEHALF OF THE STANDING COMMITTEE") if report.unit.kind == UnitKind.BLOC else None
    w.para(on_behalf or _("ON BEHALF OF THE PARTY COMMITTEE"), container=right, align=CENTER, bold=True, after=0)
    w.para(_("(signature, full name)"), container=right, align=CENTER, italic=True, after=48)


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
