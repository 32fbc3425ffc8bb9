"""Applying an import writes what its dry run reported, from the plan the dry run kept, or nothing: the
roster changing in between (a card taken, a branch closed, a member edited) refuses the import and keeps
the new report; the write itself costs the same number of queries for 3 rows or 30."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tusoi.core.models import AuditEvent
from tusoi.jobs.models import Job, JobState
from tusoi.org.models import Member, Membership
from tusoi.org.services import member_create
from tusoi.roster import services
from tusoi.roster.models import ImportStatus, RosterImport
from tusoi.testing import Org

from .conftest import csv_bytes, errors_by_row, latest_import

NEW_A = ["Nguyễn Văn Mới", "09/03/1990", "Nam", "0123456789", "CB-A", "01/02/2015", "01/02/2016", "moi@example.vn"]
CHANGED = (
    "Danh sách đảng viên đã thay đổi từ khi kiểm tra tệp: việc nhập sẽ không còn đúng như kết quả kiểm tra "
    "nên chưa ghi dữ liệu nào. Đồng chí hãy xem kết quả kiểm tra mới rồi nhập lại."
)


def _state() -> tuple[int, int, int]:
    written = AuditEvent.objects.filter(action__in=["member.bulk_create", "member.bulk_update", "roster.import"])
    return Member.objects.count(), Membership.objects.count(), written.count()


def _update_row(member: Member, birth: str = "02/01/1985") -> list[str]:
    return [member.full_name, birth, "", member.card_number, "CB-A", "", "", ""]


def test_apply_writes_the_kept_plan_without_reading_the_file_again(org: Org, upload: Any, post_and_run: Any) -> None:
    member_a = org.users["member_a"].member
    client = org.client_for("secretary_a")
    upload(client, "x.csv", csv_bytes([NEW_A, _update_row(member_a)]))
    imp = latest_import()
    assert imp.planned["rows"] and imp.can_apply
    RosterImport.objects.filter(pk=imp.pk).update(content=b"")  # the file is not read again
    post_and_run(client, reverse("roster:apply", args=[imp.pk]))
    imp.refresh_from_db()
    assert imp.status == ImportStatus.APPLIED and imp.planned == {}
    new = Member.objects.get(card_number="0123456789")
    assert (new.full_name, new.birth_date, new.full_member_on, new.email) == (
        "Nguyễn Văn Mới",
        date(1990, 3, 9),
        date(2016, 2, 1),
        "moi@example.vn",
    )
    assert new.name_fold == "nguyen van moi" and new.memberships.get().unit == org.branch_a
    member_a.refresh_from_db()
    assert member_a.birth_date == date(1985, 1, 2)


def test_a_card_taken_since_the_dry_run_refuses_the_import(org: Org, upload: Any, post_and_run: Any) -> None:
    client = org.client_for("secretary_a")
    upload(client, "x.csv", csv_bytes([NEW_A]))
    imp = latest_import()
    assert imp.report[0]["action"] == "create"
    member_create(branch=org.branch_a, full_name="Người Khác", card_number="0123456789")
    before = _state()
    post_and_run(client, reverse("roster:apply", args=[imp.pk]))
    job = Job.objects.get(kind=services.APPLY_JOB)
    assert (job.state, job.error) == (JobState.FAILED, CHANGED)
    assert _state() == before
    imp.refresh_from_db()
    # The new report says what the file would now do: update the member who took the card.
    assert imp.status == ImportStatus.CHECKED and imp.report[0]["action"] == "update"
    assert Member.objects.get(card_number="0123456789").full_name == "Người Khác"


def test_a_branch_closed_since_the_dry_run_refuses_the_import(org: Org, upload: Any, post_and_run: Any) -> None:
    client = org.client_for("bloc_office")
    upload(client, "x.csv", csv_bytes([NEW_A]))
    imp = latest_import()
    org.branch_a.__class__.objects.filter(pk=org.branch_a.pk).update(is_active=False)
    before = _state()
    post_and_run(client, reverse("roster:apply", args=[imp.pk]))
    job = Job.objects.get(kind=services.APPLY_JOB)
    assert job.state == JobState.FAILED
    assert job.error == "1 dòng có lỗi khi đối chiếu với danh sách hiện tại; chưa ghi dữ liệu nào."
    assert _state() == before
    imp.refresh_from_db()
    assert errors_by_row(imp) == {2: ["chi bộ “CB-A” không còn hoạt động"]}


def test_a_member_edited_since_the_dry_run(org: Org, upload: Any) -> None:
    """An edit that changes what the report said refuses the import; one the report does not show
    (a field the file leaves blank) does not, and is kept."""
    member_a = org.users["member_a"].member
    upload(org.client_for("secretary_a"), "x.csv", csv_bytes([_update_row(member_a)]))
    imp = latest_import()
    Member.objects.filter(pk=member_a.pk).update(position="Phó giám đốc")
    plan = services.roster_import_apply(roster_import=RosterImport.objects.get(pk=imp.pk))
    assert plan is not None and plan.counts["update"] == 1
    member_a.refresh_from_db()
    assert (member_a.birth_date, member_a.position) == (date(1985, 1, 2), "Phó giám đốc")

    upload(org.client_for("secretary_a"), "x.csv", csv_bytes([_update_row(member_a, "03/01/1985")]))
    again = latest_import()
    Member.objects.filter(pk=member_a.pk).update(birth_date=date(1970, 1, 1))
    with pytest.raises(ValidationError) as raised:
        services.roster_import_apply(roster_import=RosterImport.objects.get(pk=again.pk))
    assert raised.value.messages == [CHANGED]
    member_a.refresh_from_db()
    assert member_a.birth_date == date(1970, 1, 1)
    again.refresh_from_db()
    assert again.report[0]["changes"] == ["Ngày sinh: 01/01/1970 → 03/01/1985"]


def test_a_member_edited_while_the_import_starts_writing_stops_it(org: Org, upload: Any) -> None:
    """The members written are locked and compared with the plan inside the transaction."""
    member_a = org.users["member_a"].member
    upload(org.client_for("secretary_a"), "x.csv", csv_bytes([NEW_A, _update_row(member_a)]))
    imp = latest_import()

    def someone_edits_the_member() -> None:
        Member.objects.filter(pk=member_a.pk).update(email="khac@example.vn")

    before = Member.objects.count()
    with pytest.raises(ValidationError, match="dòng 3"):
        services.roster_import_apply(roster_import=imp, before_write=someone_edits_the_member)
    assert Member.objects.count() == before
    member_a.refresh_from_db()
    assert member_a.birth_date is None


def _applied_queries(org: Org, upload: Any, rows: int, first: int) -> int:
    new = [[f"Người Mới {i}", "", "", f"0{first + i}", "CB-A", "", "", ""] for i in range(rows)]
    upload(org.client_for("secretary_a"), "x.csv", csv_bytes(new))
    imp = latest_import()
    assert imp.counts["create"] == rows
    with CaptureQueriesContext(connection) as queries:
        services.roster_import_apply(roster_import=imp)
    assert Member.objects.filter(card_number__startswith="0" + str(first)[:2]).count() >= rows
    return len(queries)


def test_applying_costs_the_same_queries_for_3_rows_or_30(org: Org, upload: Any) -> None:
    small = _applied_queries(org, upload, 3, 810000000)
    large = _applied_queries(org, upload, 30, 820000000)
    assert small == large, (small, large)
    assert large <= 22, large  # a few per table written, none per row


def test_an_address_longer_than_the_field_takes_is_a_row_error(org: Org, upload: Any) -> None:
    """A new member's e-mail is read through the field's own validators (not checked a second time)."""
    address = "a" * 250 + "@example.vn"  # a valid form, but 261 characters: the field takes 254
    upload(org.client_for("secretary_a"), "x.csv", csv_bytes([[*NEW_A[:7], address]]))
    imp = latest_import()
    assert errors_by_row(imp) == {2: [f"E-mail: địa chỉ e-mail “{address}” không hợp lệ"]}
    assert not imp.can_apply
