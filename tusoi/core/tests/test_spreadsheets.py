"""The shared spreadsheet helpers: formula-safe writing (read back), responses, and table reading."""

import csv
import io
import zipfile
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from tusoi.core import spreadsheets, uploads
from tusoi.core.spreadsheets import Limits, csv_bytes, read_table, safe_cell, xlsx_bytes

LIMITS = Limits(max_bytes=10 * uploads.MB, max_rows=100)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+84 912", "'+84 912"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Nguyễn = Văn", "Nguyễn = Văn"),
        ("", ""),
        (None, ""),
        (-5, "-5"),  # a number stays a number
        (date(2025, 3, 9), "09/03/2025"),
        (datetime(2025, 3, 9, 13, 5), "09/03/2025"),
    ],
)
def test_safe_cell(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


def test_csv_is_utf8_with_bom_and_every_cell_safe() -> None:
    content = csv_bytes(["Họ và tên", "=Tiêu đề"], [["=cmd|' /C calc'!A0", date(2025, 3, 9)]])
    assert content.startswith(b"\xef\xbb\xbf") and b"\r\n" in content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["Họ và tên", "'=Tiêu đề"], ["'=cmd|' /C calc'!A0", "09/03/2025"]]


def test_xlsx_strings_stay_strings_and_dates_are_date_cells() -> None:
    content = xlsx_bytes(["Tên", "Ngày"], [["=SUM(A1:A9)", date(2025, 3, 9)], ["a\x07b", 3]], sheet_title="Đảng viên")
    sheet = load_workbook(io.BytesIO(content))["Đảng viên"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "=SUM(A1:A9)"
    assert sheet["B2"].value == datetime(2025, 3, 9) and sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["A3"].value == "ab"  # a control character Excel refuses is dropped
    assert sheet["A1"].font.bold


def test_responses_are_downloads_with_the_utf8_name() -> None:
    response = spreadsheets.xlsx_response([["x"]], ["Tên"], "danh sách.xlsx")
    assert response["Content-Type"] == spreadsheets.XLSX_TYPE
    assert response["Content-Disposition"] == (
        "attachment; filename=\"danh-s-ch.xlsx\"; filename*=UTF-8''danh%20s%C3%A1ch.xlsx"
    )
    response = spreadsheets.csv_response([["=x"]], ["Tên"], "ds.csv")
    assert response.content.decode("utf-8-sig").splitlines()[1] == "'=x"


def test_csv_reading_detects_the_delimiter_and_keeps_row_numbers() -> None:
    text = '\ufeffHọ và tên;Ngày sinh\r\n\r\nLê Văn A;09/03/1990\r\n"Trần; Thị B";\r\n'
    table = read_table("ds.csv", text.encode(), LIMITS)
    assert table.header_row == 1 and table.headers == ["Họ và tên", "Ngày sinh"]
    assert table.rows == [(3, ["Lê Văn A", "09/03/1990"]), (4, ["Trần; Thị B", ""])]
    assert read_table("ds.csv", text.encode(), LIMITS, header_only=True).rows == []


def test_xlsx_reading_reports_formula_rows_and_keeps_cell_types() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Tên", "Ngày"])
    sheet.append(["A", date(2025, 3, 9)])
    sheet.append(["=1+1", 4])
    out = io.BytesIO()
    workbook.save(out)
    table = read_table("ds.xlsx", out.getvalue(), LIMITS)
    assert table.rows[0] == (2, ["A", datetime(2025, 3, 9)])
    assert table.formula_rows == {3}


def test_too_many_rows() -> None:
    content = csv_bytes(["x"], [[n] for n in range(101)])
    with pytest.raises(ValidationError) as refused:
        read_table("ds.csv", content, LIMITS)
    assert refused.value.messages == ["Tệp có hơn 100 dòng; hãy chia thành các tệp nhỏ hơn."]


def _workbook_with_part(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "part",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- a comment -->\n<?pi x?>\n  <!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>',
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode("utf-16"),
    ],
)
def test_a_dtd_anywhere_in_a_prolog_is_refused(part: bytes) -> None:
    with pytest.raises(ValidationError) as refused:
        uploads.check_xlsx_container(
            _workbook_with_part("xl/worksheets/sheet1.xml", part), max_entries=10, max_unzipped=uploads.MB
        )
    assert refused.value.code == "xml_dtd"


def test_a_plain_xml_part_passes() -> None:
    part = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet><!-- fine --></worksheet>'
    uploads.check_xlsx_container(
        _workbook_with_part("xl/worksheets/sheet1.xml", part), max_entries=10, max_unzipped=uploads.MB
    )


def test_text_decoding() -> None:
    assert uploads.decode_text("\ufeffHọ và tên".encode()) == "Họ và tên"
    assert uploads.decode_text("Họ và tên".encode()) == "Họ và tên"
    with pytest.raises(ValidationError):
        uploads.decode_text(b"abc\x01def")
