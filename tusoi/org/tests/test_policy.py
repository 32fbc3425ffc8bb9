"""The organisation policy, persona by persona (tusoi/testing.py): who manages which units and rosters."""

import pytest

from tusoi.org.models import Member, RoleKind, Unit
from tusoi.policy import (
    can_assign_role,
    can_manage_member,
    can_manage_unit,
    managed_branches,
    managed_members,
    managed_units,
    role_assignable_units,
)
from tusoi.testing import Org


def codes(units: object) -> set[str]:
    return {u.code for u in units}  # type: ignore[attr-defined]


def names(members: object) -> set[str]:
    return {m.full_name for m in members}  # type: ignore[attr-defined]


EVERY_UNIT = {"BLOC", "CB-A", "CB-B", "DU-C", "CB-C1"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("secretary_a", {"CB-A"}),
        ("secretary_b", {"CB-B"}),
        ("committee_office", {"DU-C", "CB-C1"}),
        ("bloc_office", EVERY_UNIT),
        ("admin", EVERY_UNIT),
        ("member_a", set()),
        ("member_c1", set()),
    ],
)
def test_managed_units_per_persona(org: Org, persona: str, expected: set[str]) -> None:
    user = org.users[persona]
    assert codes(managed_units(user)) == expected
    for unit in Unit.objects.all():
        assert can_manage_unit(user, unit) is (unit.code in expected)


@pytest.mark.parametrize(
    ("persona", "branches"),
    [
        ("secretary_a", {"CB-A"}),
        ("committee_office", {"CB-C1"}),
        ("bloc_office", {"CB-A", "CB-B", "CB-C1"}),
        ("admin", {"CB-A", "CB-B", "CB-C1"}),
        ("member_a", set()),
    ],
)
def test_managed_members_per_persona(org: Org, persona: str, branches: set[str]) -> None:
    user = org.users[persona]
    expected = {m.full_name for m in Member.objects.filter(branch__code__in=branches)}
    assert names(managed_members(user)) == expected
    assert codes(managed_branches(user)) == branches
    for member in Member.objects.select_related("branch"):
        assert member.branch is not None
        assert can_manage_member(user, member) is (member.branch.code in branches)


def test_secretary_a_manages_only_branch_a(org: Org) -> None:
    user = org.users["secretary_a"]
    assert names(managed_members(user)) == {"Nguyễn Thiện Anh", "Trần Thị Bình", "Lê Văn Cường"}
    assert not can_manage_unit(user, org.branch_b)
    assert not can_manage_unit(user, org.bloc)


def test_ended_role_no_longer_manages(org: Org) -> None:
    role = org.users["secretary_a"].member.roles.get(role=RoleKind.SECRETARY)
    role.ended_on = role.started_on
    role.save(update_fields=["ended_on"])
    user = type(org.users["secretary_a"]).objects.get(pk=org.users["secretary_a"].pk)  # fresh scope
    assert not managed_units(user).exists()
    assert not managed_members(user).exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("secretary_a", set()),  # a branch committee does not confirm its own composition
        ("committee_office", {"CB-C1"}),
        ("bloc_office", {"CB-A", "CB-B", "DU-C", "CB-C1"}),
        ("admin", EVERY_UNIT),
        ("member_a", set()),
    ],
)
def test_role_assignable_units(org: Org, persona: str, expected: set[str]) -> None:
    user = org.users[persona]
    assert codes(role_assignable_units(user)) == expected
    for unit in Unit.objects.all():
        assert can_assign_role(user, unit) is (unit.code in expected)
