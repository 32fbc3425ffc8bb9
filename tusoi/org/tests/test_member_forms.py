"""Adding, editing and transferring members, and assigning roles, through the pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tusoi.core.models import AuditEvent
from tusoi.org.models import CommitteeRole, Member, Membership, RoleKind
from tusoi.testing import Org

VALID = {
    "full_name": "  Nguyễn   Thị Hoa ",
    "card_number": "12.345.678",
    "birth_date": "09/03/1990",
    "gender": "female",
    "admitted_on": "15/05/2015",
    "full_member_on": "15/05/2016",
    "email": "hoa@example.vn",
    "position": "Chuyên viên",
    "joined_on": "01/02/2020",
}


def test_add_member_to_own_branch(org: Org) -> None:
    client = org.client_for("secretary_a")
    response = client.post(reverse("org:member_create", args=[org.branch_a.pk]), VALID)
    member = Member.objects.get(card_number="12345678")
    assert response.status_code == 302
    assert response["Location"] == reverse("org:member", args=[member.pk])
    assert member.full_name == "Nguyễn Thị Hoa"
    assert member.birth_date == date(1990, 3, 9)  # day first
    assert member.branch == org.branch_a
    assert Membership.objects.get(member=member).started_on == date(2020, 2, 1)
    assert AuditEvent.objects.filter(action="member.create", object_id=str(member.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Đã thêm đồng chí Nguyễn Thị Hoa vào Chi bộ Sở Alpha." in page
    assert "09/03/1990" in page


def test_form_errors_keep_what_was_entered(org: Org) -> None:
    data = {**VALID, "card_number": "12a45", "full_member_on": "01/01/2015"}  # before admission
    response = org.client_for("secretary_a").post(reverse("org:member_create", args=[org.branch_a.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Số thẻ đảng viên gồm từ 8 đến 12 chữ số" in html
    assert "Ngày chính thức phải sau ngày vào Đảng." in html
    for kept in [
        VALID["full_name"],
        "12a45",
        "09/03/1990",
        "15/05/2015",
        "01/01/2015",
        "hoa@example.vn",
        "Chuyên viên",
    ]:
        assert f'value="{kept}"' in html, kept
    assert 'aria-invalid="true"' in html
    assert not Member.objects.filter(full_name="Nguyễn Thị Hoa").exists()


@pytest.mark.parametrize(
    ("card", "valid"),
    [("1234567", False), ("12345678", True), ("123456789012", True), ("1234567890123", False), ("01 234 567", True)],
)
def test_card_number_has_8_to_12_digits(org: Org, card: str, valid: bool) -> None:
    data = {**VALID, "card_number": card}
    response = org.client_for("secretary_a").post(reverse("org:member_create", args=[org.branch_a.pk]), data)
    assert (response.status_code == 302) is valid
    assert Member.objects.filter(full_name="Nguyễn Thị Hoa").exists() is valid


def test_card_number_is_unique(org: Org) -> None:
    taken = org.users["member_b"].member.card_number  # in another branch: the message names nobody
    data = {**VALID, "card_number": taken}
    response = org.client_for("secretary_a").post(reverse("org:member_create", args=[org.branch_a.pk]), data)
    html = response.content.decode()
    assert "Số thẻ đảng viên này đã được ghi cho một đảng viên khác." in html
    assert "Hoàng Thu Hà" not in html


def test_probationary_member_has_no_full_member_date(org: Org) -> None:
    data = {**VALID, "is_probationary": "on"}
    response = org.client_for("secretary_a").post(reverse("org:member_create", args=[org.branch_a.pk]), data)
    assert "Đảng viên dự bị chưa có ngày chính thức." in response.content.decode()
    data["full_member_on"] = ""
    response = org.client_for("secretary_a").post(reverse("org:member_create", args=[org.branch_a.pk]), data)
    assert response.status_code == 302
    assert Member.objects.get(card_number="12345678").is_probationary


def test_dates_are_day_first_and_not_in_the_future(org: Org) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    data = {**VALID, "birth_date": "31/12/1990", "admitted_on": tomorrow, "full_member_on": ""}
    html = org.client_for("secretary_a").post(reverse("org:member_create", args=[org.branch_a.pk]), data)
    assert "Ngày này không được sau ngày hôm nay." in html.content.decode()
    data = {**VALID, "birth_date": "12/31/1990"}  # month first is refused, not reinterpreted
    html = org.client_for("secretary_a").post(reverse("org:member_create", args=[org.branch_a.pk]), data)
    assert "Nhập ngày hợp lệ theo thứ tự ngày/tháng/năm" in html.content.decode()


def test_cannot_add_a_member_to_a_committee(org: Org) -> None:
    response = org.client_for("committee_office").get(reverse("org:member_create", args=[org.committee_c.pk]))
    assert response.status_code == 404


def test_edit_member_shows_current_data_and_saves(org: Org) -> None:
    member = org.users["member_a"].member
    client = org.client_for("secretary_a")
    form = client.get(reverse("org:member_edit", args=[member.pk])).content.decode()
    assert f'value="{member.card_number}"' in form
    data = {**VALID, "card_number": member.card_number, "full_name": "Trần Thị Bình An"}
    data.pop("joined_on")
    response = client.post(reverse("org:member_edit", args=[member.pk]), data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.full_name == "Trần Thị Bình An"
    assert member.name_fold == "tran thi binh an"
    assert member.branch == org.branch_a
    assert "Đã lưu thông tin đảng viên." in client.get(response["Location"]).content.decode()


def test_transfer_moves_member_and_keeps_history(org: Org) -> None:
    member = org.users["member_c1"].member
    client = org.client_for("bloc_office")
    on = timezone.localdate()
    data = {"to_branch": org.branch_a.pk, "on": on.strftime("%d/%m/%Y"), "reason": "Chuyển công tác"}
    response = client.post(reverse("org:member_transfer", args=[member.pk]), data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.branch == org.branch_a
    past, current = Membership.objects.filter(member=member).order_by("started_on", "pk")
    assert (past.unit, past.ended_on, past.end_reason) == (org.branch_c1, on, "Chuyển công tác")
    assert (current.unit, current.ended_on) == (org.branch_a, None)
    html = client.get(response["Location"]).content.decode()
    history = html.split('id="membership-history"')[1]
    assert org.branch_c1.name in history
    assert "Chuyển công tác" in history
    # The old branch's secretary no longer reaches the member; the new one does.
    assert org.client_for("committee_office").get(reverse("org:member", args=[member.pk])).status_code == 404
    assert org.client_for("secretary_a").get(reverse("org:member", args=[member.pk])).status_code == 200


def test_transfer_only_to_a_managed_branch(org: Org) -> None:
    member = org.users["member_c1"].member
    client = org.client_for("committee_office")  # manages C and C1 only
    page = client.get(reverse("org:member_transfer", args=[member.pk])).content.decode()
    assert 'id="no-target-branch"' in page
    data = {"to_branch": org.branch_a.pk, "on": "01/01/2024", "reason": "x"}
    response = client.post(reverse("org:member_transfer", args=[member.pk]), data)
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.branch == org.branch_c1


def test_transfer_date_cannot_precede_the_current_membership(org: Org) -> None:
    member = org.users["member_a"].member
    data = {"to_branch": org.branch_b.pk, "on": "01/01/1999", "reason": "Chuyển công tác"}
    response = org.client_for("bloc_office").post(reverse("org:member_transfer", args=[member.pk]), data)
    html = response.content.decode()
    assert "Ngày chuyển sinh hoạt không được trước ngày đảng viên bắt đầu sinh hoạt" in html
    assert 'value="Chuyển công tác"' in html
    member.refresh_from_db()
    assert member.branch == org.branch_a


def test_bloc_office_assigns_and_ends_a_branch_role(org: Org) -> None:
    member = org.users["member_a"].member
    client = org.client_for("bloc_office")
    data = {"unit": org.branch_a.pk, "role": RoleKind.DEPUTY_SECRETARY, "started_on": "01/01/2024"}
    response = client.post(reverse("org:role_assign", args=[member.pk]), data)
    assert response.status_code == 302
    role = CommitteeRole.objects.get(member=member, role=RoleKind.DEPUTY_SECRETARY)
    # Twice is refused, with the reason.
    again = client.post(reverse("org:role_assign", args=[member.pk]), data).content.decode()
    assert "Trong thời gian này đảng viên đã giữ chức vụ này tại tổ chức đảng này." in again
    response = client.post(reverse("org:role_end", args=[role.pk]), {"ended_on": "31/12/2024"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.ended_on == date(2024, 12, 31)
    assert AuditEvent.objects.filter(action="role.end", object_id=str(role.pk)).exists()


def test_second_secretary_is_refused(org: Org) -> None:
    member = org.users["member_a"].member
    data = {"unit": org.branch_a.pk, "role": RoleKind.SECRETARY, "started_on": "01/01/2024"}
    html = org.client_for("bloc_office").post(reverse("org:role_assign", args=[member.pk]), data).content.decode()
    assert "Trong thời gian này tổ chức đảng đã có bí thư" in html
    assert not CommitteeRole.objects.filter(member=member).exists()


def test_branch_secretary_cannot_change_its_own_committee(org: Org) -> None:
    client = org.client_for("secretary_a")
    member = org.users["member_a"].member
    assert client.get(reverse("org:role_assign", args=[member.pk])).status_code == 404
    own_role = CommitteeRole.objects.get(member=org.users["secretary_a"].member)
    assert client.post(reverse("org:role_end", args=[own_role.pk]), {"ended_on": "01/01/2024"}).status_code == 404
    own_role.refresh_from_db()
    assert own_role.ended_on is None


def test_role_end_before_start_is_refused(org: Org) -> None:
    role = CommitteeRole.objects.get(member=org.users["secretary_a"].member)
    response = org.client_for("bloc_office").post(reverse("org:role_end", args=[role.pk]), {"ended_on": "31/12/2019"})
    assert "Ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu." in response.content.decode()
    role.refresh_from_db()
    assert role.ended_on is None
