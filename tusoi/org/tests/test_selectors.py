"""Selectors: the managed tree, structure counts, rosters in Vietnamese order, search."""

import pytest

from tusoi.org.models import Sector, Unit, UnitKind
from tusoi.org.selectors import (
    StructureCounts,
    member_search,
    unit_children,
    unit_members,
    unit_structure_counts,
    unit_tree,
)
from tusoi.org.services import unit_create
from tusoi.testing import Org, make_member

ADMIN, PUBLIC, ENTERPRISE = Sector.ADMINISTRATIVE, Sector.PUBLIC_SERVICE, Sector.ENTERPRISE
TARGET = (ADMIN, PUBLIC)


def add(parent: Unit | None, code: str, kind: str, sector: str = ADMIN) -> Unit:
    return unit_create(parent=parent, code=code, name=f"Unit {code}", kind=kind, sector=sector)


@pytest.fixture
def small_tree(db: None) -> Unit:
    """bloc: 2 admin + 1 public + 1 enterprise grassroots branches (one inactive admin);
    committee K1 (admin): 2 branches + sub-committee with 2 branches; K2 (public): 1 branch;
    K3 (enterprise): 2 branches."""
    bloc = add(None, "B", UnitKind.BLOC, Sector.OTHER)
    add(bloc, "G1", UnitKind.BRANCH)
    add(bloc, "G2", UnitKind.BRANCH)
    add(bloc, "G3", UnitKind.BRANCH, PUBLIC)
    add(bloc, "G4", UnitKind.BRANCH, ENTERPRISE)
    closed = add(bloc, "G5", UnitKind.BRANCH)
    Unit.objects.filter(pk=closed.pk).update(is_active=False)
    k1 = add(bloc, "K1", UnitKind.COMMITTEE)
    add(k1, "K1-1", UnitKind.BRANCH)
    add(k1, "K1-2", UnitKind.BRANCH, Sector.OTHER)  # counted by its committee's sector
    sub = add(k1, "K1-S", UnitKind.SUB_COMMITTEE)
    add(sub, "K1-S-1", UnitKind.BRANCH)
    add(sub, "K1-S-2", UnitKind.BRANCH)
    k2 = add(bloc, "K2", UnitKind.COMMITTEE, PUBLIC)
    add(k2, "K2-1", UnitKind.BRANCH, PUBLIC)
    k3 = add(bloc, "K3", UnitKind.COMMITTEE, ENTERPRISE)
    add(k3, "K3-1", UnitKind.BRANCH, ENTERPRISE)
    add(k3, "K3-2", UnitKind.BRANCH, ENTERPRISE)
    return bloc


def test_structure_counts_for_target_sectors(small_tree: Unit) -> None:
    counts = unit_structure_counts(small_tree, sectors=TARGET)
    assert counts == StructureCounts(grassroots_branches=3, committees=2, affiliated_branches=5)


def test_structure_counts_all_sectors_and_one_sector(small_tree: Unit) -> None:
    assert unit_structure_counts(small_tree) == (4, 3, 7)
    assert unit_structure_counts(small_tree, sectors=[ENTERPRISE]) == (1, 1, 2)


def test_structure_counts_of_a_committee_subtree(small_tree: Unit) -> None:
    k1 = Unit.objects.get(code="K1")
    assert unit_structure_counts(k1, sectors=TARGET) == (0, 1, 4)
    sub = Unit.objects.get(code="K1-S")  # its committee is an ancestor outside the subtree
    assert unit_structure_counts(sub, sectors=TARGET) == (0, 0, 2)


def test_structure_counts_follow_the_data(small_tree: Unit) -> None:
    add(Unit.objects.get(code="K2"), "K2-2", UnitKind.BRANCH, PUBLIC)
    Unit.objects.filter(code="G1").update(is_active=False)
    assert unit_structure_counts(small_tree, sectors=TARGET) == (2, 2, 6)


def test_tree_nests_and_counts_members(org: Org) -> None:
    tree = unit_tree(org.users["bloc_office"])
    assert [n.unit.code for n in tree.roots] == ["BLOC"]
    bloc = tree.roots[0]
    assert [n.unit.code for n in bloc.children] == ["CB-A", "CB-B", "DU-C"]
    committee = bloc.children[2]
    assert [n.unit.code for n in committee.children] == ["CB-C1"]
    assert (bloc.children[0].members, bloc.children[1].members, committee.total) == (3, 3, 2)
    assert bloc.total == 8


def test_tree_of_a_committee_office_starts_at_its_committee(org: Org) -> None:
    tree = unit_tree(org.users["committee_office"])
    assert [n.unit.code for n in tree.roots] == ["DU-C"]
    assert tree.top_units == [org.committee_c]


def test_tree_filters_keep_ancestors_of_matches(org: Org) -> None:
    tree = unit_tree(org.users["admin"], sector=PUBLIC, kind=UnitKind.BRANCH)
    bloc = tree.roots[0]
    assert not bloc.matched
    assert [n.unit.code for n in bloc.children] == ["CB-B", "DU-C"]
    assert not bloc.children[1].matched  # the committee is shown for its matching branch
    assert [n.unit.code for n in bloc.children[1].children] == ["CB-C1"]
    assert (tree.matched_count, tree.unit_count) == (2, 4)


def test_unit_members_sorted_by_given_name(org: Org) -> None:
    for name in ["Lê Bình", "Nguyễn Thị An", "Đặng Văn Ân", "Trần An"]:
        make_member(org.branch_b, name)
    names = [m.full_name for m in unit_members(org.branch_b)]
    assert names == [
        "Nguyễn Thị An",
        "Trần An",
        "Đặng Văn Ân",
        "Lê Bình",
        "Phạm Minh Đức",
        "Hoàng Thu Hà",
        "Bùi Văn Minh",
    ]


def test_unit_children_count_members_of_each_subtree(org: Org) -> None:
    children = {c.unit.code: c.members for c in unit_children(org.bloc)}
    assert children == {"CB-A": 3, "CB-B": 3, "DU-C": 2}


def test_search_folds_diacritics(org: Org) -> None:
    found = member_search(org.users["admin"], "nguyen thien")
    assert [m.full_name for m in found] == ["Nguyễn Thiện Anh"]
    assert [m.full_name for m in member_search(org.users["admin"], "DO THI lan")] == ["Đỗ Thị Lan"]


def test_search_matches_word_starts_in_any_order(org: Org) -> None:
    make_member(org.branch_a, "Phan Thanh Tùng")
    admin = org.users["admin"]
    assert [m.full_name for m in member_search(admin, "anh")] == ["Nguyễn Thiện Anh"]  # not "Thanh"
    assert [m.full_name for m in member_search(admin, "anh nguy")] == ["Nguyễn Thiện Anh"]


def test_search_by_exact_card_number(org: Org) -> None:
    member = org.users["member_b"].member
    dotted = f"{member.card_number[:2]}.{member.card_number[2:]}"
    assert list(member_search(org.users["admin"], dotted)) == [member]
    assert not member_search(org.users["admin"], member.card_number[:-1]).exists()


def test_search_is_scoped(org: Org) -> None:
    secretary_a = org.users["secretary_a"]
    assert not member_search(secretary_a, "hoang thu ha").exists()  # member of branch B
    card = org.users["member_b"].member.card_number
    assert not member_search(secretary_a, card).exists()
    assert {m.full_name for m in member_search(secretary_a, "")} == {
        "Nguyễn Thiện Anh",
        "Trần Thị Bình",
        "Lê Văn Cường",
    }
    assert not member_search(org.users["member_a"], "").exists()
