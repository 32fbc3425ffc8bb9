"""Files that are not what they claim are refused at upload, quickly and clearly, before any parsing."""

import io
import time
import zipfile
from typing import Any

import pytest
from django.urls import reverse

from tusoi.core import spreadsheets, uploads
from tusoi.roster.models import RosterImport
from tusoi.testing import Org

from .conftest import csv_bytes, errors_by_row, latest_import, xlsx_bytes

ROW = ["Nguyễn Văn Mới", "09/03/1990", "Nam", "0123456789", "CB-A", "", "", ""]

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>
</sheetData></worksheet>
"""


def _replace_part(content: bytes, name: str, data: bytes) -> bytes:
    """A copy of the workbook `content` with its part `name` replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item))
        target.writestr(name, data)
    return out.getvalue()


def _zip_bomb(megabytes: int) -> bytes:
    """A real workbook with one extra part of `megabytes` MB of zeros, deflated to a few hundred KB."""
    out = io.BytesIO(xlsx_bytes([ROW]))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("xl/media/bomb.bin", "w") as part:
        chunk = bytes(1024 * 1024)
        for _ in range(megabytes):
            part.write(chunk)
    return out.getvalue()


def _refused(org: Org, upload: Any, name: str, content: bytes) -> tuple[str, float]:
    client = org.client_for("secretary_a")
    assert client.get(reverse("roster:index")).status_code == 200  # URLconf and views loaded: time the check only
    started = time.monotonic()
    response = upload(client, name, content, run=False)
    elapsed = time.monotonic() - started
    assert response.status_code == 400
    assert not RosterImport.objects.exists()
    html = response.content.decode()
    start = html.index('id="upload-errors">')
    return html[start : html.index("</div>", start)], elapsed


def test_zip_bomb_is_refused_in_under_a_second(org: Org, upload: Any) -> None:
    content = _zip_bomb(120)
    assert len(content) < 1024 * 1024  # 120 MB once inflated
    message, elapsed = _refused(org, upload, "bom.xlsx", content)
    assert "Tệp Excel khi giải nén sẽ lớn hơn 100 MB." in message
    assert elapsed < 1


def test_too_many_parts_is_refused(org: Org, upload: Any) -> None:
    out = io.BytesIO(xlsx_bytes([ROW]))
    with zipfile.ZipFile(out, "a") as archive:
        for number in range(600):
            archive.writestr(f"xl/media/{number}.bin", b"")
    message, elapsed = _refused(org, upload, "nhieu.xlsx", out.getvalue())
    assert "chỉ chấp nhận tối đa 500" in message
    assert elapsed < 1


def test_billion_laughs_is_refused_in_under_a_second(org: Org, upload: Any) -> None:
    content = _replace_part(xlsx_bytes([ROW]), "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    message, elapsed = _refused(org, upload, "cuoi.xlsx", content)
    assert "khai báo kiểu tài liệu (DTD)" in message
    assert elapsed < 1


def test_entities_are_refused_by_defusedxml_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second line of defence: were the DTD check missing, openpyxl parses through defusedxml."""
    monkeypatch.setattr(uploads, "_check_prolog", lambda archive, entry: None)
    content = _replace_part(xlsx_bytes([ROW], ["Họ và tên"]), "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    started = time.monotonic()
    with pytest.raises(spreadsheets.ValidationError) as refused:
        spreadsheets.read_table("cuoi.xlsx", content, spreadsheets.Limits(max_bytes=10 << 20, max_rows=10))
    assert refused.value.messages == ["Tệp không phải là tệp Excel (.xlsx) hợp lệ."]
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("ds.xlsx", b"%PDF-1.7 not a workbook", "Tệp không phải là tệp Excel (.xlsx) hợp lệ."),
        ("ds.csv", xlsx_bytes([ROW]), "Tệp có đuôi .csv nhưng nội dung không phải văn bản"),
        ("ds.csv", b"H\xe1\xbb\x8d va t\x00n", "Tệp có đuôi .csv nhưng nội dung không phải văn bản"),
        (
            "ds.csv",
            "Ho va ten,Ma chi bo\nLê Văn Tám,CB-A\n".encode("cp1258"),
            "Tệp không phải văn bản mã UTF-8 (ở dòng 2)",
        ),
        ("ds.csv", "Họ và tên\n".encode("utf-16"), "Tệp là văn bản mã UTF-16"),
        ("ds.ods", b"anything", "Loại tệp không được hỗ trợ: hãy dùng tệp .xlsx hoặc .csv."),
        ("ds.csv", b"", "Tập tin được gửi là rỗng."),  # Django's own check
        ("ds.csv", b"\xef\xbb\xbf\r\n  \r\n", "Tệp không có dữ liệu."),
    ],
)
def test_files_that_are_not_what_they_claim(org: Org, upload: Any, name: str, content: bytes, expected: str) -> None:
    message, elapsed = _refused(org, upload, name, content)
    assert expected in message
    assert elapsed < 1


def test_a_file_over_10_mb_is_refused(org: Org, upload: Any) -> None:
    content = csv_bytes([ROW]) + b"#" * (10 * 1024 * 1024)
    message, elapsed = _refused(org, upload, "lon.csv", content)
    assert "Tệp lớn hơn 10 MB." in message
    assert elapsed < 1


def test_a_formula_cell_is_a_row_error(org: Org, upload: Any) -> None:
    upload(org.client_for("secretary_a"), "ct.xlsx", xlsx_bytes([ROW, ["=A2", "", "", "0123456788", "CB-A"]]))
    assert errors_by_row(latest_import()) == {3: ["có ô chứa công thức; chỉ nhập giá trị"]}
