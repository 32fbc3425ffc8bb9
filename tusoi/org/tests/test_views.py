"""Organisation pages through HTTP: scope (404 outside it), content, search, query budgets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tusoi.org.models import Member, Sector, Unit, UnitKind
from tusoi.org.services import unit_create
from tusoi.testing import Org, make_member


def test_anonymous_is_sent_to_login(client, db: None) -> None:
    response = client.get(reverse("org:tree"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_tree_of_bloc_office_shows_every_unit_and_counts(org: Org) -> None:
    response = org.client_for("bloc_office").get(reverse("org:tree"))
    assert response.status_code == 200
    html = response.content.decode()
    for unit in Unit.objects.all():
        assert unit.name in html
    assert 'id="structure-summary"' in html
    assert 'id="count-grassroots-branches">2<' in html  # A (administrative) and B (public service)
    assert 'id="count-committees">1<' in html
    assert 'id="count-affiliated-branches">1<' in html
    assert "3 đảng viên" in html  # branch A's roster


def test_tree_of_branch_secretary_shows_only_the_branch(org: Org) -> None:
    html = org.client_for("secretary_a").get(reverse("org:tree")).content.decode()
    assert org.branch_a.name in html
    assert org.branch_b.name not in html
    assert org.committee_c.name not in html


def test_tree_filters_by_sector_and_kind(org: Org) -> None:
    client = org.client_for("admin")
    html = client.get(reverse("org:tree"), {"sector": Sector.ADMINISTRATIVE, "kind": UnitKind.BRANCH}).content.decode()
    assert org.branch_a.name in html
    assert org.branch_b.name not in html
    assert org.branch_c1.name not in html
    # An unknown filter value is ignored, not a server error.
    assert client.get(reverse("org:tree"), {"sector": "nonsense"}).status_code == 200


@pytest.mark.parametrize("url_name", ["org:tree", "org:member_search"])
def test_plain_member_has_nothing_to_manage(org: Org, url_name: str) -> None:
    response = org.client_for("member_a").get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="nothing-to-manage"' in html
    assert "Lê Văn Cường" not in html  # a fellow member of the branch: no roster for a plain member


def test_plain_member_gets_404_on_managing_pages(org: Org) -> None:
    client = org.client_for("member_a")
    own = org.users["member_a"].member
    for url in [
        reverse("org:unit", args=[org.branch_a.pk]),
        reverse("org:member", args=[own.pk]),
        reverse("org:member_edit", args=[own.pk]),
        reverse("org:member_create", args=[org.branch_a.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_secretary_gets_404_for_another_branch(org: Org) -> None:
    client = org.client_for("secretary_a")
    member_b = org.users["member_b"].member
    for url in [
        reverse("org:unit", args=[org.branch_b.pk]),
        reverse("org:unit", kwargs={"code": org.branch_b.code}),
        reverse("org:unit", args=[org.bloc.pk]),
        reverse("org:member", args=[member_b.pk]),
        reverse("org:member_edit", args=[member_b.pk]),
        reverse("org:member_transfer", args=[member_b.pk]),
        reverse("org:member_create", args=[org.branch_b.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    # POSTs are refused the same way, and change nothing.
    response = client.post(
        reverse("org:member_edit", args=[member_b.pk]), {"full_name": "Tên Mới", "card_number": "12345678"}
    )
    assert response.status_code == 404
    member_b.refresh_from_db()
    assert member_b.full_name == "Hoàng Thu Hà"


def test_unit_page_by_pk_and_by_code(org: Org) -> None:
    client = org.client_for("secretary_a")
    by_pk = client.get(reverse("org:unit", args=[org.branch_a.pk]))
    by_code = client.get(reverse("org:unit", kwargs={"code": "CB-A"}))
    assert by_pk.status_code == by_code.status_code == 200
    assert by_code.context["unit"] == org.branch_a


def test_unit_page_shows_breadcrumbs_committee_and_roster(org: Org) -> None:
    html = org.client_for("committee_office").get(reverse("org:unit", args=[org.branch_c1.pk])).content.decode()
    crumbs = html.split('id="unit-breadcrumbs"')[1].split("</ol>")[0]
    assert org.bloc.name in crumbs
    assert org.committee_c.name in crumbs
    assert f'href="{reverse("org:unit", args=[org.committee_c.pk])}"' in crumbs  # managed: a link
    assert f'href="{reverse("org:unit", args=[org.bloc.pk])}"' not in crumbs  # above the office: a name only
    assert "Đỗ Thị Lan" in html
    assert "Vũ Quốc Khánh" in html
    assert org.users["member_c1"].member.card_number in html


def test_unit_page_lists_active_committee_with_term(org: Org) -> None:
    html = org.client_for("secretary_a").get(reverse("org:unit", args=[org.branch_a.pk])).content.decode()
    committee = html.split('id="committee"')[1].split("</table>")[0]
    assert "Bí thư" in committee
    assert "Nguyễn Thiện Anh" in committee
    assert "01/01/2020" in committee


def test_unit_page_sorts_members_in_vietnamese_order(org: Org) -> None:
    make_member(org.branch_a, "Lê Bình")
    make_member(org.branch_a, "Nguyễn Thị An")
    make_member(org.branch_a, "Đinh Văn Ánh")
    html = org.client_for("secretary_a").get(reverse("org:unit", args=[org.branch_a.pk])).content.decode()
    table = html.split('id="members"')[1]
    # Given name first (An < Anh < Bình < Cường), then family and middle names; tones weigh last,
    # so "Ánh Đinh" comes before "Anh Nguyễn" (Đ < N), as ICU's "vi" collation orders them.
    order = ["Nguyễn Thị An", "Đinh Văn Ánh", "Nguyễn Thiện Anh", "Lê Bình", "Trần Thị Bình", "Lê Văn Cường"]
    positions = [table.index(name) for name in order]
    assert positions == sorted(positions)


def test_unit_page_pages_members_at_fifty(org: Org) -> None:
    for i in range(50):
        make_member(org.branch_b, f"Ngô Văn Tư{i:02d}")
    client = org.client_for("secretary_b")
    first = client.get(reverse("org:unit", args=[org.branch_b.pk]))
    assert len(first.context["members_page"].object_list) == 50
    second = client.get(reverse("org:unit", args=[org.branch_b.pk]), {"page": 2})
    assert len(second.context["members_page"].object_list) == 3
    assert 'rel="prev"' in second.content.decode()


def test_member_page_shows_personal_data_history_and_roles(org: Org) -> None:
    member = org.users["secretary_a"].member
    html = org.client_for("bloc_office").get(reverse("org:member", args=[member.pk])).content.decode()
    assert member.card_number in html
    assert org.branch_a.name in html.split('id="membership-history"')[1]
    assert "Bí thư" in html.split('id="member-roles"')[1]


def test_search_page_folds_and_is_scoped(org: Org) -> None:
    response = org.client_for("bloc_office").get(reverse("org:member_search"), {"q": "nguyen thien"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Thiện Anh" in html
    assert "Trần Thị Bình" not in html
    assert "<html" in html  # the full page without htmx
    secretary_a = org.client_for("secretary_a")
    html = secretary_a.get(reverse("org:member_search"), {"q": "hoang thu"}).content.decode()
    assert "Hoàng Thu Hà" not in html
    assert 'id="no-results"' in html


def test_search_returns_a_partial_to_htmx(org: Org) -> None:
    client = org.client_for("secretary_a")
    response = client.get(reverse("org:member_search"), {"q": "tran thi"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Trần Thị Bình" in html
    assert "HX-Request" in response["Vary"]
    # Scoped the same way as the full page.
    response = client.get(reverse("org:member_search"), {"q": "hoang"}, headers={"HX-Request": "true"})
    assert "Hoàng Thu Hà" not in response.content.decode()


def test_search_history_restore_gets_the_full_page(org: Org) -> None:
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = org.client_for("secretary_a").get(reverse("org:member_search"), {"q": "tran"}, headers=headers)
    assert "<html" in response.content.decode()


def _grow(org: Org, scale: int) -> None:
    """Add `scale` grassroots branches with members and a committee with `scale` branches."""
    committee = unit_create(
        parent=org.bloc, code=f"DU-X{scale}", name="Đảng ủy X", kind=UnitKind.COMMITTEE, sector=Sector.ADMINISTRATIVE
    )
    for i in range(scale):
        for parent in (org.bloc, committee):
            branch = unit_create(
                parent=parent,
                code=f"CB-{parent.code}-{scale}-{i}",
                name=f"Chi bộ {i}",
                kind=UnitKind.BRANCH,
                sector=Sector.PUBLIC_SERVICE,
            )
            make_member(branch, f"Nguyễn Văn Số{i}")
    for i in range(scale * 3):
        make_member(org.branch_a, f"Trần Thị Người{i}")
    org.bloc.refresh_from_db()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("persona", ["bloc_office", "admin", "secretary_a"])
def test_tree_and_unit_pages_cost_constant_queries(org: Org, persona: str) -> None:
    client = org.client_for(persona)
    urls = [reverse("org:tree"), reverse("org:unit", args=[org.branch_a.pk]), reverse("org:member_search")]
    if persona != "secretary_a":
        urls.append(reverse("org:unit", args=[org.bloc.pk]))
    _grow(org, 2)
    small = [_queries(client, url) for url in urls]
    _grow(org, 30)
    assert Member.objects.filter(branch=org.branch_a).count() > 50  # the roster is paged now
    large = [_queries(client, url) for url in urls]
    assert large == small
    assert max(large) <= 12


def test_structure_summary_only_for_a_whole_bloc(org: Org) -> None:
    html = org.client_for("committee_office").get(reverse("org:tree")).content.decode()
    assert 'id="structure-summary"' not in html
    html = org.client_for("admin").get(reverse("org:tree")).content.decode()
    assert 'id="count-committees">1<' in html
