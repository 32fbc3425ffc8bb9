"""Build the Word template of the personal report (templates_docx/personal_report.docx).

    python -m tusoi.reviews.documents.make_template

The template follows Hướng dẫn 36-HD/VPTW in the house style of tusoi.core.docx (A4, margins, Times
New Roman 14 pt, the heading table with the superior body over the branch and "ĐẢNG CỘNG SẢN VIỆT
NAM" with place and date, the signature block); `new_template`, `tag` and `header` are shared with
the other docxtpl templates. The wording is the Party form's, in Vietnamese: the template is a
document, not interface text. The result is committed; an office may restyle it in Word as long as the {{ }} tags stay.
"""

from pathlib import Path
from typing import Any

from tusoi.core.docx import (
    CENTER,
    JUSTIFY,
    add_paragraph,
    add_table,
    header_block,
    new_document,
    signature,
    signature_table,
)

TARGET = Path(__file__).resolve().parent.parent / "templates_docx" / "personal_report.docx"
DATE_LINE = "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}"


def new_template() -> Any:
    """A document in the house style, with the tighter spacing of the templates (4 pt after, 1.1 lines)."""
    return new_document(space_after=4, line_spacing=1.1)


def tag(document: object, text: str) -> None:
    """A paragraph holding only a docxtpl block tag ({%p … %}); it disappears when rendered."""
    add_paragraph(document, text)


def header(document: object) -> None:
    """The 36-HD heading with the {{ }} tags of the superior body, the branch and the place and date."""
    header_block(document, superior="{{ superior_name }}", issuer="{{ branch_name }}", date_line=DATE_LINE)


def _title(document: object) -> None:
    add_paragraph(document, "", after=6)
    add_paragraph(document, "BẢN TỰ SOI, TỰ SỬA", bold=True, size=16, align=CENTER, after=0)
    add_paragraph(document, "{{ period_line }}", bold=True, align=CENTER, after=0)
    add_paragraph(document, "(Thực hiện Kế hoạch số {{ plan_number }})", italic=True, align=CENTER, after=0)
    tag(document, "{%p if not is_final %}")
    add_paragraph(document, "(Bản nháp, chưa nộp chi ủy)", italic=True, align=CENTER, after=0)
    tag(document, "{%p endif %}")
    add_paragraph(document, "", after=6)


def _identity(document: object) -> None:
    for label, field in (
        ("Họ và tên", "full_name"),
        ("Ngày sinh", "birth_date"),
        ("Chức vụ Đảng", "party_position"),
        ("Chức vụ chính quyền", "gov_position"),
        ("Đơn vị công tác", "workplace"),
        ("Chi bộ", "branch"),
    ):
        add_paragraph(document, f"- {label}: {{{{ {field} }}}}", indent=True)


def _text_section(document: object, heading: str, name: str) -> None:
    add_paragraph(document, heading, bold=True, indent=True)
    tag(document, f"{{%p for line in {name} %}}")
    add_paragraph(document, "{{ line }}", align=JUSTIFY, indent=True)
    tag(document, "{%p else %}")
    add_paragraph(document, "Không có.", indent=True)
    tag(document, "{%p endfor %}")


def _manifestations(document: object) -> None:
    add_paragraph(document, "I. TỰ SOI, ĐỐI CHIẾU VỚI CÁC BIỂU HIỆN SUY THOÁI", bold=True, indent=True)
    tag(document, "{%p for g in groups %}")
    add_paragraph(document, "{{ loop.index }}. Nhóm {{ g.code }}: {{ g.title }}", bold=True, italic=True, indent=True)
    tag(document, "{%p for it in g.items %}")
    add_paragraph(document, "- {{ it.code }}. {{ it.text }}: mức độ “{{ it.level }}”.", align=JUSTIFY, indent=True)
    tag(document, "{%p else %}")
    add_paragraph(document, "Không tự nhận biểu hiện nào trong nhóm này.", indent=True)
    tag(document, "{%p endfor %}")
    tag(document, "{%p if g.unanswered %}")
    add_paragraph(document, "(Còn {{ g.unanswered }} biểu hiện chưa tự đánh giá.)", italic=True, indent=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
    add_paragraph(document, "Các biểu hiện còn lại: tự đánh giá ở mức “{{ none_label }}”.", align=JUSTIFY, indent=True)


def _commitments(document: object) -> None:
    add_paragraph(document, "IV. CAM KẾT TỰ SỬA", bold=True, indent=True)
    tag(document, "{%p if commitments %}")
    table = add_table(document, 4, (1.1, 6.2, 6.4, 2.8), grid=True, keep_rows=False)
    headers = ("TT", "Hạn chế, khuyết điểm", "Biện pháp khắc phục", "Thời hạn")
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        add_paragraph(cell, text, bold=True, size=13, align=CENTER, after=0)
    add_paragraph(table.rows[1].cells[0], "{%tr for c in commitments %}", size=13)
    values = ("{{ c.number }}", "{{ c.shortcoming }}", "{{ c.measure }}", "{{ c.deadline }}")
    for i, (cell, text) in enumerate(zip(table.rows[2].cells, values, strict=True)):
        add_paragraph(cell, text, size=13, align=CENTER if i in (0, 3) else None, after=0)
    add_paragraph(table.rows[3].cells[0], "{%tr endfor %}", size=13)
    tag(document, "{%p else %}")
    add_paragraph(document, "Không có nội dung phải cam kết khắc phục.", indent=True)
    tag(document, "{%p endif %}")


def _signature(document: object) -> None:
    _left, right = signature_table(document)
    signature(right, "NGƯỜI TỰ SOI", "(Ký, ghi rõ họ và tên)", "{{ full_name }}")


def build(target: Path = TARGET) -> Path:
    document = new_template()
    header(document)
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
