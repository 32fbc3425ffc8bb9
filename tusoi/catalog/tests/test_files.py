"""Import and export files: round trips, every kind of bad file refused with its row, nothing stored."""

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tusoi.catalog import services, xlsxfile
from tusoi.catalog.exporters import export_xlsx, export_yaml
from tusoi.catalog.importers import import_catalog_upload, load_catalog_file, read_catalog_bytes
from tusoi.catalog.models import CatalogStatus, CatalogVersion, Indicator
from tusoi.catalog.selectors import version_to_data
from tusoi.catalog.synthetic import build_synthetic_catalog
from tusoi.core.models import AuditEvent

from .conftest import NQ04_PATH


def _db_state() -> tuple[int, int, int]:
    return CatalogVersion.objects.count(), Indicator.objects.count(), AuditEvent.objects.count()


def _refused(name: str, content: bytes) -> list[str]:
    """Upload `content` as `name`; assert it is refused and nothing is stored; return the messages."""
    before = _db_state()
    with pytest.raises(ValidationError) as caught:
        import_catalog_upload(name=name, content=content)
    assert _db_state() == before
    return caught.value.messages


def _edited_xlsx(version: CatalogVersion, edit: Callable[[Any], None]) -> bytes:
    workbook = load_workbook(io.BytesIO(export_xlsx(version)))
    edit(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------------- round trips


def test_yaml_round_trip_gives_identical_content(nq04: CatalogVersion) -> None:
    data = read_catalog_bytes("export.yaml", export_yaml(nq04))
    assert data.content() == version_to_data(nq04).content()
    result = import_catalog_upload(name="export.yml", content=export_yaml(nq04))
    assert (result.version.version, result.version.status) == (2, CatalogStatus.DRAFT)
    assert result.same_as == nq04
    assert version_to_data(result.version).content() == version_to_data(nq04).content()


def test_xlsx_round_trip_gives_identical_content(nq04: CatalogVersion) -> None:
    content = export_xlsx(nq04)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Thông tin", "Thang đo", "Biểu hiện"]
    rows = list(workbook["Biểu hiện"].iter_rows(values_only=True))
    assert rows[0][:8] == (
        "Mã nhóm",
        "Tên nhóm",
        "Mã biểu hiện",
        "Số thứ tự",
        "Tình trạng văn bản",
        "Nội dung biểu hiện",
        "Mã biểu hiện cụ thể",
        "Nội dung biểu hiện cụ thể",
    )
    assert len(rows) == 1 + 54
    version = import_catalog_upload(name="export.xlsx", content=content).version
    assert version_to_data(version).content() == version_to_data(nq04).content()


def test_verification_record_travels_in_both_formats(nq04: CatalogVersion) -> None:
    draft = services.catalog_copy(version=nq04)
    draft = services.catalog_mark_verified(version=draft, verified_by="Đ/c Minh", verified_on=draft.created_at.date())
    for name, content in (("v.yaml", export_yaml(draft)), ("v.xlsx", export_xlsx(draft))):
        data = read_catalog_bytes(name, content)
        assert (data.verified, data.verified_by, data.verified_on) == (True, "Đ/c Minh", draft.created_at.date())


def test_formula_looking_text_stays_literal(nq04: CatalogVersion) -> None:
    draft = services.catalog_copy(version=nq04)
    indicator = draft.indicators.get(code="I.7.a")
    services.indicator_update(indicator=indicator, code="I.7.a", text="=SUM(A1)")
    content = export_xlsx(draft)
    sheet = load_workbook(io.BytesIO(content))["Biểu hiện"]
    cell = next(row[7] for row in sheet.iter_rows(min_row=2) if row[6].value == "I.7.a")
    assert (cell.value, cell.data_type) == ("=SUM(A1)", "s")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet3.xml")
    data = read_catalog_bytes("again.xlsx", content)
    assert next(i.text for i in data.indicators() if i.code == "I.7.a") == "=SUM(A1)"


def test_a_real_formula_in_an_uploaded_workbook_is_refused(nq04: CatalogVersion) -> None:
    def add_formula(workbook: Any) -> None:
        workbook["Biểu hiện"]["H3"] = "=1+1"  # assigned as a live formula

    messages = _refused("f.xlsx", _edited_xlsx(nq04, add_formula))
    assert messages == ["Trang “Biểu hiện”, dòng 3: có ô chứa công thức; hãy nhập văn bản thuần"]


# ------------------------------------------------------------------------------- bad workbooks


def test_missing_column_is_reported_on_the_header_row(nq04: CatalogVersion) -> None:
    content = _edited_xlsx(nq04, lambda wb: wb["Biểu hiện"].delete_cols(1))
    assert _refused("x.xlsx", content) == ["Trang “Biểu hiện”, dòng 1: thiếu cột “Mã nhóm”"]


def test_missing_sheet(nq04: CatalogVersion) -> None:
    content = _edited_xlsx(nq04, lambda wb: wb.remove(wb["Thang đo"]))
    assert _refused("x.xlsx", content) == ["Trang “Thang đo”: thiếu trang “Thang đo”"]


def test_duplicate_indicator_code_names_both_rows(nq04: CatalogVersion) -> None:
    def duplicate(workbook: Any) -> None:
        workbook["Biểu hiện"]["G3"].value = "I.1.a"

    assert _refused("x.xlsx", _edited_xlsx(nq04, duplicate)) == [
        "Trang “Biểu hiện”, dòng 3: trùng mã biểu hiện cụ thể “I.1.a” (đã có ở dòng 2)"
    ]


def test_indicator_of_an_unknown_manifestation(nq04: CatalogVersion) -> None:
    def orphan(workbook: Any) -> None:
        workbook["Biểu hiện"].append([None, None, "I.99", None, None, None, "I.99.a", "Biểu hiện cụ thể mồ côi"])

    messages = _refused("x.xlsx", _edited_xlsx(nq04, orphan))
    assert len(messages) == 1
    assert messages[0].startswith("Trang “Biểu hiện”, dòng 56: biểu hiện cụ thể I.99.a thuộc biểu hiện I.99")


def test_bad_text_status_and_empty_codes_are_all_reported(nq04: CatalogVersion) -> None:
    def spoil(workbook: Any) -> None:
        sheet = workbook["Biểu hiện"]
        sheet["E2"].value = "chính xác"  # not a status
        sheet["G5"].value = None  # an indicator with text but no code
        sheet["C8"].value = None  # a row without manifestation code

    messages = _refused("x.xlsx", _edited_xlsx(nq04, spoil))
    assert "Trang “Biểu hiện”, dòng 8: mã biểu hiện để trống" in messages
    assert (
        "Trang “Biểu hiện”, dòng 2: tình trạng văn bản “chính xác” không thuộc các giá trị: "
        "official, quoted, partial, missing"
    ) in messages
    # The other rows of I.1 still say "quoted": each disagreement is named.
    assert "Trang “Biểu hiện”, dòng 3: biểu hiện I.1 khác với dòng 2 (cột Tình trạng văn bản)" in messages
    assert "Trang “Biểu hiện”, dòng 5: mã biểu hiện cụ thể để trống" in messages


def test_status_may_be_written_as_its_vietnamese_label(nq04: CatalogVersion) -> None:
    def relabel(workbook: Any) -> None:
        for row in workbook["Biểu hiện"].iter_rows(min_row=2):
            if row[4].value == "missing":
                row[4].value = "Chưa có nguyên văn"

    data = read_catalog_bytes("x.xlsx", _edited_xlsx(nq04, relabel))
    assert data.content() == version_to_data(nq04).content()


def test_not_a_workbook_renamed_xlsx(db: None) -> None:
    assert _refused("danh-muc.xlsx", b"%PDF-1.7 not a spreadsheet at all") == [
        "Tệp không phải là tệp Excel (.xlsx) hợp lệ."
    ]
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert _refused("danh-muc.xlsx", other_zip.getvalue()) == ["Tệp không phải là tệp Excel (.xlsx) hợp lệ."]


def test_wrong_extension_or_content(nq04: CatalogVersion) -> None:
    assert _refused("danh-muc.csv", b"code;title") == [
        "Loại tệp không được hỗ trợ: hãy dùng tệp .yaml, .yml hoặc .xlsx."
    ]
    assert _refused("danh-muc.yaml", export_xlsx(nq04)) == ["Tệp có đuôi .yaml nhưng nội dung không phải văn bản YAML."]


def test_too_large_file(db: None) -> None:
    assert _refused("big.yaml", b"#" * (5 * 1024 * 1024 + 1)) == ["Tệp lớn hơn 5 MB."]


def _bomb(entries: int, payload: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(entries):
            archive.writestr(f"xl/media/{n}.bin", b"")
        if payload:
            archive.writestr("xl/worksheets/sheet1.xml", b"\0" * payload)
    return out.getvalue()


@pytest.mark.parametrize(
    ("entries", "payload", "message"),
    [
        (300, 0, "Tệp Excel có 302 thành phần; chỉ chấp nhận tối đa 200."),
        (0, 51 * 1024 * 1024, "Tệp Excel khi giải nén sẽ lớn hơn 50 MB."),
    ],
)
def test_zip_bomb_is_refused_before_openpyxl_opens_it(
    db: None, monkeypatch: Any, entries: int, payload: int, message: str
) -> None:
    content = _bomb(entries, payload)
    assert len(content) < 5 * 1024 * 1024

    def must_not_open(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("openpyxl must not open a refused container")

    monkeypatch.setattr(xlsxfile, "load_workbook", must_not_open)
    started = time.monotonic()
    assert _refused("bomb.xlsx", content) == [message]
    assert time.monotonic() - started < 1


# ----------------------------------------------------------------------------------- bad YAML files


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_yaml_problems_are_reported_with_their_line(db: None) -> None:
    source = NQ04_PATH.read_text(encoding="utf-8")
    spoiled = source.replace("- code: I.1.b\n", "- code: I.1.a\n").replace("text_status: partial", "text_status: x", 1)
    first, second = _line_of(source, "- code: I.1.a"), _line_of(source, "- code: I.1.b")
    manifestation_i5 = _line_of(source, "- code: I.5\n")
    assert _refused("bad.yaml", spoiled.encode()) == [
        f"Dòng {second}: trùng mã biểu hiện cụ thể “I.1.a” (đã có ở dòng {first})",
        f"Dòng {manifestation_i5}: tình trạng văn bản “x” không thuộc các giá trị: official, quoted, partial, missing",
    ]


def test_yaml_values_that_are_not_texts_must_be_quoted(db: None) -> None:
    source = NQ04_PATH.read_text(encoding="utf-8").replace("- code: I.1.a\n", "- code: 1.10\n")
    line = _line_of(source, "- code: 1.10")
    assert _refused("bad.yaml", source.encode())[0] == f"Dòng {line}: “code” phải là văn bản (đặt trong dấu ngoặc kép)"


def test_yaml_syntax_error_and_aliases(db: None) -> None:
    assert _refused("bad.yaml", b"code: X\ntitle: [unclosed\n")[0].startswith("Dòng 3: không đúng cú pháp YAML")
    bomb = b"a: &a [x, x, x]\nb: &b [*a, *a, *a]\ncode: *b\n"
    assert _refused("bomb.yaml", bomb)[0].startswith("Dòng 2: không đúng cú pháp YAML")
    assert _refused("list.yaml", b"- 1\n- 2\n") == [
        "Tệp không phải là danh mục: cấp ngoài cùng phải gồm các khóa code, title, …"
    ]
    assert _refused("utf16.yaml", "code: Đ".encode("utf-16")) == [
        "Tệp có đuôi .yaml nhưng nội dung không phải văn bản YAML."
    ]
    assert _refused("latin.yaml", "code: Đà".encode("cp1258")) == [
        "Tệp không phải văn bản mã UTF-8 nên không thể là danh mục YAML."
    ]


def test_load_catalog_file_reads_xlsx_too(nq04: CatalogVersion, tmp_path: Path) -> None:
    path = tmp_path / "nq04.xlsx"
    path.write_bytes(export_xlsx(nq04))
    assert load_catalog_file(path).pk == nq04.pk  # same content: the existing version


# ------------------------------------------------------------------------------------ upload page


def test_upload_page_shows_every_error_with_its_row_and_stores_nothing(org: Any, nq04: CatalogVersion) -> None:
    def spoil(workbook: Any) -> None:
        workbook["Biểu hiện"]["G3"].value = "I.1.a"
        workbook["Biểu hiện"]["E5"].value = "bịa"

    client = org.client_for("bloc_office")
    before = _db_state()
    upload = SimpleUploadedFile("danh-muc.xlsx", _edited_xlsx(nq04, spoil))
    response = client.post(reverse("catalog:import"), {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="import-errors"' in html
    assert "Trang “Biểu hiện”, dòng 3: trùng mã biểu hiện cụ thể “I.1.a”" in html
    assert "Trang “Biểu hiện”, dòng 5: tình trạng văn bản “bịa”" in html
    assert _db_state() == before


def test_upload_page_imports_a_good_file_as_a_draft(org: Any, nq04: CatalogVersion) -> None:
    client = org.client_for("bloc_office")
    upload = SimpleUploadedFile("nq04.yaml", NQ04_PATH.read_bytes())
    response = client.post(reverse("catalog:import"), {"file": upload}, follow=True)
    draft = CatalogVersion.objects.get(code="NQ04-XII", version=2)
    assert draft.status == CatalogStatus.DRAFT
    assert draft.created_by == org.users["bloc_office"]
    html = response.content.decode()
    assert "Đã nhập thành dự thảo NQ04-XII v2." in html
    assert "Nội dung giống hệt phiên bản NQ04-XII v1." in html


def test_export_downloads(org: Any, nq04: CatalogVersion) -> None:
    client = org.client_for("member_a")
    response = client.get(reverse("catalog:export_xlsx", args=[nq04.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="NQ04-XII-v1.xlsx"'
    assert load_workbook(io.BytesIO(response.content))["Thông tin"]["B2"].value == "NQ04-XII"
    response = client.get(reverse("catalog:export_yaml", args=[nq04.pk]))
    assert response["Content-Type"] == "application/yaml"
    assert read_catalog_bytes("x.yaml", response.content).content() == version_to_data(nq04).content()


# -------------------------------------------------------------------------------------- synthetic


def test_synthetic_catalogue_of_111_indicators(db: None) -> None:
    version = build_synthetic_catalog()
    assert (version.code, version.status) == ("SYN-111", CatalogStatus.PUBLISHED)
    assert (version.groups.count(), version.manifestations.count(), version.indicators.count()) == (3, 27, 111)
    assert all("dữ liệu tổng hợp" in text for text in version.indicators.values_list("text", flat=True))
    assert version.indicators.filter(text="Biểu hiện cụ thể mẫu 1.1.a (dữ liệu tổng hợp để đo hiệu năng)").exists()
    assert build_synthetic_catalog().pk == version.pk
    small = build_synthetic_catalog(indicators=5, code="SYN-5")
    assert (small.manifestations.count(), small.indicators.count()) == (5, 5)
