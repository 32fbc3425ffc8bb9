"""Roster exports, read back: scope, Vietnamese headers, dd/mm/yyyy dates, no formula from user text,
and an export that imports back unchanged."""

import csv
import io
from datetime import date, datetime
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from tusoi.jobs.models import Job, JobState
from tusoi.org.models import Member
from tusoi.testing import Org, make_member

from .conftest import latest_import

NASTY = ['=HYPERLINK("http://evil.example","bấm")', "+1+2", "-3", "@SUM(A1)", "\tTab", "\rCR"]


def _export(org: Org, post_and_run: Any, who: str, **data: str) -> tuple[Any, bytes]:
    client = org.client_for(who)
    response = post_and_run(client, reverse("roster:export"), data)
    job = Job.objects.order_by("-pk").first()
    assert job is not None
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.state == JobState.SUCCEEDED, job.error
    download = client.get(reverse("jobs:result", args=[job.pk]))
    assert download.status_code == 200
    return download, download.getvalue()


def _nasty_members(org: Org) -> None:
    for number, text in enumerate(NASTY):
        make_member(org.branch_a, f"Đảng viên {number}", position=text, email=f"d{number}@example.vn")
    Member.objects.filter(full_name="Đảng viên 0").update(birth_date=date(1985, 3, 9), full_name=NASTY[0])


def test_xlsx_export_keeps_user_text_as_text(org: Org, post_and_run: Any) -> None:
    _nasty_members(org)
    response, content = _export(org, post_and_run, "secretary_a", what="members", format="xlsx")
    assert "danh-sach-dang-vien-" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows())
    headers = [cell.value for cell in rows[0]]
    assert headers[:5] == ["Họ và tên", "Ngày sinh", "Giới tính", "Số thẻ đảng viên", "Mã chi bộ"]
    cells = [cell for row in rows for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert set(NASTY) <= values
    born = next(row for row in rows if row[0].value == NASTY[0])[1]
    assert born.value == datetime(1985, 3, 9) and born.number_format == "DD/MM/YYYY"
    # A branch secretary exports their own branch only.
    branches = {row[4].value for row in rows[1:]}
    assert branches == {"CB-A"}


def test_csv_export_neutralises_formulas_and_writes_dates_day_first(org: Org, post_and_run: Any) -> None:
    _nasty_members(org)
    _response, content = _export(org, post_and_run, "secretary_a", what="members", format="csv")
    assert content.startswith("\ufeff".encode())  # Excel reads the Vietnamese correctly
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][0] == "Họ và tên"
    values = {value for row in rows for value in row}
    for text in NASTY:
        assert "'" + text in values
        assert text not in values
    nasty = next(row for row in rows if row[0] == "'" + NASTY[0])
    assert nasty[1] == "09/03/1985"
    assert not [v for v in values if v[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_units_export_of_a_committee_office(org: Org, post_and_run: Any) -> None:
    _response, content = _export(org, post_and_run, "committee_office", what="units", format="csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Loại tổ chức",
        "Loại hình",
        "Mã đơn vị cấp trên",
        "Ký hiệu",
        "Đang hoạt động",
        "Số đảng viên",
    ]
    assert [row[0] for row in rows[1:]] == ["DU-C", "CB-C1"]
    c1 = rows[2]
    assert (c1[2], c1[4], c1[6], c1[7]) == ("Chi bộ", "DU-C", "Có", "2")


def test_bloc_export_of_one_subtree(org: Org, post_and_run: Any) -> None:
    _response, content = _export(
        org, post_and_run, "bloc_office", what="members", format="csv", unit=str(org.committee_c.pk)
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert sorted(row[0] for row in rows[1:]) == ["Vũ Quốc Khánh", "Đỗ Thị Lan"]


def test_a_unit_outside_the_scope_cannot_be_chosen(org: Org, post_and_run: Any) -> None:
    client = org.client_for("committee_office")
    response = client.post(reverse("roster:export"), {"what": "members", "format": "csv", "unit": org.bloc.pk})
    assert response.status_code == 302 and response["Location"] == reverse("roster:index")
    assert not Job.objects.exists()


def test_an_exported_roster_imports_back_unchanged(org: Org, post_and_run: Any, upload: Any) -> None:
    Member.objects.filter(branch=org.branch_a).update(
        birth_date=date(1980, 12, 1), admitted_on=date(2010, 2, 3), full_member_on=date(2011, 2, 3)
    )
    _response, content = _export(org, post_and_run, "secretary_a", what="members", format="xlsx")
    upload(org.client_for("secretary_a"), "lai.xlsx", content)
    imp = latest_import()
    assert imp.counts == {"rows": 3, "create": 0, "update": 0, "transfer": 0, "unchanged": 3, "error": 0}, imp.report


def test_roster_page_by_role(org: Org) -> None:
    page = org.client_for("bloc_office").get(reverse("roster:index")).content.decode()
    assert 'id="upload-form"' in page and 'id="export-form"' in page
    assert f'<option value="{org.committee_c.pk}">' in page  # a subtree to export
    assert f'<option value="{org.branch_a.pk}">' not in page  # branches are exported whole from their unit
    secretary = org.client_for("secretary_a").get(reverse("roster:index")).content.decode()
    assert 'id="upload-form"' in secretary and 'name="unit"' not in secretary
    member = org.client_for("member_a").get(reverse("roster:index")).content.decode()
    assert 'id="nothing-to-manage"' in member and 'id="upload-form"' not in member
