"""The dashboards through HTTP: who sees which unit, the figures, suppression, drill-down, exports,
and a constant number of queries for the bloc whatever its size."""

import io
import re

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tusoi.org.models import RoleKind, Sector, UnitKind
from tusoi.org.services import role_assign, unit_create
from tusoi.stats import tallies
from tusoi.testing import make_member, make_user

from .conftest import StatsEnv, all_none, fresh_env


def dashboard_url(unit: object, **params: object) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("stats:dashboard", args=[unit.pk]) + (f"?{query}" if query else "")  # type: ignore[attr-defined]


def figures(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-figure="(\w+)">([^<]*)<', html))


def level_cells(html: str, code: str) -> list[str]:
    """The cells of an indicator's row in the levels table ("—" where suppressed)."""
    row = re.search(rf'<td class="ps-4">{re.escape(code)}</td>(.*?)</tr>', html, re.S)
    assert row is not None
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_bloc_office_sees_the_whole_bloc(env: StatsEnv) -> None:
    env.hold(env.org.branch_a, opinions=4)
    client = env.org.client_for("bloc_office")
    response = client.get(reverse("stats:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("stats:dashboard", args=[env.org.bloc.pk])
    html = client.get(response["Location"]).content.decode()
    assert figures(html) == {
        "grassroots_branches": "1/2",
        "affiliated_branches": "0/1",
        "grassroots_committees": "0/1",
        "meetings": "1",
        "opinions": "4",
        "submitted": "0/8",
    }
    # Drill-down one level: the sub-units link to their own dashboards.
    assert dashboard_url(env.org.committee_c, campaign=env.campaign.pk) in html
    assert 'id="remediation-empty"' in html
    assert "chartjs-4.6.1/chart.umd.min.js" in html


def test_committee_office_sees_its_subtree_only(env: StatsEnv) -> None:
    org = env.org
    client = org.client_for("committee_office")
    response = client.get(reverse("stats:index"))
    assert response["Location"] == reverse("stats:dashboard", args=[org.committee_c.pk])
    html = client.get(response["Location"]).content.decode()
    assert figures(html)["affiliated_branches"] == "0/1"
    assert "grassroots_branches" not in figures(html)  # a committee has no grassroots branch: no card
    assert client.get(dashboard_url(org.branch_c1)).status_code == 200
    for other in (org.bloc, org.branch_a, org.branch_b):
        assert client.get(dashboard_url(other)).status_code == 404
        assert client.get(reverse("stats:export", args=[other.pk])).status_code == 404


def test_branch_committee_sees_its_branch_only(env: StatsEnv) -> None:
    org = env.org
    client = org.client_for("secretary_a")
    response = client.get(reverse("stats:index"))
    assert response["Location"] == reverse("stats:dashboard", args=[org.branch_a.pk])
    assert figures(client.get(response["Location"]).content.decode())["grassroots_branches"] == "0/1"
    for other in (org.bloc, org.branch_b, org.committee_c, org.branch_c1):
        assert client.get(dashboard_url(other)).status_code == 404


def test_members_and_administrators_get_no_statistics(env: StatsEnv) -> None:
    for name in ("member_a", "admin"):
        client = env.org.client_for(name)
        assert 'id="no-stats"' in client.get(reverse("stats:index")).content.decode()
        assert client.get(dashboard_url(env.org.bloc)).status_code == 404
        assert client.get(dashboard_url(env.org.branch_a)).status_code == 404


def test_filters_choose_campaign_and_sector(env: StatsEnv) -> None:
    env.hold(env.org.branch_a, opinions=2)
    client = env.org.client_for("bloc_office")
    html = client.get(dashboard_url(env.org.bloc, sector=Sector.PUBLIC_SERVICE)).content.decode()
    assert figures(html)["grassroots_branches"] == "0/1"  # branch B only
    assert figures(html)["opinions"] == "0"
    html = client.get(dashboard_url(env.org.bloc, year=1999)).content.decode()
    assert figures(html)["opinions"] == "2"  # an unknown year falls back to every year


def _three_identify(env: StatsEnv) -> None:
    """Branch C1 gets a third member; its three members each mark I.1.a "sometimes"."""
    org = env.org
    member = make_member(org.branch_c1, "Ngô Văn Tâm")  # enrolled in the open round by the org service
    org.users["member_c1b"] = make_user("member_c1b", member)
    role_assign(member=org.users["member_c1"].member, unit=org.branch_c1, role=RoleKind.SECRETARY, started_on=None)
    for name in ("committee_office", "member_c1", "member_c1b"):
        env.submit(name, {**all_none(), "I.1.a": "sometimes"})


def test_a_count_of_three_is_hidden_above_the_branch_and_shown_to_its_committee(env: StatsEnv) -> None:
    _three_identify(env)
    org = env.org
    bloc = org.client_for("bloc_office")
    committee = org.client_for("committee_office")
    branch = org.client_for("member_c1")  # now secretary of C1
    for client, unit in (
        (bloc, org.bloc),
        (bloc, org.committee_c),
        (bloc, org.branch_c1),
        (committee, org.committee_c),
    ):
        html = client.get(dashboard_url(unit)).content.decode()
        assert level_cells(html, "I.1.a")[1] == "—", unit
    html = branch.get(dashboard_url(org.branch_c1)).content.decode()
    assert level_cells(html, "I.1.a") == ["0", "3", "0"]
    # The export says the same: "—" above the branch, 3 for the branch committee.
    sheet = _sheet(bloc.get(reverse("stats:export", args=[org.committee_c.pk]) + "?table=levels").content)
    row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "I.1.a")
    assert row[4] == "—"
    sheet = _sheet(branch.get(reverse("stats:export", args=[org.branch_c1.pk]) + "?table=levels").content)
    row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "I.1.a")
    assert row[4] == 3


def _sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def test_xlsx_numbers_are_numbers_and_text_never_a_formula(env: StatsEnv) -> None:
    org = env.org
    org.branch_a.name = "=SUM(A1)"
    org.branch_a.save(update_fields=["name"])
    env.hold(org.branch_a, opinions=5)
    client = org.client_for("bloc_office")
    response = client.get(reverse("stats:export", args=[org.bloc.pk]) + "?table=sub_units")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))  # formulas would be kept as formulas here
    sheet = book.active
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    name_cell = cells["=SUM(A1)"][0]
    assert name_cell.data_type == "s"
    assert [c.value for c in cells["=SUM(A1)"][1:3]] == [1, 1]
    assert all(isinstance(c.value, int) for c in cells["=SUM(A1)"][1:])
    everything = load_workbook(io.BytesIO(client.get(reverse("stats:export", args=[org.bloc.pk])).content))
    assert len(everything.sheetnames) == 7
    assert not any(c.data_type == "f" for ws in everything for row in ws.iter_rows() for c in row)


def test_an_unknown_table_is_not_found(env: StatsEnv) -> None:
    client = env.org.client_for("bloc_office")
    assert client.get(reverse("stats:export", args=[env.org.bloc.pk]) + "?table=members").status_code == 404


def _grow(env: StatsEnv, committees: int) -> None:
    """More committees, each with two branches of three members, all in the campaign."""
    from tusoi.campaigns.models import BranchSession

    for i in range(committees):
        committee = unit_create(
            parent=env.org.bloc, code=f"DU-X{i}", name=f"Đảng ủy X{i}", kind=UnitKind.COMMITTEE, sector="administrative"
        )
        for j in range(2):
            branch = unit_create(
                parent=committee,
                code=f"CB-X{i}{j}",
                name=f"Chi bộ X{i}{j}",
                kind=UnitKind.BRANCH,
                sector="administrative",
            )
            BranchSession.objects.create(campaign=env.campaign, branch=branch, branch_path=branch.path)
            for k in range(3):
                make_member(branch, f"Đảng viên X{i}{j}{k}")
    tallies.tally_campaign_published(env.campaign)


def _count_queries(committees: int) -> tuple[int, str]:
    with transaction.atomic():
        env = fresh_env()
        _grow(env, committees)
        env.hold(env.org.branch_a, opinions=2)
        client = env.org.client_for("bloc_office")
        url = dashboard_url(env.org.bloc)
        client.get(url)  # warm the session and user caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        transaction.set_rollback(True)
    return len(queries), figures(html)["affiliated_branches"]


def test_the_bloc_dashboard_costs_the_same_whatever_the_size(db: None) -> None:
    small, small_branches = _count_queries(0)
    large, large_branches = _count_queries(6)
    assert (small_branches, large_branches) == ("0/1", "0/13")
    assert small == large
    assert small <= 30
