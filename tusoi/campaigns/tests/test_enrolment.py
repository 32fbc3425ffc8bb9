"""Members who join or leave a branch during the round are enrolled or released, never lost.

The organisation's services call `enrolment_sync_member` after creating or transferring a member;
these tests hold whether or not that call is wired, since the function is idempotent.
"""

from datetime import date

from django.urls import reverse

from tusoi.campaigns.services import enrolment_sync_member
from tusoi.org.models import Member
from tusoi.org.services import member_transfer
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.testing import make_member

from .conftest import make_campaign


def move(member, branch):
    """Change the member's branch without the organisation's services (no sync from them)."""
    Member.objects.filter(pk=member.pk).update(branch=branch)
    member.refresh_from_db()


def test_sync_enrols_in_the_current_branch_and_releases_the_old_one(org, published):
    member = org.users["member_a"].member
    old = SelfReview.objects.get(member=member)
    move(member, org.branch_b)
    assert enrolment_sync_member(member=member) == {"enrolled": 1, "deactivated": 1}
    old.refresh_from_db()
    assert old.is_active is False
    new = SelfReview.objects.get(member=member, is_active=True)
    assert new.session.branch == org.branch_b
    assert new.status == ReviewStatus.NOT_STARTED
    assert new.campaign == published
    assert new.branch_path == org.branch_b.path
    assert enrolment_sync_member(member=member) == {"enrolled": 0, "deactivated": 0}  # idempotent

    move(member, org.branch_a)  # coming back reactivates the first review, no third one
    assert enrolment_sync_member(member=member) == {"enrolled": 1, "deactivated": 1}
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.is_active
    assert not new.is_active
    assert SelfReview.objects.filter(member=member).count() == 2


def test_a_member_who_leaves_every_branch_is_released(org, published):
    member = org.users["member_a"].member
    move(member, None)
    assert enrolment_sync_member(member=member) == {"enrolled": 0, "deactivated": 1}
    assert not SelfReview.objects.filter(member=member, is_active=True).exists()


def test_a_new_member_is_enrolled(org, published):
    newcomer = make_member(org.branch_a, "Ngô Thị Mai")
    enrolment_sync_member(member=newcomer)
    review = SelfReview.objects.get(member=newcomer)
    assert review.session.branch == org.branch_a
    assert review.status == ReviewStatus.NOT_STARTED
    assert review.is_active
    assert enrolment_sync_member(member=newcomer) == {"enrolled": 0, "deactivated": 0}
    page = org.client_for("secretary_a").get(reverse("campaigns:tracker", args=[review.session_id])).content.decode()
    assert "Ngô Thị Mai" in page


def test_a_transferred_member_leaves_the_old_session_and_joins_the_new_one(org, published):
    member = org.users["member_a"].member
    old = SelfReview.objects.get(member=member)
    member_transfer(member=member, to_branch=org.branch_b, on=date.today())
    member.refresh_from_db()
    enrolment_sync_member(member=member)
    old.refresh_from_db()
    assert old.is_active is False
    new = SelfReview.objects.get(member=member, is_active=True)
    assert new.session.branch == org.branch_b
    # No longer expected in A: the tracker of A shows them as having left.
    page = org.client_for("secretary_a").get(reverse("campaigns:tracker", args=[old.session_id])).content.decode()
    assert "đã chuyển khỏi chi bộ" in page


def test_a_submitted_review_stays_counted_where_it_was_written(org, published):
    member = org.users["member_a"].member
    SelfReview.objects.filter(member=member).update(status=ReviewStatus.SUBMITTED)
    move(member, org.branch_b)
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
    assert not SelfReview.objects.filter(member=other).exists()
