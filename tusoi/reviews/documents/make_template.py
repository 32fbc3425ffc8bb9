"""Build the Word template of the personal report (templates_docx/personal_report.docx).

    python -m tusoi.reviews.documents.make_template

The template follows Hướng dẫn 36-HD/VPTW: A4; margins top/bottom 20 mm, left 30 mm, right 15 mm;
Times New Roman 14 pt; the superior body over the branch (bold) and an asterisk at top left;
"ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt, bold, underlined) and place and date (italic) at top right. The
wording is the Party form's, in Vietnamese: the template is a document, not interface text. The
result is committed; an office may restyle it in Word as long as the {{ }} tags stay.
"""

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

TARGET = Path(__file__).resolve().parent.parent / "templates_docx" / "personal_report.docx"
FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _setup(document: Any) -> None:
    section = document.sections[0]
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
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(4), 1.1


def _para(
    container: object,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: int = 14,
    align: int | None = None,
    indent: bool = False,
    after: int | None = None,
) -> Paragraph:
    paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _tag(document: object, tag: str) -> None:
    """A paragraph holding only a docxtpl block tag ({%p … %}); it disappears when rendered."""
    _para(document, tag)


def _cell(cell: _Cell) -> _Cell:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    return cell


def _widths(table: Table, widths: list[float]) -> None:
    """Fixed column widths, in the grid and in every cell (LibreOffice reads the grid, Word both)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _header(document: object) -> None:
    table = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    _widths(table, [7.3, 9.2])
    left, right = (_cell(c) for c in table.rows[0].cells)
    _para(left, "{{ superior_name }}", align=CENTER, after=0)
    _para(left, "{{ branch_name }}", bold=True, align=CENTER, after=0)
    _para(left, "*", align=CENTER, after=0)
    _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=15, align=CENTER, after=12)
    _para(right, "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", italic=True, align=CENTER, after=0)


def _title(document: object) -> None:
    _para(document, "", after=6)
    _para(document, "BẢN TỰ SOI, TỰ SỬA", bold=True, size=16, align=CENTER, after=0)
    _para(document, "{{ period_line }}", bold=True, align=CENTER, after=0)
    _para(document, "(Thực hiện Kế hoạch số {{ plan_number }})", italic=True, align=CENTER, after=0)
    _tag(document, "{%p if not is_final %}")
    _para(document, "(Bản nháp, chưa nộp chi ủy)", italic=True, align=CENTER, after=0)
    _tag(document, "{%p endif %}")
    _para(document, "", after=6)


def _identity(document: object) -> None:
    for label, field in (
        ("Họ và tên", "full_name"),
        ("Ngày sinh", "birth_date"),
        ("Chức vụ Đảng", "party_position"),
        ("Chức vụ chính quyền", "gov_position"),
        ("Đơn vị công tác", "workplace"),
        ("Chi bộ", "branch"),
    ):
        _para(document, f"- {label}: {{{{ {field} }}}}", indent=True)


def _text_section(document: object, heading: str, name: str) -> None:
    _para(document, heading, bold=True, indent=True)
    _tag(document, f"{{%p for line in {name} %}}")
    _para(document, "{{ line }}", align=JUSTIFY, indent=True)
    _tag(document, "{%p else %}")
    _para(document, "Không có.", indent=True)
    _tag(document, "{%p endfor %}")


def _manifestations(document: object) -> None:
    _para(document, "I. TỰ SOI, ĐỐI CHIẾU VỚI CÁC BIỂU HIỆN SUY THOÁI", bold=True, indent=True)
    _tag(document, "{%p for g in groups %}")
    _para(document, "{{ loop.index }}. Nhóm {{ g.code }}: {{ g.title }}", bold=True, italic=True, indent=True)
    _tag(document, "{%p for it in g.items %}")
    _para(document, "- {{ it.code }}. {{ it.text }}: mức độ “{{ it.level }}”.", align=JUSTIFY, indent=True)
    _tag(document, "{%p else %}")
    _para(document, "Không tự nhận biểu hiện nào trong nhóm này.", indent=True)
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if g.unanswered %}")
    _para(document, "(Còn {{ g.unanswered }} biểu hiện chưa tự đánh giá.)", italic=True, indent=True)
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    _para(document, "Các biểu hiện còn lại: tự đánh giá ở mức “{{ none_label }}”.", align=JUSTIFY, indent=True)


def _commitments(document: object) -> None:
    _para(document, "IV. CAM KẾT TỰ SỬA", bold=True, indent=True)
    _tag(document, "{%p if commitments %}")
    table = document.add_table(rows=4, cols=4)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [1.1, 6.2, 6.4, 2.8])
    headers = ("TT", "Hạn chế, khuyết điểm", "Biện pháp khắc phục", "Thời hạn")
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _para(_cell(cell), text, bold=True, size=13, align=CENTER, after=0)
    _para(_cell(table.rows[1].cells[0]), "{%tr for c in commitments %}", size=13)
    values = ("{{ c.number }}", "{{ c.shortcoming }}", "{{ c.measure }}", "{{ c.deadline }}")
    for i, (cell, text) in enumerate(zip(table.rows[2].cells, values, strict=True)):
        _para(_cell(cell), text, size=13, align=CENTER if i in (0, 3) else None, after=0)
    _para(_cell(table.rows[3].cells[0]), "{%tr endfor %}", size=13)
    _tag(document, "{%p else %}")
    _para(document, "Không có nội dung phải cam kết khắc phục.", indent=True)
    _tag(document, "{%p endif %}")


def _signature(document: object) -> None:
    _para(document, "", after=6)
    table = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    _widths(table, [7.5, 9.0])
    right = _cell(table.rows[0].cells[1])
    _para(right, "NGƯỜI TỰ SOI", bold=True, align=CENTER, after=0)
    _para(right, "(Ký, ghi rõ họ và tên)", italic=True, align=CENTER, after=0)
    for _ in range(3):
        _para(right, "", after=6)
    _para(right, "{{ full_name }}", bold=True, align=CENTER, after=0)


def build(target: Path = TARGET) -> Path:
    document = Document()
    _setup(document)
    _header(document)
    _title(document)
    _identity(document)
    _manifestations(document)
    other = "II. NHỮNG HẠN CHẾ, KHUYẾT ĐIỂM KHÁC TRONG THỰC HIỆN CHỨC TRÁCH, NHIỆM VỤ"
    _text_section(document, other, "other_shortcomings")
    _text_section(document, "III. NGUYÊN NHÂN", "causes")
    _commitments(document)
    _signature(document)
    document.core_properties.author = ""
    document.core_properties.title = "Bản tự soi, tự sửa"
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


if __name__ == "__main__":  # pragma: no cover - a build step, run by hand
    print(build())  # noqa: T201
