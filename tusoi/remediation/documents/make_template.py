"""Build the Word template of the year-end remediation sheet (templates_docx/year_end.docx).

    python -m tusoi.remediation.documents.make_template

The house style is tusoi.core.docx (Hướng dẫn 36-HD/VPTW): page set-up, heading (superior body over
the unit, "ĐẢNG CỘNG SẢN VIỆT NAM", place and date), paragraph, table and signature helpers; the
template set-up (`new_template`, `tag`, `header`) is the personal report's. The wording is the
Party document's, in Vietnamese: the template is a document, not interface text. The result is
committed; an office may restyle it in Word as long as the {{ }} tags stay.
"""

from pathlib import Path

from tusoi.core.docx import CENTER, JUSTIFY, add_paragraph, add_table, signature, signature_table
from tusoi.reviews.documents.make_template import header, new_template, tag

TARGET = Path(__file__).resolve().parent.parent / "templates_docx" / "year_end.docx"
COLUMNS = (
    ("TT", 1.0, "{{ r.number }}"),
    ("Hạn chế, khuyết điểm", 4.2, "{{ r.shortcoming }}"),
    ("Biện pháp khắc phục", 4.4, "{{ r.measures }}"),
    ("Thời hạn", 2.6, "{{ r.deadline }}"),
)
RESULT_WIDTH = 4.3


def _title(document: object) -> None:
    add_paragraph(document, "", after=6)
    add_paragraph(document, "BÁO CÁO KẾT QUẢ KHẮC PHỤC, SỬA CHỮA", bold=True, size=16, align=CENTER, after=0)
    add_paragraph(document, "HẠN CHẾ, KHUYẾT ĐIỂM {{ title_line|upper }}", bold=True, align=CENTER, after=0)
    add_paragraph(document, "(Kèm theo bản kiểm điểm, đánh giá, xếp loại cuối năm)", italic=True, align=CENTER, after=0)
    add_paragraph(document, "", after=6)


def _identity(document: object) -> None:
    tag(document, "{%p if is_member %}")
    for label, name in (
        ("Họ và tên", "full_name"),
        ("Ngày sinh", "birth_date"),
        ("Chức vụ Đảng", "party_position"),
        ("Chi bộ", "branch"),
    ):
        add_paragraph(document, f"- {label}: {{{{ {name} }}}}", indent=True)
    tag(document, "{%p else %}")
    add_paragraph(document, "- Tổ chức đảng: {{ unit_name }}", indent=True)
    tag(document, "{%p endif %}")


def _rows_table(document: object, rows: str, result_header: str) -> None:
    headers = [*COLUMNS, (result_header, RESULT_WIDTH, "")]
    table = add_table(document, 4, [width for _h, width, _v in headers], grid=True, keep_rows=False)
    for cell, (text, _w, _v) in zip(table.rows[0].cells, headers, strict=True):
        add_paragraph(cell, text, bold=True, size=12, align=CENTER, after=0)
    add_paragraph(table.rows[1].cells[0], f"{{%tr for r in {rows} %}}", size=12)
    cells = table.rows[2].cells
    for i, (_h, _w, value) in enumerate(COLUMNS):
        add_paragraph(cells[i], value, size=12, align=CENTER if i in (0, 3) else None, after=0)
    result = cells[len(COLUMNS)]
    state = "{{ r.state_label }}{% if r.carried_from %} (từ năm {{ r.carried_from }}){% endif %}"
    add_paragraph(result, state, bold=True, size=12, after=0)
    add_paragraph(result, "{{ r.result }}", size=12, after=0)
    add_paragraph(result, "{{ r.last_progress }}", italic=True, size=11, after=0)
    add_paragraph(table.rows[3].cells[0], "{%tr endfor %}", size=12)


def _results(document: object) -> None:
    add_paragraph(document, "I. KẾT QUẢ THỰC HIỆN CAM KẾT VÀ KẾ HOẠCH KHẮC PHỤC, SỬA CHỮA", bold=True, indent=True)
    tag(document, "{%p if rows %}")
    _rows_table(document, "rows", "Kết quả")
    add_paragraph(document, "", after=0)
    add_paragraph(
        document,
        "Tổng số {{ counts.total }} nội dung: hoàn thành {{ counts.done }}; đang thực hiện {{ counts.in_progress }}; "
        "chưa thực hiện {{ counts.not_started }}; quá hạn {{ counts.overdue }} (tính đến ngày {{ as_of }}).",
        align=JUSTIFY,
        indent=True,
    )
    tag(document, "{%p else %}")
    add_paragraph(document, "Chưa phát sinh nội dung phải khắc phục trong năm.", indent=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p if pending %}")
    add_paragraph(document, "Cam kết chưa đưa vào kế hoạch khắc phục:", bold=True, italic=True, indent=True)
    tag(document, "{%p for r in pending %}")
    line = "- {{ r.shortcoming }}: {{ r.measures }}{% if r.deadline %} (hạn {{ r.deadline }}){% endif %}."
    add_paragraph(document, line, align=JUSTIFY, indent=True)
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")


def _unit_parts(document: object) -> None:
    tag(document, "{%p if not is_member %}")
    add_paragraph(document, "II. VIỆC THỰC HIỆN YÊU CẦU SAU KIỂM TRA, GIÁM SÁT", bold=True, indent=True)
    tag(document, "{%p if actions %}")
    _rows_table(document, "actions", "Kết quả")
    tag(document, "{%p else %}")
    add_paragraph(document, "Chưa phát sinh yêu cầu phải thực hiện.", indent=True)
    tag(document, "{%p endif %}")
    add_paragraph(document, "III. KẾT QUẢ KHẮC PHỤC CỦA ĐẢNG VIÊN (SỐ LIỆU TỔNG HỢP)", bold=True, indent=True)
    add_paragraph(
        document,
        "Tổng số {{ member_counts.total }} nội dung: hoàn thành {{ member_counts.done }}; đang thực hiện "
        "{{ member_counts.in_progress }}; chưa thực hiện {{ member_counts.not_started }}; quá hạn "
        "{{ member_counts.overdue }}.",
        align=JUSTIFY,
        indent=True,
    )
    tag(document, "{%p endif %}")


def _closing(document: object) -> None:
    add_paragraph(
        document,
        "Kết quả trên là căn cứ để kiểm điểm, đánh giá, xếp loại chất lượng cuối năm {{ sheet_year }} "
        "(Quy định số 124-QĐ/TW).",
        italic=True,
        align=JUSTIFY,
        indent=True,
    )
    _left, right = signature_table(document)
    signature(right, "{{ signer_title }}", "(Ký, ghi rõ họ và tên)", "{{ signer_name }}")


def build(target: Path = TARGET) -> Path:
    document = new_template()
    header(document)
    _title(document)
    _identity(document)
    _results(document)
    _unit_parts(document)
    _closing(document)
    document.core_properties.author = ""
    document.core_properties.title = "Báo cáo kết quả khắc phục, sửa chữa"
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


if __name__ == "__main__":  # pragma: no cover - a build step, run by hand
    print(build())  # noqa: T201
