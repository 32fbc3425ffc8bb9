"""The bulk member services keep the rules of the per-member ones, in a few queries."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tusoi.core.models import AuditEvent
from tusoi.org.bulk import members_bulk_create, members_bulk_transfer, members_bulk_update
from tusoi.org.models import CommitteeRole, Member, Membership, RoleKind, Unit
from tusoi.testing import Org


def _new(branch: Unit, card: str, **fields: object) -> Member:
    return Member(branch=branch, full_name=f"  Người   {card} ", card_number=card, **fields)


def test_bulk_create_opens_memberships_and_audits_per_branch(org: Org) -> None:
    members = [_new(org.branch_a, f"09000000{n}") for n in range(5)] + [_new(org.branch_b, "0900000099")]
    with CaptureQueriesContext(connection) as queries:
        created = members_bulk_create(members=members, source="test")
    assert len(queries) < 20
    assert Member.objects.filter(card_number__startswith="0900000").count() == 6
    assert created[0].full_name == "Người 090000000" and created[0].name_fold == "nguoi 090000000"
    assert Membership.objects.filter(member__in=created, ended_on=None).count() == 6
    audits = AuditEvent.objects.filter(action="member.bulk_create").order_by("unit_path")
    assert [(a.unit_path, a.detail["count"]) for a in audits] == [(org.branch_a.path, 5), (org.branch_b.path, 1)]


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (lambda org: [_new(org.branch_a, "12")], "Số thẻ đảng viên"),
        (lambda org: [_new(org.branch_a, "0911111111"), _new(org.branch_b, "0911111111")], "nhiều lần"),
        (lambda org: [_new(org.branch_a, org.users["member_a"].member.card_number)], "đã có đảng viên mang số thẻ"),
        (lambda org: [_new(org.committee_c, "0911111112")], "chi bộ"),
        (
            lambda org: [_new(org.branch_a, "0911111113", is_probationary=True, full_member_on=date(2020, 1, 1))],
            "Đảng viên dự bị chưa có ngày chính thức.",
        ),
    ],
)
def test_bulk_create_refuses_what_member_create_refuses(org: Org, members: object, message: str) -> None:
    before = Member.objects.count()
    with pytest.raises(ValidationError) as refused:
        members_bulk_create(members=members(org))  # type: ignore[operator]
    assert message in " ".join(refused.value.messages)
    assert Member.objects.count() == before


def test_bulk_transfer_moves_closes_and_ends_branch_roles(org: Org) -> None:
    secretary = org.users["secretary_a"].member
    member_b = org.users["member_b"].member
    members_bulk_transfer(moves=[(secretary, org.branch_c1), (member_b, org.branch_a)], reason="Điều động")
    secretary.refresh_from_db()
    member_b.refresh_from_db()
    assert (secretary.branch, member_b.branch) == (org.branch_c1, org.branch_a)
    closed = Membership.objects.get(member=secretary, unit=org.branch_a)
    assert closed.ended_on is not None and closed.end_reason == "Điều động"
    assert Membership.objects.get(member=secretary, ended_on=None).unit == org.branch_c1
    assert CommitteeRole.objects.get(member=secretary, role=RoleKind.SECRETARY).ended_on is not None
    audit = AuditEvent.objects.get(action="member.bulk_transfer", unit_path=org.branch_c1.path)
    assert audit.detail["moves"] == [[secretary.pk, "CB-A"]]


def test_bulk_transfer_to_the_same_branch_is_refused(org: Org) -> None:
    member_a = org.users["member_a"].member
    with pytest.raises(ValidationError, match=r"đang sinh hoạt tại chi bộ này"):
        members_bulk_transfer(moves=[(member_a, org.branch_a)])
    assert Membership.objects.filter(member=member_a).count() == 1


def test_bulk_update_validates_and_audits_the_fields(org: Org) -> None:
    member_a = Member.objects.get(pk=org.users["member_a"].member.pk)
    member_a.birth_date = date(2999, 1, 1)
    with pytest.raises(ValidationError):
        members_bulk_update(members=[member_a], fields=["birth_date"])
    member_a.birth_date = date(1980, 5, 6)
    assert members_bulk_update(members=[member_a], fields=["birth_date", "branch"]) == 1
    assert Member.objects.get(pk=member_a.pk).birth_date == date(1980, 5, 6)
    assert AuditEvent.objects.get(action="member.bulk_update").detail["fields"] == ["birth_date"]
