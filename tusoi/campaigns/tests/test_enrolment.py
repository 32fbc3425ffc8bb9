"""Members who join or leave a branch during the round are enrolled or released, never lost."""

from datetime import date

from django.urls import reverse

from tusoi.campaigns.services import enrolment_sync_member
from tusoi.org.services import member_transfer
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.testing import make_member

from .conftest import make_campaign


def test_a_new_member_is_enrolled(org, published):
    newcomer = make_member(org.branch_a, "Ngô Thị Mai")
    assert not SelfReview.objects.filter(member=newcomer).exists()
    assert enrolment_sync_member(member=newcomer) == {"enrolled": 1, "deactivated": 0}
    review = SelfReview.objects.get(member=newcomer)
    assert review.session.branch == org.branch_a
    assert review.status == ReviewStatus.NOT_STARTED
    assert review.campaign == published
    assert review.branch_path == org.branch_a.path
    # Idempotent.
    assert enrolment_sync_member(member=newcomer) == {"enrolled": 0, "deactivated": 0}


def test_a_transferred_member_leaves_the_old_session_and_joins_the_new_one(org, published):
    member = org.users["member_a"].member
    old = SelfReview.objects.get(member=member)
    member_transfer(member=member, to_branch=org.branch_b, on=date.today())
    member.refresh_from_db()
    assert enrolment_sync_member(member=member) == {"enrolled": 1, "deactivated": 1}
    old.refresh_from_db()
    assert old.is_active is False
    new = SelfReview.objects.get(member=member, is_active=True)
    assert new.session.branch == org.branch_b
    # Counted in B now, no longer in A: the tracker of A shows them as having left.
    page = org.client_for("secretary_a").get(reverse("campaigns:tracker", args=[old.session_id])).content.decode()
    assert "đã chuyển khỏi chi bộ" in page

    # Coming back reactivates the first review rather than creating a third.
    member_transfer(member=member, to_branch=org.branch_a, on=date.today())
    member.refresh_from_db()
    enrolment_sync_member(member=member)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.is_active
    assert not new.is_active
    assert SelfReview.objects.filter(member=member).count() == 2


def test_a_submitted_review_stays_counted_where_it_was_written(org, published):
    member = org.users["member_a"].member
    SelfReview.objects.filter(member=member).update(status=ReviewStatus.SUBMITTED)
    member_transfer(member=member, to_branch=org.branch_b, on=date.today())
    member.refresh_from_db()
    assert enrolment_sync_member(member=member) == {"enrolled": 0, "deactivated": 0}
    review = SelfReview.objects.get(member=member)
    assert review.is_active
    assert review.session.branch == org.branch_a


def test_closed_and_draft_campaigns_are_left_alone(org, published, catalog):
    draft = make_campaign(org.bloc, catalog, plan_number="99-KH/ĐUK")
    newcomer = make_member(org.branch_a, "Đinh Văn Nam")
    enrolment_sync_member(member=newcomer)
    assert not SelfReview.objects.filter(member=newcomer, campaign=draft).exists()
    published.status = "closed"
    published.save(update_fields=["status"])
    other = make_member(org.branch_a, "Lý Thị Oanh")
    assert enrolment_sync_member(member=other) == {"enrolled": 0, "deactivated": 0}
