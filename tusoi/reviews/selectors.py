"""Reads of self-reviews. Every fetch of a review's content goes through `visible_self_reviews`
(tusoi.policy), and every read by someone other than its member leaves an audit row."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tusoi.campaigns.models import BranchSession
from tusoi.core.audit import audit_record
from tusoi.policy import can_read_self_review, is_branch_committee, is_review_owner, user_scope, visible_self_reviews

from .models import SelfReview, SelfReviewVersion

# What a page shows beside a review; a write needs only what the policy, the catalogue and the
# tallies read (fewer joins to build and to plan on the most frequent POSTs: autosave and submit).
SHOWN = ("member", "session__branch", "campaign__catalog", "entered_by")
WRITTEN = ("session__branch", "campaign__catalog")


def review_for_reader(user: Any, pk: int, *, via: str, related: tuple[str, ...] = SHOWN) -> SelfReview:
    """The review `pk` if the user may read its content (404 otherwise, as for a missing one).

    A read by anyone but the owner (the branch committee) is written to the audit log, once per
    request, with `via` naming the page, export or partial that showed it. `related`: the relations
    loaded with it (`WRITTEN` for a request that writes it; others load when first used).
    """
    review = get_object_or_404(visible_self_reviews(user).select_related(*related), pk=pk)
    if not can_read_self_review(user, review):  # the scoped queryset already says so; belt and braces
        raise Http404
    if not is_review_owner(user, review):
        audit_record(
            actor=user,
            action="review.read",
            obj=review,
            subject_member_id=review.member_id,
            unit_path=review.session.branch.path,
            detail={"via": via},
        )
    return review


def own_reviews(user: Any) -> QuerySet[SelfReview]:
    """The user's own self-reviews, newest campaign first."""
    member = user_scope(user).member
    if member is None:
        return SelfReview.objects.none()
    return (
        visible_self_reviews(user)
        .filter(member=member)
        .select_related("campaign", "session__branch")
        .order_by("-campaign__year", "-campaign__created_at")
    )


def committee_sessions(user: Any) -> QuerySet[BranchSession]:
    """Branch sessions of the branches whose committee the user sits on."""
    branches = [u.pk for u in user_scope(user).branch_committee]
    return (
        BranchSession.objects.filter(branch__in=branches)
        .exclude(campaign__status="draft")
        .select_related("campaign", "branch")
        .order_by("-campaign__year", "-campaign__created_at")
    )


def session_for_committee(user: Any, pk: int) -> BranchSession:
    session = get_object_or_404(committee_sessions(user), pk=pk)
    if not is_branch_committee(user, session.branch):
        raise Http404
    return session


def session_reviews(user: Any, session: BranchSession) -> QuerySet[SelfReview]:
    """Who has which status in a session (names and status only are shown from this list)."""
    return (
        visible_self_reviews(user)
        .filter(session=session)
        .select_related("member", "entered_by")
        .order_by("-is_active", "member__name_sort")
    )


def review_versions(review: SelfReview) -> QuerySet[SelfReviewVersion]:
    return SelfReviewVersion.objects.filter(review=review).select_related("submitted_by").order_by("number")
