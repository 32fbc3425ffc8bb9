"""A campaign's statistics through the API: the dashboard's selector, for the units the caller may
see; counts only, never a name; counts at a level suppressed below k above the branch."""

import pytest

from tusoi.reviews.models import ReviewStatus
from tusoi.stats import tallies
from tusoi.stats.selectors import campaign_stats

pytestmark = pytest.mark.django_db


def _submit_all_of_branch_a(world) -> None:
    for persona in ("secretary_a", "member_a", "member_a2"):
        review = world.review(persona)
        review.status = ReviewStatus.SUBMITTED
        review.answers = dict.fromkeys(["I.1.a", "I.1.b", "I.2.a", "II.1.a", "II.1.b"], "none")
        review.answers["I.1.a"] = "sometimes"
        review.save(update_fields=["status", "answers"])
    tallies.tally_campaign_published(world.campaign)  # recount every tally from the records


def test_bloc_office_gets_the_commands_object_without_names(world):
    _submit_all_of_branch_a(world)
    response = world.get("bloc_office", f"/campaigns/{world.campaign.pk}/stats")
    assert response.status_code == 200, response.content
    data = response.json()
    expected = campaign_stats(world.campaign, world.org.bloc).as_dict()
    assert data == expected
    assert data["unit"] == "BLOC"
    assert data["members"]["submitted"] == 3
    assert data["levels"]["suppressed"] is True
    indicator = data["levels"]["groups"][0]["manifestations"][0]["indicators"][0]
    assert indicator["code"] == "I.1.a"
    assert indicator["counts"]["sometimes"] is None  # 3 < k = 5
    text = response.content.decode()
    for persona in ("secretary_a", "member_a", "member_a2"):
        assert world.org.users[persona].member.full_name not in text


def test_a_unit_and_a_sector(world):
    url = f"/campaigns/{world.campaign.pk}/stats"
    by_unit = world.get("bloc_office", url, unit="DU-C").json()
    assert by_unit["unit"] == "DU-C"
    assert by_unit["affiliated_branches"]["total"] == 1
    by_sector = world.get("bloc_office", url, sector="administrative", levels=False).json()
    assert by_sector["grassroots_branches"]["total"] == 1
    assert by_sector["levels"] is None


def test_the_branch_committee_sees_its_branch_exactly(world):
    _submit_all_of_branch_a(world)
    data = world.get("secretary_a", f"/campaigns/{world.campaign.pk}/stats").json()
    assert data["unit"] == "CB-A"
    assert data["levels"]["suppressed"] is False
    indicator = data["levels"]["groups"][0]["manifestations"][0]["indicators"][0]
    assert indicator["counts"]["sometimes"] == 3


@pytest.mark.parametrize(
    ("persona", "unit"),
    [
        ("member_a", None),
        ("member_a", "CB-A"),
        ("admin", None),
        ("secretary_a", "BLOC"),
        ("secretary_a", "CB-B"),
        ("committee_office", "CB-A"),
        ("bloc_office", "NO-SUCH"),
    ],
)
def test_outside_reach_is_404(world, persona, unit):
    params = {"unit": unit} if unit else {}
    assert world.get(persona, f"/campaigns/{world.campaign.pk}/stats", **params).status_code == 404


def test_committee_office_defaults_to_its_committee(world):
    data = world.get("committee_office", f"/campaigns/{world.campaign.pk}/stats").json()
    assert data["unit"] == "DU-C"
