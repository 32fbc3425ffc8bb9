"""Access to campaigns, branch sessions and self-reviews.

The promise: a self-review (answers, personal report, commitments) is readable only by its member
and by the committee of the branch where it was written. Everyone above the branch sees counts.
"""

from typing import Any

from django.db.models import Q, QuerySet

from tusoi.campaigns.models import BranchSession, Campaign, CampaignStatus
from tusoi.org.models import Unit, UnitKind
from tusoi.reviews.models import ReviewStatus, SelfReview

from .scope import user_scope


def is_branch_committee(user: Any, branch: Unit) -> bool:
    """Does the user sit on this branch's committee (secretary, deputy, committee member)?"""
    return any(u.pk == branch.pk for u in user_scope(user).branch_committee)


def can_issue_campaign(user: Any, issuer: Unit) -> bool:
    """Office staff (or committee) of the bloc or of a grassroots committee issue campaigns for it."""
    if issuer.kind not in (UnitKind.BLOC, UnitKind.COMMITTEE):
        return False
    return any(u.pk == issuer.pk for u in user_scope(user).offices)


def issuable_units(user: Any) -> list[Unit]:
    return [u for u in user_scope(user).offices if u.kind in (UnitKind.BLOC, UnitKind.COMMITTEE)]


def visible_campaigns(user: Any) -> QuerySet[Campaign]:
    """Campaigns the user takes part in or oversees: issued at or above a unit they belong to or
    manage, or issued inside a subtree they manage."""
    scope = user_scope(user)
    if not scope.authenticated:
        return Campaign.objects.none()
    q = Q(pk__in=[])
    for path in scope.managed_paths():
        q |= Q(issuer__path__startswith=path)
    units = [*scope.offices, *scope.branch_committee]
    if scope.branch is not None:
        units.append(scope.branch)
    for unit in units:
        # Issued by this unit or one of its ancestors: ancestor paths are prefixes of this path.
        ancestors = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
        q |= Q(issuer__path__in=ancestors)
    return Campaign.objects.filter(q).exclude(Q(status="draft") & ~_own_issuer_q(scope))


def _own_issuer_q(scope: Any) -> Q:
    """Drafts are seen only by the office that issues them."""
    q = Q(pk__in=[])
    for unit in scope.offices:
        q |= Q(issuer=unit)
    return q


def can_manage_campaign(user: Any, campaign: Campaign) -> bool:
    return can_issue_campaign(user, campaign.issuer)


def overseen_sessions(user: Any) -> QuerySet[BranchSession]:
    """Branch sessions whose progress the user may watch as counts: the managed subtree."""
    scope = user_scope(user)
    if scope.is_admin:
        return BranchSession.objects.none()  # administrators see no round data by virtue of the role
    q = Q(pk__in=[])
    for path in scope.managed_paths():
        q |= BranchSession.in_subtree_q(path)
    return BranchSession.objects.filter(q)


def can_oversee_unit(user: Any, unit: Unit) -> bool:
    """Aggregates of `unit`'s subtree: offices above or at it, or its own branch committee."""
    scope = user_scope(user)
    return any(unit.path.startswith(p) for p in scope.managed_paths())


def visible_self_reviews(user: Any) -> QuerySet[SelfReview]:
    """Self-reviews whose CONTENT the user may read: their own, and those written in a branch whose
    committee they sit on. Nothing else, whatever other role they hold."""
    scope = user_scope(user)
    if not scope.authenticated:
        return SelfReview.objects.none()
    q = Q(pk__in=[])
    if scope.member is not None:
        q |= Q(member=scope.member)
    if scope.branch_committee:
        q |= Q(session__branch__in=[u.pk for u in scope.branch_committee])
    return SelfReview.objects.filter(q)


def is_review_owner(user: Any, review: SelfReview) -> bool:
    member = user_scope(user).member
    return member is not None and review.member_id == member.pk


def can_read_self_review(user: Any, review: SelfReview) -> bool:
    return is_review_owner(user, review) or is_branch_committee(user, review.session.branch)


def can_edit_self_review(user: Any, review: SelfReview) -> bool:
    """The owner edits while not submitted; the branch committee may enter it on the member's behalf.
    Nobody edits it once its campaign is closed (`review.campaign` is read: load it with the review)."""
    if not review.is_active or review.status == ReviewStatus.SUBMITTED:
        return False
    if review.campaign.status == CampaignStatus.CLOSED:
        return False
    return is_review_owner(user, review) or is_branch_committee(user, review.session.branch)


def can_return_self_review(user: Any, review: SelfReview) -> bool:
    """The branch committee returns a submitted review; never its own (a conflict of interest)."""
    return (
        review.status == ReviewStatus.SUBMITTED
        and is_branch_committee(user, review.session.branch)
        and not is_review_owner(user, review)
    )
