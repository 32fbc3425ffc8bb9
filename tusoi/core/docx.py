"""The house style of the Party documents produced as Word files (Hướng dẫn 36-HD/VPTW, 03/4/2018).

One place for what every generated .docx shares, whether written directly with python-docx (the
meeting minutes, the summary report) or built once as a docxtpl template (the personal report, the
year-end remediation sheet):

- `new_document` / `setup_page`: A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm;
  Times New Roman 14 pt as the Normal style;
- `add_paragraph` / `add_run`: paragraphs and runs in that font, user text written literally (only
  the characters XML cannot hold are dropped, see `clean`);
- `add_table`: fixed column widths that Word and LibreOffice both honour;
- `header_block`: the superior body over the issuing body (bold) and an asterisk at top left, with
  the number and symbol under them; "ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt, bold, underlined) and the place
  and date (italic) at top right;
- `signature_table` / `signature`: the signature block at the foot;
- `date_parts`, `party_date`, `place_and_date`: "Tuyên Quang, ngày 05 tháng 02 năm 2022".
"""

import re
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
TEXT_WIDTH_CM = 16.5  # A4 (21 cm) less the left (3 cm) and right (1.5 cm) margins
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- dates -------------------------------------------------------------------------------------


def date_parts(value: date) -> tuple[str, str, str]:
    """Day, month and year as 36-HD writes them: a leading 0 for days 1–9 and for months 1 and 2."""
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return day, month, str(value.year)


def party_date(value: date) -> str:
    """ "ngày 05 tháng 02 năm 2022" (in the active language)."""
    day, month, year = date_parts(value)
    return _("day %(day)s month %(month)s year %(year)s") % {"day": day, "month": month, "year": year}


def place_and_date(place: str, value: date) -> str:
    """ "Tuyên Quang, ngày 05 tháng 02 năm 2022"; an unknown place is left as "……" to fill in by hand."""
    return _("%(place)s, %(date)s") % {"place": place or "……", "date": party_date(value)}


# --- page, paragraphs, runs --------------------------------------------------------------------


def setup_page(document: Any, *, space_after: int = 6, line_spacing: float = 1.0) -> None:
    """A4 portrait with the 36-HD margins, and Times New Roman 14 pt as the Normal style.

    `space_after` (points) and `line_spacing` set the Normal paragraph spacing.
    """
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(space_after), line_spacing


def new_document(*, space_after: int = 6, line_spacing: float = 1.0) -> Any:
    """A new python-docx document already set up by `setup_page`."""
    document = Document()
    setup_page(document, space_after=space_after, line_spacing=line_spacing)
    return document


def clean(text: str) -> str:
    """The text without the control characters an XML document cannot hold (all else is kept)."""
    return _XML_INVALID.sub("", text)


def add_run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: int = 14,
) -> Run:
    """Append `text` to the paragraph, literally, in Times New Roman of `size` points."""
    run = paragraph.add_run(clean(text))
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    run.font.name = FONT
    return run


def _is_pristine(paragraph: Paragraph) -> bool:
    return len(paragraph._p) == 0  # no properties, no runs: the paragraph python-docx puts in a new cell


def add_paragraph(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: int = 14,
    align: Any = None,
    indent: bool = False,
    after: int | None = None,
) -> Paragraph:
    """A paragraph at the end of `container` (the document or a table cell), holding `text` if any.

    In a cell, the first call fills the empty paragraph every new cell starts with, so the cell does
    not begin with a blank line. `indent` gives the 1 cm first-line indent of the body text; `after`
    is the space after the paragraph in points (the Normal style's when None).
    """
    paragraphs = container.paragraphs if isinstance(container, _Cell) else []
    if len(paragraphs) == 1 and _is_pristine(paragraphs[0]):
        paragraph = paragraphs[0]
        paragraph._p.get_or_add_pPr()  # no longer pristine: the next call adds a new paragraph
    else:
        paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    if text:
        add_run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


# --- tables ------------------------------------------------------------------------------------


def set_widths(table: Table, widths: tuple[float, ...] | list[float]) -> None:
    """Fixed column widths in cm, in the grid (which LibreOffice reads) and in every cell (Word)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def add_table(
    document: Any,
    rows: int,
    widths: tuple[float, ...] | list[float],
    *,
    grid: bool = False,
    keep_rows: bool = True,
) -> Table:
    """A centred table of `rows` rows and fixed column `widths` (cm); `grid` draws every border.

    With `keep_rows` a row is never split across two pages (a signature block stays together).
    """
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if grid:
        table.style = "Table Grid"
    set_widths(table, widths)
    if keep_rows:
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


# --- the 36-HD blocks --------------------------------------------------------------------------


def header_block(
    document: Any,
    *,
    superior: str,
    issuer: str,
    date_line: str,
    number: str = "",
    widths: tuple[float, float] = (7.3, 9.2),
) -> Table:
    """The heading table of a Party document, texts written as given (upper case them beforehand).

    Left: the superior body (left out when empty), the issuing body in bold, an asterisk, then the
    number and symbol if any. Right: "ĐẢNG CỘNG SẢN VIỆT NAM" and, a line below, the place and date.
    """
    table = add_table(document, 1, widths)
    left, right = table.rows[0].cells
    if superior:
        add_paragraph(left, superior, align=CENTER, after=0)
    add_paragraph(left, issuer, bold=True, align=CENTER, after=0)
    add_paragraph(left, "*", align=CENTER, after=0)
    if number:
        add_paragraph(left, number, align=CENTER, after=0)
    add_paragraph(right, PARTY_HEADING, bold=True, underline=True, size=15, align=CENTER, after=0)
    add_paragraph(right, "", after=0)
    add_paragraph(right, date_line, italic=True, align=CENTER, after=0)
    return table


def signature_table(document: Any, widths: tuple[float, float] = (8.0, 8.5)) -> tuple[_Cell, _Cell]:
    """A blank line kept with a borderless two-column row that never splits; returns its two cells."""
    add_paragraph(document, "", after=0).paragraph_format.keep_with_next = True
    left, right = add_table(document, 1, widths).rows[0].cells
    return left, right


def signature(cell: _Cell, title: str, note: str, name: str = "") -> None:
    """A signature in `cell`: the title in bold, the note in italics, room to sign, the name in bold."""
    add_paragraph(cell, title, bold=True, align=CENTER, after=0)
    add_paragraph(cell, note, italic=True, align=CENTER, after=48)
    if name:
        add_paragraph(cell, name, bold=True, align=CENTER)
