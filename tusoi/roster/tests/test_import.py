"""Roster import through HTTP and the real worker: clean files, every kind of bad row, transfers,
all-or-nothing application, scope, the mapping step, idempotency."""

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse

from tusoi.core.models import AuditEvent
from tusoi.jobs.models import Job, JobState
from tusoi.org.models import CommitteeRole, Gender, Member, Membership, RoleKind
from tusoi.org.services import member_create, unit_create
from tusoi.roster import services
from tusoi.roster.models import ImportStatus, RosterImport
from tusoi.testing import Org

from .conftest import HEADERS, csv_bytes, errors_by_row, latest_import, xlsx_bytes

NEW_A = ["Nguyễn Văn Mới", "09/03/1990", "Nam", "0123456789", "CB-A", "01/02/2015", "01/02/2016", "moi@example.vn"]
NEW_A2 = ["Trần Thị Hai", "", "Nữ", "01.234.56788", "CB-A", "", "", ""]


def _state() -> tuple[int, int, int]:
    return Member.objects.count(), Membership.objects.count(), CommitteeRole.objects.filter(ended_on=None).count()


def test_clean_csv_is_checked_then_applied(org: Org, upload: Any, post_and_run: Any) -> None:
    client = org.client_for("secretary_a")
    member_a = org.users["member_a"].member
    update = [member_a.full_name, "02/01/1985", "Nữ", member_a.card_number, "CB-A", "", "", "binh@example.vn"]
    response = upload(client, "danh-sach.csv", csv_bytes([NEW_A, NEW_A2, update]))
    imp = latest_import()
    assert response.status_code == 302
    assert response["Location"] == reverse("roster:import", args=[imp.pk])
    assert imp.status == ImportStatus.CHECKED
    assert imp.counts == {"rows": 3, "create": 2, "update": 1, "transfer": 0, "unchanged": 0, "error": 0}
    assert Member.objects.filter(card_number="0123456789").count() == 0  # a dry run writes nothing

    page = client.get(reverse("roster:import", args=[imp.pk])).content.decode()
    assert 'id="apply-form"' in page
    assert "Ngày sinh: — → 02/01/1985" in page  # what the update changes, day first
    assert "Thư điện tử: — → binh@example.vn" in page

    post_and_run(client, reverse("roster:apply", args=[imp.pk]))
    imp.refresh_from_db()
    assert imp.status == ImportStatus.APPLIED
    new = Member.objects.get(card_number="0123456789")
    assert (new.birth_date, new.admitted_on, new.full_member_on) == (
        date(1990, 3, 9),
        date(2015, 2, 1),
        date(2016, 2, 1),
    )
    assert new.branch == org.branch_a and not new.is_probationary and new.gender == Gender.MALE
    assert new.memberships.get().unit == org.branch_a
    second = Member.objects.get(card_number="0123456788")  # dots removed as the services do
    assert second.is_probationary  # no full-membership date and no membership column
    member_a.refresh_from_db()
    assert member_a.birth_date == date(1985, 1, 2) and member_a.email == "binh@example.vn"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"roster.upload", "roster.import", "member.bulk_create", "member.bulk_update"} <= actions


def test_clean_xlsx_with_excel_date_cells(org: Org, upload: Any, post_and_run: Any) -> None:
    client = org.client_for("secretary_a")
    rows = [
        ["Lê Thị Ba", datetime(1992, 12, 31), "nữ", "0223456789", "CB-A", date(2016, 5, 19), None, "", "Dự bị"],
        ["Phạm Văn Tư", "31/12/1980", "NAM", 2233445566, "CB-A", 38000, "19.05.2011", "tu@example.vn", ""],
    ]
    upload(client, "danh-sach.xlsx", xlsx_bytes(rows, [*HEADERS, "Loại đảng viên"]))
    imp = latest_import()
    assert imp.counts["create"] == 2, imp.report
    post_and_run(client, reverse("roster:apply", args=[imp.pk]))
    ba = Member.objects.get(card_number="0223456789")
    assert (ba.birth_date, ba.admitted_on, ba.is_probationary) == (date(1992, 12, 31), date(2016, 5, 19), True)
    tu = Member.objects.get(card_number="2233445566")  # a number cell
    assert tu.admitted_on == date(2004, 1, 14)  # Excel serial 38000
    assert tu.full_member_on == date(2011, 5, 19) and not tu.is_probationary


def test_semicolon_csv_without_bom_and_headers_without_diacritics(org: Org, upload: Any) -> None:
    headers = [
        "HO VA TEN",
        "ngay sinh",
        "GIOI TINH",
        "so the dang vien",
        "Ma chi bo",
        "ngay vao dang",
        "NGAY CHINH THUC",
        "email",
    ]
    upload(org.client_for("secretary_a"), "x.csv", csv_bytes([NEW_A], headers, delimiter=";", bom=False))
    imp = latest_import()
    assert imp.counts["create"] == 1, imp.report


def test_every_kind_of_bad_row_is_reported_and_nothing_is_written(org: Org, upload: Any) -> None:
    client = org.client_for("bloc_office")
    unit_create(
        parent=org.bloc, code="CB-CU", name="Chi bộ cũ", kind="branch", sector="other"
    ).__class__.objects.filter(code="CB-CU").update(is_active=False)
    rows = [
        NEW_A,  # row 2: fine
        ["Ai Đó", "", "", "0123456789", "CB-A", "", "", ""],  # 3: card again (row 2)
        ["Ai Đó", "", "", "0300000001", "CB-ZZ", "", "", ""],  # 4: unknown branch
        ["Ai Đó", "31/02/1990", "", "0300000002", "CB-A", "", "", ""],  # 5: bad date
        ["Ai Đó", "", "Khác", "0300000003", "CB-A", "", "", ""],  # 6: bad gender
        ["Ai Đó", "", "", "12-34", "CB-A", "", "", ""],  # 7: invalid card number
        ["Ai Đó", "", "", "0300000004", "CB-A", "01/01/2020", "01/01/2021", "", "Dự bị"],  # 8: probationary + date
        ["Ai Đó", "", "", "0300000005", "DU-C", "", "", ""],  # 9: a committee, not a branch
        ["Ai Đó", "", "", "0300000006", "CB-CU", "", "", ""],  # 10: closed branch
        ["", "", "", "0300000007", "CB-A", "", "", "không-phải-email"],  # 11: no name, bad e-mail
        ["Ai Đó", "01/01/2000", "", "0300000008", "CB-A", "01/01/1999", "", ""],  # 12: admitted before birth
    ]
    before = _state()
    upload(client, "loi.csv", csv_bytes(rows, [*HEADERS, "Loại đảng viên"]))
    imp = latest_import()
    errors = errors_by_row(imp)
    assert errors == {
        3: ["số thẻ đảng viên 0123456789 đã có ở dòng 2"],
        4: ["không có chi bộ nào mang mã “CB-ZZ”"],
        5: ["Ngày sinh: “31/02/1990” không phải là ngày hợp lệ (ghi theo thứ tự ngày/tháng/năm, dd/mm/yyyy)"],
        6: ["Giới tính: giới tính “Khác” không phải “Nam” hay “Nữ”"],
        7: ["số thẻ đảng viên “12-34” không hợp lệ (phải có từ 8 đến 12 chữ số)"],
        8: ["Ngày chính thức: Đảng viên dự bị chưa có ngày chính thức."],
        9: ["“DU-C” không phải là chi bộ (đảng viên sinh hoạt tại chi bộ)"],
        10: ["chi bộ “CB-CU” không còn hoạt động"],
        11: ["chưa có họ và tên", "E-mail: địa chỉ e-mail “không-phải-email” không hợp lệ"],
        12: ["Ngày vào Đảng: Ngày vào Đảng phải sau ngày sinh."],
    }
    assert imp.counts["error"] == 10 and not imp.can_apply
    page = client.get(reverse("roster:import", args=[imp.pk])).content.decode()
    assert 'id="has-errors"' in page and 'id="apply-form"' not in page
    assert 'data-row="5"' in page
    assert _state() == before
    # Asking to apply anyway is refused.
    response = client.post(reverse("roster:apply", args=[imp.pk]))
    assert response.status_code == 302
    assert Job.objects.filter(kind=services.APPLY_JOB).count() == 0


def test_a_branch_secretary_cannot_import_into_another_branch(org: Org, upload: Any) -> None:
    member_b = org.users["member_b"].member
    rows = [
        ["Người Ngoài", "", "", "0400000001", "CB-B", "", "", ""],
        [member_b.full_name, "", "", member_b.card_number, "CB-A", "", "", ""],  # pulling B's member into A
    ]
    upload(org.client_for("secretary_a"), "x.csv", csv_bytes(rows))
    assert errors_by_row(latest_import()) == {
        2: ["chi bộ “CB-B” nằm ngoài phạm vi đồng chí quản lý"],
        3: ["đảng viên có số thẻ này đang sinh hoạt ở nơi ngoài phạm vi đồng chí quản lý"],
    }


def test_transfer_within_the_subtree(org: Org, upload: Any, post_and_run: Any) -> None:
    secretary_a = org.users["secretary_a"].member
    client = org.client_for("bloc_office")
    row = [secretary_a.full_name, "", "", secretary_a.card_number, "CB-C1", "", "", ""]
    upload(client, "x.csv", csv_bytes([row]))
    imp = latest_import()
    assert imp.counts["transfer"] == 1
    assert imp.report[0]["from_branch"] == "CB-A"
    post_and_run(client, reverse("roster:apply", args=[imp.pk]))
    secretary_a.refresh_from_db()
    assert secretary_a.branch == org.branch_c1
    old, new = secretary_a.memberships.order_by("started_on", "pk")
    assert (old.unit, new.unit, new.ended_on) == (org.branch_a, org.branch_c1, None)
    assert old.ended_on is not None and old.end_reason == "Nhập danh sách đảng viên"
    # The branch secretary role does not travel with the member.
    role = CommitteeRole.objects.get(member=secretary_a, role=RoleKind.SECRETARY)
    assert role.ended_on is not None
    assert AuditEvent.objects.filter(action="member.bulk_transfer", detail__to="CB-C1").exists()


def test_a_failure_while_writing_leaves_the_database_unchanged(org: Org, upload: Any) -> None:
    """The transfer is written first, then the new members; a clash on a new card number at that
    point (another user created the member meanwhile) must undo the transfer too."""
    member_a = org.users["member_a"].member
    rows = [[member_a.full_name, "", "", member_a.card_number, "CB-B", "", "", ""], NEW_A]
    upload(org.client_for("bloc_office"), "x.csv", csv_bytes(rows))
    imp = latest_import()
    assert (imp.counts["transfer"], imp.counts["create"]) == (1, 1)

    def someone_else_creates_the_member() -> None:
        member_create(branch=org.branch_b, full_name="Nguyễn Văn Khác", card_number="0123456789")

    before = Membership.objects.count() + 1  # the member created meanwhile has one
    with pytest.raises(Exception, match="0123456789"):
        services.roster_import_apply(roster_import=imp, before_write=someone_else_creates_the_member)
    member_a.refresh_from_db()
    assert member_a.branch == org.branch_a
    assert Membership.objects.count() == before
    assert not AuditEvent.objects.filter(action__in=["member.bulk_transfer", "roster.import"]).exists()
    imp.refresh_from_db()
    assert imp.status == ImportStatus.CHECKED


def test_rows_that_became_wrong_since_the_dry_run_stop_the_whole_import(
    org: Org, upload: Any, post_and_run: Any
) -> None:
    client = org.client_for("bloc_office")
    upload(client, "x.csv", csv_bytes([NEW_A, [*NEW_A2[:4], "CB-B", *NEW_A2[5:]]]))
    imp = latest_import()
    assert imp.can_apply
    org.branch_b.__class__.objects.filter(pk=org.branch_b.pk).update(is_active=False)
    before = _state()
    post_and_run(client, reverse("roster:apply", args=[imp.pk]))
    job = Job.objects.get(kind=services.APPLY_JOB)
    assert job.state == JobState.FAILED
    assert job.error == "1 dòng có lỗi khi đối chiếu với danh sách hiện tại; chưa ghi dữ liệu nào."
    assert _state() == before  # the good row 2 was not written either
    imp.refresh_from_db()
    assert errors_by_row(imp) == {3: ["chi bộ “CB-B” không còn hoạt động"]}


def test_mapping_step_when_headers_differ(org: Org, upload: Any, post_and_run: Any) -> None:
    client = org.client_for("secretary_a")
    headers = ["STT", "Tên đầy đủ", "Thẻ", "Đơn vị sinh hoạt", "Sinh ngày"]
    response = upload(client, "khac.csv", csv_bytes([["1", "Võ Thị Năm", "0500000001", "CB-A", "05/06/1991"]], headers))
    imp = latest_import()
    assert response["Location"] == reverse("roster:mapping", args=[imp.pk])
    assert imp.status == ImportStatus.MAPPING and not Job.objects.exists()
    page = client.get(reverse("roster:mapping", args=[imp.pk])).content.decode()
    assert "B: Tên đầy đủ" in page

    # A column cannot hold two things; the required ones must be chosen.
    response = client.post(reverse("roster:mapping", args=[imp.pk]), {"full_name": "1", "card_number": "1"})
    assert response.status_code == 200
    assert "Cột này đã được chọn cho “Họ và tên”." in response.content.decode()
    assert "Trường này là bắt buộc." in response.content.decode()  # the branch column

    mapping = {"full_name": "1", "card_number": "2", "branch": "3", "birth_date": "4"}
    post_and_run(client, reverse("roster:mapping", args=[imp.pk]), mapping)
    imp.refresh_from_db()
    assert imp.mapping == {"full_name": 1, "card_number": 2, "branch": 3, "birth_date": 4}
    assert imp.counts["create"] == 1 and imp.status == ImportStatus.CHECKED


def test_blank_cells_do_not_erase_and_unchanged_rows_write_nothing(org: Org, upload: Any, post_and_run: Any) -> None:
    member_a = org.users["member_a"].member
    Member.objects.filter(pk=member_a.pk).update(email="giu@example.vn", birth_date=date(1970, 1, 1))
    client = org.client_for("secretary_a")
    upload(client, "x.csv", csv_bytes([[member_a.full_name, "", "", member_a.card_number, "CB-A", "", "", ""]]))
    imp = latest_import()
    assert imp.counts["unchanged"] == 1
    post_and_run(client, reverse("roster:apply", args=[imp.pk]))
    member_a.refresh_from_db()
    assert (member_a.email, member_a.birth_date) == ("giu@example.vn", date(1970, 1, 1))
    assert not AuditEvent.objects.filter(action="member.bulk_update").exists()


def test_applying_twice_changes_nothing_the_second_time(org: Org, upload: Any, post_and_run: Any) -> None:
    client = org.client_for("secretary_a")
    content = csv_bytes([NEW_A, NEW_A2])
    upload(client, "x.csv", content)
    imp = latest_import()
    post_and_run(client, reverse("roster:apply", args=[imp.pk]))
    after_first = _state()
    assert services.roster_import_apply(roster_import=RosterImport.objects.get(pk=imp.pk)) is None
    # The same file uploaded again: every row is now unchanged, nothing is duplicated.
    upload(client, "x.csv", content)
    again = latest_import()
    assert again.counts["unchanged"] == 2
    post_and_run(client, reverse("roster:apply", args=[again.pk]))
    assert _state() == after_first


def test_an_import_is_its_uploaders_alone(org: Org, upload: Any) -> None:
    upload(org.client_for("secretary_a"), "x.csv", csv_bytes([NEW_A]))
    imp = latest_import()
    for name in ("secretary_b", "bloc_office", "admin"):
        client = org.client_for(name)
        assert client.get(reverse("roster:import", args=[imp.pk])).status_code == 404
        assert client.post(reverse("roster:apply", args=[imp.pk])).status_code == 404
    assert org.client_for("member_a").post(reverse("roster:upload")).status_code == 404  # manages nothing


def test_title_rows_above_the_header_and_card_numbers_typed_as_numbers(org: Org, upload: Any) -> None:
    """A workbook as offices make them: a title and a date above the table; a card number that Excel
    stored as a number, losing its leading zero."""
    member_a = org.users["member_a"].member
    Member.objects.filter(pk=member_a.pk).update(card_number="0912345678")
    as_number = 912345678
    rows = [
        HEADERS,
        [member_a.full_name, "", "", as_number, "CB-A", "", "", "so@example.vn"],
        ["Đảng Viên Mới", "", "", 99887766, "CB-A", "", "", ""],
    ]
    content = xlsx_bytes(rows, ["DANH SÁCH ĐẢNG VIÊN CHI BỘ SỞ ALPHA"])
    upload(org.client_for("secretary_a"), "co-tieu-de.xlsx", content)
    imp = latest_import()
    assert imp.header_row == 2
    assert [(row["row"], row["action"], row["card"]) for row in imp.report] == [
        (3, "update", "0912345678"),
        (4, "create", "99887766"),
    ]


def test_new_members_validated_by_todays_dry_run_are_not_validated_twice(org: Org, upload: Any) -> None:
    member_a = org.users["member_a"].member
    rows = [NEW_A, [member_a.full_name, "02/01/1985", "", member_a.card_number, "CB-A", "", "", ""]]
    upload(org.client_for("secretary_a"), "x.csv", csv_bytes(rows))
    imp = latest_import()
    assert services._validated_today(imp) == {2: "create"}  # not the update: it merges with the member as found
    assert imp.checked_at is not None
    RosterImport.objects.filter(pk=imp.pk).update(checked_at=imp.checked_at - timedelta(days=1))
    imp.refresh_from_db()
    assert services._validated_today(imp) == {}  # another day: "not in the future" may have changed
