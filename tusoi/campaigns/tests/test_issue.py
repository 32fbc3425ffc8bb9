"""Issuing a campaign: the form's rules, who may issue for which unit, and publishing."""

from datetime import timedelta

from django.urls import reverse

from tusoi.campaigns.models import BranchSession, Campaign, CampaignStatus
from tusoi.catalog.models import CatalogStatus
from tusoi.org.models import Member
from tusoi.reviews.models import ReviewStatus, SelfReview

from .conftest import deadlines, make_campaign, make_catalog


def form_data(catalog, **changes):
    data = {
        "plan_number": "31-KH/ĐUK",
        "title": "Kế hoạch sinh hoạt chuyên đề",
        "legal_bases": "Nghị quyết số 04-NQ/TW ngày 30/10/2016",
        "year": "2026",
        "period": "Quý IV/2026",
        "catalog": str(catalog.pk),
        "target_sectors": ["administrative", "public_service"],
        "target_scopes": ["grassroots", "affiliated"],
        "instructions": "",
    }
    data.update({name: day.strftime("%d/%m/%Y") for name, day in deadlines().items()})
    data.update(changes)
    return data


def test_bloc_office_creates_a_draft(org, catalog):
    client = org.client_for("bloc_office")
    url = reverse("campaigns:create", args=[org.bloc.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(catalog))
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:detail", args=[campaign.pk])
    assert campaign.issuer == org.bloc
    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.target_sectors == ["administrative", "public_service"]
    assert campaign.self_review_due == deadlines()["self_review_due"]
    assert campaign.created_by == org.users["bloc_office"]
    assert not BranchSession.objects.exists()


def test_deadlines_must_be_in_order(org, catalog):
    client = org.client_for("bloc_office")
    due = deadlines()
    late_review = (due["draft_due"] + timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("campaigns:create", args=[org.bloc.pk]), form_data(catalog, self_review_due=late_review)
    )
    assert response.status_code == 200
    assert not Campaign.objects.exists()
    assert "không được sớm hơn" in response.content.decode()


def test_plan_number_is_unique_per_issuer(org, catalog):
    make_campaign(org.bloc, catalog, plan_number="31-KH/ĐUK")
    make_campaign(org.committee_c, catalog, plan_number="31-KH/ĐUK")  # another issuer may use it
    response = org.client_for("bloc_office").post(
        reverse("campaigns:create", args=[org.bloc.pk]), form_data(catalog, plan_number="31-kh/đuk")
    )
    assert response.status_code == 200
    assert "đã ban hành một kế hoạch mang số này" in response.content.decode()
    assert Campaign.objects.count() == 2


def test_only_a_published_catalogue_can_be_pinned(org, catalog):
    draft = make_catalog(code="DRAFT", status=CatalogStatus.DRAFT)
    client = org.client_for("bloc_office")
    page = client.get(reverse("campaigns:create", args=[org.bloc.pk])).content.decode()
    assert f'value="{catalog.pk}"' in page
    assert f'value="{draft.pk}"' not in page
    response = client.post(reverse("campaigns:create", args=[org.bloc.pk]), form_data(draft))
    assert response.status_code == 200
    assert not Campaign.objects.exists()


def test_committee_office_issues_for_its_own_subtree_only(org, catalog):
    client = org.client_for("committee_office")
    assert client.get(reverse("campaigns:create", args=[org.bloc.pk])).status_code == 404
    assert client.post(reverse("campaigns:create", args=[org.bloc.pk]), form_data(catalog)).status_code == 404
    assert not Campaign.objects.exists()
    response = client.post(reverse("campaigns:create", args=[org.committee_c.pk]), form_data(catalog))
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.issuer == org.committee_c
    client.post(reverse("campaigns:publish", args=[campaign.pk]))
    assert list(BranchSession.objects.values_list("branch", flat=True)) == [org.branch_c1.pk]


def test_branch_secretary_and_member_cannot_issue(org, catalog):
    for persona in ("secretary_a", "member_a"):
        client = org.client_for(persona)
        assert client.get(reverse("campaigns:create", args=[org.bloc.pk])).status_code == 404
        assert client.get(reverse("campaigns:create", args=[org.branch_a.pk])).status_code == 404


def test_a_draft_is_seen_by_its_issuer_only(org, catalog):
    campaign = make_campaign(org.bloc, catalog)
    url = reverse("campaigns:detail", args=[campaign.pk])
    assert org.client_for("bloc_office").get(url).status_code == 200
    for persona in ("committee_office", "secretary_a", "member_a"):
        assert org.client_for(persona).get(url).status_code == 404
    assert org.client_for("committee_office").post(reverse("campaigns:publish", args=[campaign.pk])).status_code == 404
    assert Campaign.objects.get().status == CampaignStatus.DRAFT


def test_publish_opens_sessions_for_exactly_the_targeted_branches(org, catalog):
    campaign = make_campaign(org.bloc, catalog, target_sectors=["administrative", "public_service"])
    client = org.client_for("bloc_office")
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert 'id="publish-preview"' in page
    response = client.post(reverse("campaigns:publish", args=[campaign.pk]))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PUBLISHED
    assert campaign.published_at is not None
    sessions = BranchSession.objects.filter(campaign=campaign)
    assert {s.branch_id for s in sessions} == {org.branch_a.pk, org.branch_b.pk, org.branch_c1.pk}
    for session in sessions:
        members = set(Member.objects.filter(branch=session.branch).values_list("pk", flat=True))
        reviews = SelfReview.objects.filter(session=session)
        assert set(reviews.values_list("member", flat=True)) == members
        assert all(r.status == ReviewStatus.NOT_STARTED and r.is_active for r in reviews)
        assert all(r.campaign_id == campaign.pk and r.branch_path == session.branch.path for r in reviews)
    assert SelfReview.objects.filter(campaign=campaign).count() == Member.objects.count()


def test_sectors_and_scopes_select_the_branches(org, catalog):
    only_admin = make_campaign(org.bloc, catalog, plan_number="1-KH", target_sectors=["administrative"], publish=True)
    grassroots = make_campaign(
        org.bloc,
        catalog,
        plan_number="2-KH",
        target_scopes=["grassroots"],
        target_sectors=["public_service"],
        publish=True,
    )
    affiliated = make_campaign(org.bloc, catalog, plan_number="3-KH", target_scopes=["affiliated"], publish=True)
    assert set(only_admin.sessions.values_list("branch", flat=True)) == {org.branch_a.pk}
    assert set(grassroots.sessions.values_list("branch", flat=True)) == {org.branch_b.pk}
    assert set(affiliated.sessions.values_list("branch", flat=True)) == {org.branch_c1.pk}
    assert SelfReview.objects.filter(campaign=only_admin).count() == 3  # branch A's three members


def test_inactive_branches_are_not_targeted(org, catalog):
    org.branch_b.is_active = False
    org.branch_b.save(update_fields=["is_active"])
    campaign = make_campaign(org.bloc, catalog, publish=True)
    assert org.branch_b.pk not in set(campaign.sessions.values_list("branch", flat=True))


def test_publishing_twice_is_refused(org, catalog):
    campaign = make_campaign(org.bloc, catalog)
    client = org.client_for("bloc_office")
    client.post(reverse("campaigns:publish", args=[campaign.pk]))
    reviews = SelfReview.objects.count()
    response = client.post(reverse("campaigns:publish", args=[campaign.pk]), follow=True)
    assert "đã được ban hành" in response.content.decode()
    assert SelfReview.objects.count() == reviews
    assert BranchSession.objects.count() == 3


def test_published_campaign_cannot_be_edited(org, catalog):
    campaign = make_campaign(org.bloc, catalog, publish=True)
    client = org.client_for("bloc_office")
    response = client.post(reverse("campaigns:edit", args=[campaign.pk]), form_data(catalog, title="Đổi tên"))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title != "Đổi tên"


def test_draft_can_be_edited(org, catalog):
    campaign = make_campaign(org.bloc, catalog)
    client = org.client_for("bloc_office")
    response = client.post(reverse("campaigns:edit", args=[campaign.pk]), form_data(catalog, title="Tên mới"))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Tên mới"


def test_closing_stops_the_round(org, catalog):
    campaign = make_campaign(org.bloc, catalog, publish=True)
    org.client_for("bloc_office").post(reverse("campaigns:close", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED


def test_publishing_tells_enrolled_members_in_the_app(org, catalog, django_capture_on_commit_callbacks):
    from django.core import mail

    from tusoi.notifications.models import Notification

    campaign = make_campaign(org.bloc, catalog, target_sectors=["administrative"])
    with django_capture_on_commit_callbacks(execute=True):
        org.client_for("bloc_office").post(reverse("campaigns:publish", args=[campaign.pk]))
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert notified == {"secretary_a", "member_a", "member_a2"}
    assert all(campaign.plan_number in n.text for n in Notification.objects.all())
    assert mail.outbox == []
