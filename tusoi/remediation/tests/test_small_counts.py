"""Members' remediation counts above the branch: each count below k (default 5) is shown as "—", and so is
any count from which a hidden one could be worked out by subtraction; the branch's own committee keeps
its exact counts; the items of branch and committee plans are not personal and stay exact."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from tusoi.org.models import RoleKind, Unit
from tusoi.org.services import role_assign
from tusoi.remediation.models import OwnerKind, RemediationPlan
from tusoi.remediation.selectors import StateCounts
from tusoi.remediation.suppression import members_shown, suppress_tree
from tusoi.remediation.yearend import unit_year_sheet

from .conftest import YEAR, Env, make_item, make_plan

PAST = date(2020, 1, 1)  # a deadline already passed: the item is overdue
HIDDEN = "—"


def _overdue(env: Env, name: str, n: int, year: int = YEAR) -> RemediationPlan:
    """`n` overdue items in the plan of member `name` (one plan per member and year)."""
    m = env.member(name)
    assert m.branch is not None
    plan = RemediationPlan.objects.filter(owner_kind=OwnerKind.MEMBER, member=m, year=year).first()
    plan = plan or make_plan(OwnerKind.MEMBER, m.branch, member=m, year=year)
    for i in range(n):
        make_item(plan, f"Khuyết điểm {name} {i}", deadline=PAST)
    return plan


def _cells(html: str, row_id: str) -> list[str]:
    """The text of each cell of a table row, tags removed."""
    row = html.split(f'id="{row_id}"')[1].split("</tr>")[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _subtree(env: Env, name: str, unit: Unit) -> str:
    response = env.client(name).get(reverse("remediation:subtree", args=[unit.pk]) + f"?year={YEAR}")
    assert response.status_code == 200
    return response.content.decode()


# --- The rule ----------------------------------------------------------------------------------------


def _overdue_counts(n: int) -> StateCounts:
    return StateCounts(overdue=n)


def test_rule_hides_small_counts_and_totals_that_would_reveal_them(env: Env) -> None:
    org = env.org
    paths = [org.branch_a.path, org.branch_b.path, org.committee_c.path, org.branch_c1.path]

    def shown(a: int, b: int, c1: int, exact: frozenset[str] = frozenset()) -> dict[str, int | None]:
        counts = {org.branch_a.path: _overdue_counts(a), org.branch_b.path: _overdue_counts(b)}
        counts[org.branch_c1.path] = _overdue_counts(c1)
        result = suppress_tree(org.bloc, paths, counts, exact=exact.__contains__, k=5)
        return {
            unit.code: result[unit.path].overdue for unit in (org.bloc, org.branch_a, org.branch_b, org.committee_c)
        }

    # Each branch below k is hidden, and the bloc's 7 too: 7 minus A's 6 would give B's 1.
    assert shown(6, 1, 0) == {"BLOC": None, "CB-A": 6, "CB-B": None, "DU-C": None}
    # A hidden 0 is as hidden as a hidden 1: the bloc's 11 minus A's 6 and B's 5 would give C's 0.
    assert shown(6, 5, 0) == {"BLOC": None, "CB-A": 6, "CB-B": 5, "DU-C": None}
    # Hidden rows summing to k or more: the total only tells their sum.
    assert shown(9, 3, 2) == {"BLOC": 14, "CB-A": 9, "CB-B": None, "DU-C": None}
    assert shown(6, 5, 5) == {"BLOC": 16, "CB-A": 6, "CB-B": 5, "DU-C": 5}
    # The committee of B sees B exactly, and for them B is no longer hidden: the total would give C's 1.
    assert shown(6, 2, 1, frozenset({org.branch_b.path})) == {"BLOC": None, "CB-A": 6, "CB-B": 2, "DU-C": None}
    assert shown(6, 2, 0, frozenset({org.branch_b.path}))["BLOC"] is None
    # The number of items is shown only when every state is, so it never reveals a hidden state.
    one = {org.branch_a.path: StateCounts(not_started=5, in_progress=5, done=5, overdue=5)}
    assert suppress_tree(org.branch_a, [], one, exact=lambda p: False, k=5)[org.branch_a.path].total == 20
    one[org.branch_a.path].overdue = 4
    below = suppress_tree(org.branch_a, [], one, exact=lambda p: False, k=5)[org.branch_a.path]
    assert (below.total, below.overdue, below.done) == (None, None, 5)


# --- The overview ------------------------------------------------------------------------------------


def test_overview_hides_a_branch_with_fewer_than_k_members_items_and_the_total(env: Env) -> None:
    _overdue(env, "member_a", 1)
    _overdue(env, "member_a2", 1)  # branch A: 2 items, both overdue
    _overdue(env, "member_b", 1)
    branch_plan = make_plan(OwnerKind.BRANCH, env.org.branch_a)
    make_item(branch_plan, "Việc của chi bộ", deadline=PAST)  # a unit plan's item: exact
    html = _subtree(env, "bloc_office", env.org.bloc)
    _name, members, plans = _cells(html, f"row-{env.org.branch_a.pk}")
    assert members.count(HIDDEN) == 3 and not _numbers(members)  # never the exact 2
    assert 'aria-label="' in html.split(f'id="row-{env.org.branch_a.pk}"')[1].split("</tr>")[0]  # the stats' "—"
    assert _numbers(plans) == ["1", "0", "1"]  # the branch plan's item, exact (total, done, overdue)
    total = html.split('id="total-members"')[1].split("</td>")[0]
    assert HIDDEN in total and not _numbers(re.sub(r"<[^>]+>", "", total))


def test_overview_shows_counts_of_k_or_more_and_hides_a_total_that_would_reveal_a_small_one(env: Env) -> None:
    _overdue(env, "member_a", 3)
    _overdue(env, "member_a2", 3)  # branch A: 6 overdue
    _overdue(env, "member_b", 1)  # branch B: 1 overdue
    html = _subtree(env, "bloc_office", env.org.bloc)
    a = _cells(html, f"row-{env.org.branch_a.pk}")[1]
    assert "6" in _numbers(a)  # overdue 6 shown; the number of items not (the other states are 0, hidden)
    assert not _numbers(_cells(html, f"row-{env.org.branch_b.pk}")[1])
    total = re.sub(r"<[^>]+>", "", html.split('id="total-members"')[1].split("</td>")[0])
    assert not _numbers(total)  # 7 would give B's 1 by subtraction
    # Once the hidden rows hold k or more items together, the total is shown: it only tells their sum.
    _overdue(env, "member_b", 2)
    _overdue(env, "member_c1", 2)
    html = _subtree(env, "bloc_office", env.org.bloc)
    total = re.sub(r"<[^>]+>", "", html.split('id="total-members"')[1].split("</td>")[0])
    assert _numbers(total) == ["11"]
    assert not _numbers(_cells(html, f"row-{env.org.branch_b.pk}")[1])


def test_branch_committee_sitting_in_an_office_sees_its_own_branch_exactly(env: Env) -> None:
    _overdue(env, "member_c1", 2)
    html = _subtree(env, "committee_office", env.org.committee_c)
    assert not _numbers(_cells(html, f"row-{env.org.branch_c1.pk}")[1])
    role_assign(member=env.member("member_c1"), unit=env.org.branch_c1, role=RoleKind.SECRETARY, started_on=PAST)
    role_assign(member=env.member("member_c1"), unit=env.org.committee_c, role=RoleKind.OFFICE_STAFF, started_on=PAST)
    html = _subtree(env, "member_c1", env.org.committee_c)
    assert _numbers(_cells(html, f"row-{env.org.branch_c1.pk}")[1]) == ["2", "0", "2"]
    # Above the branch the count is still one below k ("—"), though here it is their own branch's.
    assert not _numbers(re.sub(r"<[^>]+>", "", html.split('id="total-members"')[1].split("</td>")[0]))
    # Another office of committee C, not on the branch's committee, still sees "—" for the branch.
    assert not _numbers(
        _cells(_subtree(env, "committee_office", env.org.committee_c), f"row-{env.org.branch_c1.pk}")[1]
    )


# --- The overdue page ----------------------------------------------------------------------------------


def test_overdue_page_lists_only_branches_with_k_or_more_overdue_members_items(env: Env) -> None:
    _overdue(env, "member_a", 2)
    _overdue(env, "member_b", 5)
    html = env.client("bloc_office").get(reverse("remediation:overdue", args=[env.org.bloc.pk])).content.decode()
    assert f'id="member-count-{env.org.branch_a.pk}"' not in html  # 2: not listed (a row "—" would tell "some")
    assert _cells(html, f"member-count-{env.org.branch_b.pk}")[1] == "5"
    assert 'id="overdue-member-counts-note"' in html


def test_overdue_page_hides_a_count_that_the_yearly_overviews_would_split_into_a_small_one(env: Env) -> None:
    """The overdue page counts the items of every year's plans; each year's overview shows that year's.
    6 overdue (5 of this year, shown on its overview, and 1 of last year) would give last year's 1."""
    _overdue(env, "member_b", 5)
    _overdue(env, "member_b", 1, year=YEAR - 1)
    url = reverse("remediation:overdue", args=[env.org.bloc.pk])
    assert f'id="member-count-{env.org.branch_b.pk}"' not in env.client("bloc_office").get(url).content.decode()
    _overdue(env, "member_b", 4, year=YEAR - 1)  # last year's 5 are shown on its overview anyway
    html = env.client("bloc_office").get(url).content.decode()
    assert _cells(html, f"member-count-{env.org.branch_b.pk}")[1] == "10"
    # The branch's committee, were it an office above too, would see its own branch's count.
    _overdue(env, "member_a", 1)
    role_assign(member=env.member("member_a2"), unit=env.org.branch_a, role=RoleKind.DEPUTY_SECRETARY, started_on=PAST)
    role_assign(member=env.member("member_a2"), unit=env.org.bloc, role=RoleKind.OFFICE_STAFF, started_on=PAST)
    html = env.client("member_a2").get(url).content.decode()
    assert _cells(html, f"member-count-{env.org.branch_a.pk}")[1] == "1"
    assert f'id="member-count-{env.org.branch_a.pk}"' not in env.client("bloc_office").get(url).content.decode()


# --- The year-end sheet --------------------------------------------------------------------------------


def test_unit_year_sheet_counts_members_exactly_only_for_the_branch_committee(env: Env) -> None:
    _overdue(env, "member_a", 1)
    _overdue(env, "member_a2", 2)
    page = reverse("remediation:unit_year", args=[env.org.branch_a.pk, YEAR])
    docx = reverse("remediation:unit_year_docx", args=[env.org.branch_a.pk, YEAR])
    own = env.client("secretary_a").get(page).content.decode()
    counts = re.sub(r"<[^>]+>", "", own.split('id="sheet-member-counts"')[1].split("</p>")[0])
    assert _numbers(counts) == ["3", "0", "0", "0", "3"]
    for name in ("bloc_office", "member_a"):  # the office above; a member of the branch (not its committee)
        above = env.client(name).get(page).content.decode()
        counts = re.sub(r"<[^>]+>", "", above.split('id="sheet-member-counts"')[1].split("</p>")[0])
        assert HIDDEN in counts and not _numbers(counts), name
        text = "\n".join(p.text for p in Document(io.BytesIO(env.client(name).get(docx).content)).paragraphs)
        line = next(p for p in text.splitlines() if HIDDEN in p and "quá hạn" in p)
        assert not _numbers(line), line
    text = "\n".join(p.text for p in Document(io.BytesIO(env.client("secretary_a").get(docx).content)).paragraphs)
    assert any("3" in line and "quá hạn" in line for line in text.splitlines() if HIDDEN not in line)
    sheet = unit_year_sheet(env.org.bloc, YEAR, today=date(2026, 10, 1))
    assert sheet.member_counts is not None and sheet.member_counts.overdue is None


@pytest.mark.django_db
def test_members_shown_reads_in_two_queries(env: Env, django_assert_num_queries: object) -> None:
    _overdue(env, "member_a", 6)
    with django_assert_num_queries(2):  # type: ignore[operator]
        shown = members_shown(env.org.bloc, YEAR, today=date(2026, 10, 1), exact_paths=())
    assert shown[env.org.branch_a.path].overdue == 6 and shown[env.org.bloc.path].overdue is None
