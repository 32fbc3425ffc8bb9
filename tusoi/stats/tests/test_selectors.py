"""`campaign_stats`: the figures summed from the tallies, for each unit's subtree."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from tusoi.org.models import Sector, UnitKind
from tusoi.org.services import unit_create
from tusoi.stats.models import SessionTally
from tusoi.stats.rebuild import rebuild_tallies
from tusoi.stats.selectors import (
    IDENTIFIED,
    campaign_stats,
    figures_of_groups,
    hidden_cells,
    subtree_tallies,
    tally_groups,
    ungrouped_figures,
)
from tusoi.testing import Org, make_member

from .conftest import INDICATORS, StatsEnv, all_none, make_catalog, publish_campaign


def test_a_published_campaign_counts_its_targets(env: StatsEnv) -> None:
    data = campaign_stats(env.campaign, env.org.bloc).as_dict()
    assert data["campaign"] == "31-KH/ĐUK"
    assert data["unit"] == "BLOC"
    assert data["grassroots_branches"] == {"held": 0, "total": 2}
    assert data["affiliated_branches"] == {"held": 0, "total": 1}
    assert data["grassroots_committees"] == {"completed": 0, "total": 1}
    assert data["members"] == {"enrolled": 8, "submitted": 0, "returned": 0, "present": 0}
    assert data["meetings"] == data["opinions"] == 0
    assert data["remediation"] is None


def test_events_roll_up_to_every_level(env: StatsEnv) -> None:
    org = env.org
    env.submit("member_a", all_none())
    env.submit("member_c1", {**all_none(), "I.1.a": "sometimes"})
    env.hold(org.branch_a, opinions=4)
    env.hold(org.branch_c1, opinions=3, present=[org.users["member_c1"].member])
    env.comment(org.branch_a, org.users["member_a"].member)
    env.send_report(org.branch_c1, acknowledge=True)

    bloc = campaign_stats(env.campaign, org.bloc).as_dict()
    assert bloc["grassroots_branches"] == {"held": 1, "total": 2}
    assert bloc["affiliated_branches"] == {"held": 1, "total": 1}
    assert bloc["grassroots_committees"] == {"completed": 1, "total": 1}
    assert (bloc["meetings"], bloc["opinions"], bloc["comments"]) == (2, 7, 1)
    assert bloc["members"] == {"enrolled": 8, "submitted": 2, "returned": 0, "present": 4}
    assert bloc["reports"] == {"received": 1, "acknowledged": 1, "expected": 3}

    committee = campaign_stats(env.campaign, org.committee_c).as_dict()
    assert committee["grassroots_branches"] == {"held": 0, "total": 0}
    assert committee["affiliated_branches"] == {"held": 1, "total": 1}
    assert committee["grassroots_committees"] == {"completed": 1, "total": 1}
    assert (committee["meetings"], committee["opinions"]) == (1, 3)

    branch_b = campaign_stats(env.campaign, org.branch_b).as_dict()
    assert branch_b["grassroots_branches"] == {"held": 0, "total": 1}
    assert branch_b["opinions"] == 0
    assert rebuild_tallies(campaign=env.campaign, check=True).differences == []


def test_one_read_without_grouping_gives_the_grouped_figures(org: Org) -> None:
    """`ungrouped_figures` (one pass, committees as distinct paths: SQLite's read) agrees with the
    figures summed from `tally_groups` (PostgreSQL's and the dashboard's), for every unit and sector,
    with a committee whose branches all held the meeting, one half held and grassroots branches held
    or not."""
    public = Sector.PUBLIC_SERVICE
    branch_c2 = unit_create(
        parent=org.committee_c, code="CB-C2", name="Chi bộ Khoa Ngoại", kind=UnitKind.BRANCH, sector=public
    )
    committee_d = unit_create(
        parent=org.bloc, code="DU-D", name="Đảng ủy Trường Delta", kind=UnitKind.COMMITTEE, sector=public
    )
    branch_d1 = unit_create(
        parent=committee_d, code="CB-D1", name="Chi bộ Khoa Toán", kind=UnitKind.BRANCH, sector=public
    )
    for branch in (branch_c2, branch_d1):
        make_member(branch, f"Đảng viên {branch.code}")
    catalog = make_catalog()
    env = StatsEnv(org=org, catalog=catalog, campaign=publish_campaign(org, catalog))
    for branch in (org.branch_a, org.branch_c1, branch_d1):
        env.hold(branch, opinions=1)
    env.send_report(org.branch_c1, acknowledge=True)

    bloc = campaign_stats(env.campaign, org.bloc).as_dict()
    assert bloc["grassroots_branches"] == {"held": 1, "total": 2}
    assert bloc["affiliated_branches"] == {"held": 2, "total": 3}
    assert bloc["grassroots_committees"] == {"completed": 1, "total": 2}  # D: all held; C: C2 not yet
    for unit, completed_total in ((org.committee_c, (0, 1)), (committee_d, (1, 1)), (org.branch_c1, (0, 0))):
        committees = campaign_stats(env.campaign, unit, levels=False).grassroots_committees
        assert (committees.done, committees.total) == completed_total, unit.code
    for unit in (org.bloc, org.branch_a, org.branch_b, org.committee_c, org.branch_c1, branch_c2, committee_d):
        for sector in ("", public, Sector.ADMINISTRATIVE):
            tallies = subtree_tallies(env.campaign, unit, sector)
            grouped = figures_of_groups(tally_groups(tallies, unit), unit)
            assert ungrouped_figures(tallies, unit) == grouped, (unit.code, sector)
    # The issuer's tallies are the whole campaign's, read without comparing paths: the same rows.
    other = publish_campaign(org, catalog, plan="32-KH/ĐUK")
    SessionTally.objects.filter(campaign=other).update(enrolled=100, held=True)
    issuer_rows = subtree_tallies(env.campaign, org.bloc)
    assert "LIKE" not in str(issuer_rows.query)
    by_path = SessionTally.objects.filter(campaign=env.campaign, branch_path__startswith=org.bloc.path)
    assert sorted(issuer_rows.values_list("pk", flat=True)) == sorted(by_path.values_list("pk", flat=True))
    assert ungrouped_figures(issuer_rows, org.bloc) == ungrouped_figures(by_path, org.bloc)
    with CaptureQueriesContext(connection) as queries:
        campaign_stats(env.campaign, org.bloc, levels=False)
    assert len(queries) == 1


def test_opinions_of_a_meeting_not_closed_do_not_count(env: StatsEnv) -> None:
    meeting = env.hold(env.org.branch_a, opinions=2)
    assert campaign_stats(env.campaign, env.org.bloc).opinions == 2
    SessionTally.objects.filter(session_id=meeting.session_id).update(meetings=0)
    assert campaign_stats(env.campaign, env.org.bloc, levels=False).opinions == 0


@override_settings(TUSOI_SMALL_CELL_K=3)
def test_levels_are_suppressed_below_k_unless_exact(env: StatsEnv) -> None:
    for name in ("secretary_a", "member_a", "member_a2"):
        env.submit(name, {**all_none(), "I.1.a": "sometimes"})
    exact = campaign_stats(env.campaign, env.org.branch_a, suppress=False).levels
    suppressed = campaign_stats(env.campaign, env.org.branch_a).levels
    assert exact is not None
    assert suppressed is not None
    indicator = exact.groups[0].children[0].children[0]
    assert (indicator.code, indicator.counts) == ("I.1.a", [0, 3, 0])
    manifestation = exact.groups[0].children[0]
    assert (manifestation.code, manifestation.counts, manifestation.identified) == ("I.1", [0, 3, 0], 3)
    assert exact.groups[1].counts == [3, 0, 0]
    shown = suppressed.groups[0].children[0].children[0]
    # "3 at sometimes" with 3 submitted and the others hidden would tell every member's answer: the
    # hidden counts follow from the shown ones, so those are hidden too.
    assert (shown.counts, shown.identified) == ([None, None, None], None)
    assert len(INDICATORS) == sum(len(m.children) for m in exact.manifestations)


def _consistent(shown: dict[int, int], identified: int | None, total: int) -> list[tuple[int, int, int]]:
    """Every (none, level 1, level 2) that adds up to `total` and agrees with what is shown."""
    found = []
    for one in range(total + 1):
        for two in range(total + 1 - one):
            cells = (total - one - two, one, two)
            if all(cells[i] == n for i, n in shown.items()) and identified in (None, one + two):
                found.append(cells)
    return found


@pytest.mark.parametrize("k", [3, 5])
def test_no_hidden_count_follows_from_the_shown_ones(k: int) -> None:
    for counts in itertools.product(range(12), repeat=3):
        total, identified = sum(counts), counts[1] + counts[2]
        hidden = hidden_cells(list(counts), identified, k)
        assert all(counts[i] >= k for i in range(3) if i not in hidden), (counts, hidden)
        if total == 0:
            continue  # nothing was submitted: the page says so
        shown = {i: counts[i] for i in range(3) if i not in hidden}
        possible = _consistent(shown, None if IDENTIFIED in hidden else identified, total)
        for i in hidden - {IDENTIFIED}:
            assert len({cells[i] for cells in possible}) > 1, (counts, hidden, i)
        if IDENTIFIED in hidden:
            assert len({cells[1] + cells[2] for cells in possible}) > 1, (counts, hidden)
