"""Units, members, catalogues, campaigns and branch sessions for every persona: the same scope as
the pages, and 404 outside it (as for a missing object)."""

import pytest

from tusoi.catalog.models import CatalogStatus, CatalogVersion
from tusoi.org.models import Member, Unit

pytestmark = pytest.mark.django_db

PERSONAS = ["member_a", "secretary_a", "secretary_b", "committee_office", "bloc_office", "admin"]
# Unit codes each persona manages (the organisation pages' tree).
MANAGED = {
    "member_a": set(),
    "secretary_a": {"CB-A"},
    "secretary_b": {"CB-B"},
    "committee_office": {"DU-C", "CB-C1"},
    "bloc_office": {"BLOC", "CB-A", "CB-B", "DU-C", "CB-C1"},
    "admin": {"BLOC", "CB-A", "CB-B", "DU-C", "CB-C1"},
}


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


@pytest.mark.parametrize("persona", PERSONAS)
def test_units_are_the_managed_tree(world, persona):
    response = world.get(persona, "/units/")
    assert set(codes(response)) == MANAGED[persona]
    assert response.json()["count"] == len(MANAGED[persona])
    for code in {"BLOC", "CB-A", "CB-B", "DU-C", "CB-C1"}:
        unit = Unit.objects.get(code=code)
        detail = world.get(persona, f"/units/{unit.pk}")
        assert detail.status_code == (200 if code in MANAGED[persona] else 404)


def test_units_in_tree_order_with_parents_and_subtrees(world):
    items = world.get("bloc_office", "/units/").json()["items"]
    assert [u["code"] for u in items] == ["BLOC", "CB-A", "CB-B", "DU-C", "CB-C1"]
    assert {u["code"]: u["parent"] for u in items} == {
        "BLOC": None, "CB-A": "BLOC", "CB-B": "BLOC", "DU-C": "BLOC", "CB-C1": "DU-C",
    }  # fmt: skip
    assert codes(world.get("bloc_office", "/units/", under="DU-C")) == ["DU-C", "CB-C1"]
    assert codes(world.get("bloc_office", "/units/", kind="branch", sector="public_service")) == ["CB-B", "CB-C1"]
    assert codes(world.get("bloc_office", "/units/", q="truong beta")) == ["CB-B"]
    assert codes(world.get("bloc_office", "/units/", limit=2, offset=1)) == ["CB-A", "CB-B"]
    detail = world.get("bloc_office", f"/units/{world.org.committee_c.pk}").json()
    assert detail["members"] == 2
    assert [c["code"] for c in detail["children"]] == ["CB-C1"]


def test_a_subtree_outside_reach_is_404(world):
    assert world.get("committee_office", "/units/", under="CB-A").status_code == 404
    assert world.get("committee_office", "/units/", under="NO-SUCH").status_code == 404
    assert world.get("secretary_a", "/members/", branch="CB-B").status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_members_are_the_managed_rosters(world, persona):
    response = world.get(persona, "/members/", limit=500)
    names = {m["full_name"] for m in response.json()["items"]}
    expected = set(
        Member.objects.filter(branch__code__in=MANAGED[persona] & {"CB-A", "CB-B", "CB-C1"}).values_list(
            "full_name", flat=True
        )
    )
    assert names == expected
    for member in Member.objects.all():
        detail = world.get(persona, f"/members/{member.pk}")
        assert detail.status_code == (200 if member.full_name in expected else 404)


def test_member_search_folds_diacritics_and_filters_by_branch(world):
    found = world.get("bloc_office", "/members/", q="nguyen thien").json()
    assert [m["full_name"] for m in found["items"]] == ["Nguyễn Thiện Anh"]
    assert found["items"][0]["branch"]["code"] == "CB-A"
    by_card = world.get("bloc_office", "/members/", q=found["items"][0]["card_number"]).json()
    assert by_card["count"] == 1
    in_c = world.get("bloc_office", "/members/", branch="DU-C").json()
    assert {m["full_name"] for m in in_c["items"]} == {"Vũ Quốc Khánh", "Đỗ Thị Lan"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_catalogues_published_with_their_tree(world, persona):
    draft = CatalogVersion.objects.create(code="DRAFT", version=1, title="Bản nháp", status=CatalogStatus.DRAFT)
    listing = world.get(persona, "/catalogs/").json()
    assert [c["code"] for c in listing["items"]] == ["TEST-5"]
    assert listing["items"][0]["indicators"] == 5
    detail = world.get(persona, f"/catalogs/{world.catalog.pk}").json()
    assert [lv["code"] for lv in detail["levels"]] == ["none", "sometimes", "often"]
    indicators = [i["code"] for g in detail["tree"] for m in g["manifestations"] for i in m["indicators"]]
    assert indicators == ["I.1.a", "I.1.b", "I.2.a", "II.1.a", "II.1.b"]
    assert world.get(persona, f"/catalogs/{draft.pk}").status_code == 404


def test_campaigns_visible_as_on_the_pages(world):
    from tusoi.campaigns.models import Campaign, CampaignStatus

    other = Campaign.objects.create(
        issuer=world.org.committee_c, plan_number="05-KH/ĐU", title="Kế hoạch của Đảng ủy C", year=2021,
        catalog=world.catalog, status=CampaignStatus.PUBLISHED,
    )  # fmt: skip
    draft = Campaign.objects.create(
        issuer=world.org.bloc, plan_number="99-KH/ĐUK", title="Bản nháp", year=2022, catalog=world.catalog
    )
    expected = {
        "member_a": {"31-KH/ĐUK"},
        "member_c1": {"31-KH/ĐUK", "05-KH/ĐU"},
        "secretary_b": {"31-KH/ĐUK"},
        "committee_office": {"31-KH/ĐUK", "05-KH/ĐU"},
        "bloc_office": {"31-KH/ĐUK", "05-KH/ĐU", "99-KH/ĐUK"},
        "admin": set(),
    }
    for persona, plans in expected.items():
        items = world.get(persona, "/campaigns/").json()["items"]
        assert {c["plan_number"] for c in items} == plans, persona
        for campaign in (world.campaign, other, draft):
            status = world.get(persona, f"/campaigns/{campaign.pk}").status_code
            assert status == (200 if campaign.plan_number in plans else 404), (persona, campaign)
    detail = world.get("member_a", f"/campaigns/{world.campaign.pk}").json()
    assert detail["catalog"] == world.catalog.pk
    assert detail["deadlines"]["self_review_due"] == world.campaign.self_review_due.isoformat()
    assert [c["plan_number"] for c in world.get("bloc_office", "/campaigns/", status="draft").json()["items"]] == [
        "99-KH/ĐUK"
    ]


def test_sessions_are_counts_scoped_to_what_the_persona_oversees(world):
    review = world.review("member_a")
    review.status = "submitted"
    review.save(update_fields=["status"])
    url = f"/campaigns/{world.campaign.pk}/sessions/"
    expected = {
        "member_a": [],
        "secretary_a": ["CB-A"],
        "committee_office": ["CB-C1"],
        "bloc_office": ["CB-A", "CB-B", "CB-C1"],
    }
    assert world.get("admin", url).status_code == 404  # no round data by virtue of the role
    for persona, branches in expected.items():
        response = world.get(persona, url)
        assert [s["branch"]["code"] for s in response.json()["items"]] == branches, persona
    a = world.get("bloc_office", url).json()["items"][0]
    assert a["self_reviews"] == {"enrolled": 3, "not_started": 2, "draft": 0, "submitted": 1, "returned": 0}
    assert a["status"] == "self_review"
    for name in ("Trần Thị Bình", "Nguyễn Thiện Anh"):
        assert name not in world.get("bloc_office", url).content.decode()
    assert [s["branch"]["code"] for s in world.get("bloc_office", url, under="DU-C").json()["items"]] == ["CB-C1"]
    assert world.get("committee_office", url, under="CB-A").status_code == 404
    assert world.get("member_a", "/campaigns/999999/sessions/").status_code == 404


def test_lists_page_with_limit_and_offset(world):
    first = world.get("bloc_office", "/members/", limit=3).json()
    second = world.get("bloc_office", "/members/", limit=3, offset=3).json()
    assert first["count"] == second["count"] == 8
    assert len(first["items"]) == 3 and len(second["items"]) == 3
    assert not {m["id"] for m in first["items"]} & {m["id"] for m in second["items"]}
    assert world.get("bloc_office", "/members/", limit=0).status_code == 422
    assert world.get("bloc_office", "/members/", limit=501).status_code == 422
    assert world.get("bloc_office", "/members/", offset=-1).status_code == 422


def test_errors_are_json_in_vietnamese(world):
    missing = world.get("bloc_office", "/units/999999")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Không tìm thấy."}
    invalid = world.get("bloc_office", "/units/abc")
    assert invalid.status_code == 422
    body = invalid.json()
    assert body["errors"]["id"] == ["Cần một số nguyên."]
    assert "không hợp lệ" in body["detail"]
    too_big = world.get("bloc_office", f"/units/{2**64}")
    assert too_big.status_code == 422
    assert (
        world.get("bloc_office", "/units/", kind="planet")
        .json()["errors"]["kind"][0]
        .startswith("Không thuộc các giá trị")
    )
    assert world.get("bloc_office", "/units/", q="a\x00b").status_code == 422
    assert world.get("bloc_office", "/units/", unknown="1").status_code in (200, 422)


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("bloc_office", "/units/"),
        ("bloc_office", "/members/"),
        ("bloc_office", "/campaigns/"),
        ("bloc_office", "/catalogs/"),
        ("bloc_office", "/campaigns/{campaign}/sessions/"),
        ("secretary_a", "/self-reviews/"),
    ],
)
def test_a_list_costs_the_same_queries_whatever_its_length(world, persona, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = path.format(campaign=world.campaign.pk)
    counts = []
    for limit in (2, 500):
        with CaptureQueriesContext(connection) as queries:
            assert world.get(persona, url, limit=limit).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12, counts
