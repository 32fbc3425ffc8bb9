"""The branch committee's per-member tracker, and what the levels above see instead (counts only)."""

import re

from django.urls import reverse
from django.utils import timezone

from tusoi.campaigns.models import BranchSession
from tusoi.org.models import Member
from tusoi.reviews.models import ReviewStatus, SelfReview


def session_of(campaign, branch):
    return BranchSession.objects.get(campaign=campaign, branch=branch)


def count_on(page, name):
    match = re.search(rf'data-count="{name}">([^<]*)<', page)
    assert match, name
    return int(match.group(1).replace(".", ""))


def test_secretary_tracks_the_members_of_the_branch(org, published):
    session = session_of(published, org.branch_a)
    member_a = org.users["member_a"].member
    now = timezone.now()
    SelfReview.objects.filter(member=member_a).update(
        status=ReviewStatus.SUBMITTED, started_at=now, updated_at=now, submitted_at=now, answers={"I.1.a": "often"}
    )
    response = org.client_for("secretary_a").get(reverse("campaigns:tracker", args=[session.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Nguyễn Thiện Anh", "Trần Thị Bình", "Lê Văn Cường"):
        assert name in page
    assert "Đã nộp" in page
    assert "Chưa làm" in page
    assert timezone.localtime(now).strftime("%d/%m/%Y") in page
    assert "often" not in page  # states and dates only, never the answers
    review = SelfReview.objects.get(member=member_a)
    assert reverse("reviews:review_detail", args=[review.pk]) in page
    assert count_on(page, "enrolled") == 3
    assert count_on(page, "submitted") == 1
    assert 'data-count="branches"' not in page  # one branch's tracker: no "Branches: 0" card


def test_nobody_else_opens_a_branch_tracker(org, published):
    url = reverse("campaigns:tracker", args=[session_of(published, org.branch_a).pk])
    for persona in ("secretary_b", "bloc_office", "committee_office", "member_a", "admin"):
        assert org.client_for(persona).get(url).status_code == 404, persona
    other = reverse("campaigns:tracker", args=[session_of(published, org.branch_c1).pk])
    assert org.client_for("committee_office").get(other).status_code == 404


def test_upper_levels_see_counts_never_names(org, published):
    SelfReview.objects.filter(member=org.users["member_a"].member).update(status=ReviewStatus.DRAFT)
    client = org.client_for("bloc_office")
    names = list(Member.objects.filter(branch=org.branch_a).values_list("full_name", flat=True))
    for url in (
        reverse("campaigns:detail", args=[published.pk]),
        reverse("campaigns:detail", args=[published.pk]) + f"?unit={org.branch_a.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert not [name for name in names if name in page]
        assert reverse("campaigns:tracker", args=[session_of(published, org.branch_a).pk]) not in page
        assert "/reviews/" not in page  # no link to anyone's self-review
    page = client.get(reverse("campaigns:detail", args=[published.pk]) + f"?unit={org.branch_a.pk}").content.decode()
    assert count_on(page, "enrolled") == 3
    assert count_on(page, "draft") == 1


def test_drill_down_stays_inside_what_the_user_oversees(org, published):
    client = org.client_for("committee_office")
    base = reverse("campaigns:detail", args=[published.pk])
    page = client.get(base).content.decode()
    assert org.committee_c.name in page
    assert count_on(page, "enrolled") == 2  # branch C1 only
    assert client.get(f"{base}?unit={org.branch_c1.pk}").status_code == 200
    assert client.get(f"{base}?unit={org.branch_a.pk}").status_code == 404
    assert client.get(f"{base}?unit={org.bloc.pk}").status_code == 404
    assert client.get(f"{base}?unit=abc").status_code == 404


def test_secretary_reaches_the_tracker_from_the_campaign_page(org, published):
    page = org.client_for("secretary_a").get(reverse("campaigns:detail", args=[published.pk])).content.decode()
    assert reverse("campaigns:tracker", args=[session_of(published, org.branch_a).pk]) in page


def test_member_sees_own_rounds_with_state_and_deadlines(org, published):
    SelfReview.objects.filter(member=org.users["member_a"].member).update(status=ReviewStatus.RETURNED)
    page = org.client_for("member_a").get(reverse("campaigns:mine")).content.decode()
    assert published.title in page
    assert "Trả lại" in page
    assert published.self_review_due.strftime("%d/%m/%Y") in page
    review = SelfReview.objects.get(member=org.users["member_a"].member)
    assert reverse("reviews:review_edit", args=[review.pk]) in page
    assert "Lê Văn Cường" not in page


def test_plain_member_is_sent_to_own_rounds(org, published):
    response = org.client_for("member_a").get(reverse("campaigns:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:mine")
