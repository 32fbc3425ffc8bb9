"""A grassroots committee's earlier deadlines for its own branches."""

from datetime import timedelta

from django.urls import reverse

from tusoi.campaigns.models import DeadlineOverride
from tusoi.campaigns.selectors import effective_deadlines

from .conftest import make_campaign


def cascade_url(campaign, unit):
    return reverse("campaigns:cascade", args=[campaign.pk, unit.pk])


def fmt(day):
    return day.strftime("%d/%m/%Y")


def test_committee_sets_earlier_deadlines_that_its_branches_see(org, published):
    earlier = published.self_review_due - timedelta(days=3)
    client = org.client_for("committee_office")
    detail = client.get(reverse("campaigns:detail", args=[published.pk])).content.decode()
    assert cascade_url(published, org.committee_c) in detail
    response = client.post(
        cascade_url(published, org.committee_c),
        {"self_review_due": fmt(earlier), "instructions": "Các chi bộ nộp bản tự soi sớm để Đảng ủy tổng hợp."},
    )
    assert response.status_code == 302
    override = DeadlineOverride.objects.get()
    assert (override.unit, override.self_review_due, override.draft_due) == (org.committee_c, earlier, None)

    assert effective_deadlines(published, org.branch_c1)["self_review_due"] == earlier
    assert effective_deadlines(published, org.branch_c1)["draft_due"] == published.draft_due
    assert effective_deadlines(published, org.branch_a)["self_review_due"] == published.self_review_due

    mine = org.client_for("member_c1").get(reverse("campaigns:mine")).content.decode()
    assert fmt(earlier) in mine
    assert "Các chi bộ nộp bản tự soi sớm" in mine
    other = org.client_for("member_a").get(reverse("campaigns:mine")).content.decode()
    assert fmt(earlier) not in other
    assert fmt(published.self_review_due) in other


def test_a_later_deadline_is_refused(org, published):
    later = published.self_review_due + timedelta(days=1)
    response = org.client_for("committee_office").post(
        cascade_url(published, org.committee_c), {"self_review_due": fmt(later)}
    )
    assert response.status_code == 200
    assert "phải trùng hoặc sớm hơn thời hạn của cấp trên" in response.content.decode()
    assert not DeadlineOverride.objects.exists()


def test_cascaded_deadlines_must_stay_in_order(org, published):
    # A draft deadline before the (inherited) self-review deadline breaks the round's order.
    too_early_draft = published.self_review_due - timedelta(days=1)
    response = org.client_for("committee_office").post(
        cascade_url(published, org.committee_c), {"draft_due": fmt(too_early_draft)}
    )
    assert response.status_code == 200
    assert "không được sớm hơn" in response.content.decode()
    assert not DeadlineOverride.objects.exists()


def test_only_a_committee_office_below_the_issuer_cascades(org, published, catalog):
    for persona in ("bloc_office", "secretary_c1_is_missing", "secretary_a", "member_c1"):
        if persona not in org.users:
            continue
        url = cascade_url(published, org.bloc if persona == "bloc_office" else org.committee_c)
        assert org.client_for(persona).get(url).status_code == 404
    # The committee's own campaign cannot be "cascaded" by itself.
    own = make_campaign(org.committee_c, catalog, plan_number="05-KH/ĐU", publish=True)
    assert org.client_for("committee_office").get(cascade_url(own, org.committee_c)).status_code == 404
