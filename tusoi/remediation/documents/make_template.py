"""Build the Word template of the year-end remediation sheet (templates_docx/year_end.docx).

    python -m tusoi.remediation.documents.make_template

The house style is the personal report's (tusoi.reviews.documents.make_template, Hướng dẫn 36-HD/VPTW):
its page set-up, header (superior body over the unit, "ĐẢNG CỘNG SẢN VIỆT NAM", place and date) and
paragraph helpers are reused as they are. The wording is the Party document's, in Vietnamese: the
template is a document, not interface text. The result is committed; an office may restyle it in
Word as long as the {{ }} tags stay.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT

from tusoi.reviews.documents.make_template import CENTER, JUSTIFY, _cell, _header, _para, _setup, _tag, _widths

TARGET = Path(__file__).resolve().parent.parent / "templates_docx" / "year_end.docx"
COLUMNS = (
    ("TT", 1.0, "{{ r.number }}"),
    ("Hạn chế, khuyết điểm", 4.2, "{{ r.shortcoming }}"),
    ("Biện pháp khắc phục", 4.4, "{{ r.measures }}"),
    ("Thời hạn", 2.6, "{{ r.deadline }}"),
)
RESULT_WIDTH = 4.3


def _title(document: object) -> None:
    _para(document, "", after=6)
    _para(document, "BÁO CÁO KẾT QUẢ KHẮC PHỤC, SỬA CHỮA", bold=True, size=16, align=CENTER, after=0)
    _para(document, "HẠN CHẾ, KHUYẾT ĐIỂM {{ title_line|upper }}", bold=True, align=CENTER, after=0)
    _para(document, "(Kèm theo bản kiểm điểm, đánh giá, xếp loại cuối năm)", italic=True, align=CENTER, after=0)
    _para(document, "", after=6)


def _identity(document: object) -> None:
    _tag(document, "{%p if is_member %}")
    for label, name in (
        ("Họ và tên", "full_name"),
        ("Ngày sinh", "birth_date"),
        ("Chức vụ Đảng", "party_position"),
        ("Chi bộ", "branch"),
    ):
        _para(document, f"- {label}: {{{{ {name} }}}}", indent=True)
    _tag(document, "{%p else %}")
    _para(document, "- Tổ chức đảng: {{ unit_name }}", indent=True)
    _tag(document, "{%p endif %}")


def _rows_table(document: object, rows: str, result_header: str) -> None:
    headers = [*COLUMNS, (result_header, RESULT_WIDTH, "")]
    table = document.add_table(rows=4, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [width for _h, width, _v in headers])
    for cell, (text, _w, _v) in zip(table.rows[0].cells, headers, strict=True):
        _para(_cell(cell), text, bold=True, size=12, align=CENTER, after=0)
    _para(_cell(table.rows[1].cells[0]), f"{{%tr for r in {rows} %}}", size=12)
    cells = table.rows[2].cells
    for i, (_h, _w, value) in enumerate(COLUMNS):
        _para(_cell(cells[i]), value, size=12, align=CENTER if i in (0, 3) else None, after=0)
    result = _cell(cells[len(COLUMNS)])
    _para(result, "{{ r.state_label }}{% if r.carried_from %} (từ năm {{ r.carried_from }}){% endif %}", bold=True,
          size=12, after=0)  # fmt: skip
    _para(result, "{{ r.result }}", size=12, after=0)
    _para(result, "{{ r.last_progress }}", italic=True, size=11, after=0)
    _para(_cell(table.rows[3].cells[0]), "{%tr endfor %}", size=12)


def _results(document: object) -> None:
    _para(document, "I. KẾT QUẢ THỰC HIỆN CAM KẾT VÀ KẾ HOẠCH KHẮC PHỤC, SỬA CHỮA", bold=True, indent=True)
    _tag(document, "{%p if rows %}")
    _rows_table(document, "rows", "Kết quả")
    _para(document, "", after=0)
    _para(
        document,
        "Tổng số {{ counts.total }} nội dung: hoàn thành {{ counts.done }}; đang thực hiện {{ counts.in_progress }}; "
        "chưa thực hiện {{ counts.not_started }}; quá hạn {{ counts.overdue }} (tính đến ngày {{ as_of }}).",
        align=JUSTIFY,
        indent=True,
    )
    _tag(document, "{%p else %}")
    _para(document, "Chưa phát sinh nội dung phải khắc phục trong năm.", indent=True)
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if pending %}")
    _para(document, "Cam kết chưa đưa vào kế hoạch khắc phục:", bold=True, italic=True, indent=True)
    _tag(document, "{%p for r in pending %}")
    _para(document, "- {{ r.shortcoming }}: {{ r.measures }}{% if r.deadline %} (hạn {{ r.deadline }}){% endif %}.",
          align=JUSTIFY, indent=True)  # fmt: skip
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")


def _unit_parts(document: object) -> None:
    _tag(document, "{%p if not is_member %}")
    _para(document, "II. VIỆC THỰC HIỆN YÊU CẦU SAU KIỂM TRA, GIÁM SÁT", bold=True, indent=True)
    _tag(document, "{%p if actions %}")
    _rows_table(document, "actions", "Kết quả")
    _tag(document, "{%p else %}")
    _para(document, "Chưa phát sinh yêu cầu phải thực hiện.", indent=True)
    _tag(document, "{%p endif %}")
    _para(document, "III. KẾT QUẢ KHẮC PHỤC CỦA ĐẢNG VIÊN (SỐ LIỆU TỔNG HỢP)", bold=True, indent=True)
    _para(
        document,
        "Tổng số {{ member_counts.total }} nội dung: hoàn thành {{ member_counts.done }}; đang thực hiện "
        "{{ member_counts.in_progress }}; chưa thực hiện {{ member_counts.not_started }}; quá hạn "
        "{{ member_counts.overdue }}.",
        align=JUSTIFY,
        indent=True,
    )
    _tag(document, "{%p endif %}")


def _closing(document: object) -> None:
    _para(
        document,
        "Kết quả trên là căn cứ để kiểm điểm, đánh giá, xếp loại chất lượng cuối năm {{ sheet_year }} "
        "(Quy định số 124-QĐ/TW).",
        italic=True,
        align=JUSTIFY,
        indent=True,
    )
    _para(document, "", after=6)
    table = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    _widths(table, [7.5, 9.0])
    right = _cell(table.rows[0].cells[1])
    _para(right, "{{ signer_title }}", bold=True, align=CENTER, after=0)
    _para(right, "(Ký, ghi rõ họ và tên)", italic=True, align=CENTER, after=0)
    for _ in range(3):
        _para(right, "", after=6)
    _para(right, "{{ signer_name }}", bold=True, align=CENTER, after=0)


def build(target: Path = TARGET) -> Path:
    document = Document()
    _setup(document)
    _header(document)
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
