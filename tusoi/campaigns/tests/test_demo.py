"""The demo round builder: every state present, complete submissions, accounts left with work to do."""

from datetime import date

from tusoi.campaigns.models import Campaign, CampaignStatus, DeadlineOverride
from tusoi.demo.builders.campaigns import build_demo_campaign
from tusoi.org.models import Member
from tusoi.reviews.models import ReviewStatus, SelfReview, SelfReviewVersion
from tusoi.reviews.structure import catalog_structure
from tusoi.reviews.validation import completeness_errors, review_data
from tusoi.testing import make_member

TODAY = date(2026, 11, 20)


def grow(org, per_branch=15):
    for branch in (org.branch_a, org.branch_b, org.branch_c1):
        for i in range(per_branch):
            make_member(branch, f"Đảng viên {branch.code} {i}")


def snapshot(campaign):
    return sorted(
        SelfReview.objects.filter(campaign=campaign).values_list(
            "member__card_number", "status", "answers", "commitments", "submitted_at"
        )
    )


def test_demo_round_has_every_state_and_complete_submissions(org, catalog):
    grow(org)
    campaign = build_demo_campaign(org.bloc, catalog, today=TODAY)
    assert campaign.status == CampaignStatus.PUBLISHED
    assert campaign.year == TODAY.year
    assert set(campaign.sessions.values_list("branch", flat=True)) == {
        org.branch_a.pk,
        org.branch_b.pk,
        org.branch_c1.pk,
    }
    reviews = SelfReview.objects.filter(campaign=campaign)
    assert reviews.count() == Member.objects.count()
    assert set(reviews.values_list("status", flat=True)) == set(ReviewStatus.values)

    structure = catalog_structure(catalog)
    for review in reviews.filter(status__in=[ReviewStatus.SUBMITTED, ReviewStatus.RETURNED]):
        assert completeness_errors(review_data(review), structure) == {}
        assert review.submitted_at is not None
        assert SelfReviewVersion.objects.filter(review=review, number=1).exists()
    for review in reviews.filter(status=ReviewStatus.RETURNED):
        assert review.return_reason
        assert review.returned_at is not None
        assert review.submitted_at is not None
        assert review.returned_at >= review.submitted_at
    for review in reviews.filter(status=ReviewStatus.DRAFT):
        assert 0 < len(review.answers) < len(structure.indicators) + 1
    # Most answers say "none".
    levels = [level for answers in reviews.values_list("answers", flat=True) for level in answers.values()]
    assert levels.count("none") > 0.8 * len(levels)

    # Every member with an account still has a self-review to do.
    with_account = reviews.filter(member__user__isnull=False)
    assert with_account.count() == len([u for u in org.users.values() if u.member_id])
    assert not with_account.filter(status=ReviewStatus.SUBMITTED).exists()

    # The grassroots committee set an earlier deadline for its branches.
    override = DeadlineOverride.objects.get(campaign=campaign)
    assert override.unit == org.committee_c
    assert override.self_review_due is not None
    assert campaign.self_review_due is not None
    assert override.self_review_due < campaign.self_review_due


def test_demo_round_is_deterministic(org, catalog):
    grow(org, per_branch=5)
    first = snapshot(build_demo_campaign(org.bloc, catalog, today=TODAY))
    Campaign.objects.all().delete()
    second = snapshot(build_demo_campaign(org.bloc, catalog, today=TODAY))
    assert first == second
