"""Round enrolment for many members at once: `campaigns.services.enrolment_sync_member` in bulk.

The same rules: in published campaigns, a member's not-yet-submitted reviews in other branches'
sessions stop being expected; in every session of their current branch they are enrolled (an earlier
inactive review there is reactivated) unless they already submitted that campaign's self-review in
another branch. Members with an account go through the per-member service, which also notifies them;
the others (every member an import creates) are handled in a few queries.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from tusoi.campaigns.models import BranchSession, CampaignStatus
from tusoi.campaigns.services import enrolment_sync_member
from tusoi.core.audit import audit_event, audit_record_many
from tusoi.core.sql import insert_rows
from tusoi.org.bulk import chunked
from tusoi.org.models import Member, Unit
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.stats.tallies import tally_enrolled, tally_sessions_enrolment_synced


@transaction.atomic
def enrolment_sync_members(*, member_ids: Sequence[int], actor: Any = None) -> dict[str, int]:
    """Bring the enrolment of `member_ids` in open campaigns in line with their current branches."""
    ids = sorted(set(member_ids))
    totals = {"enrolled": 0, "deactivated": 0}
    if not ids or not BranchSession.objects.filter(campaign__status=CampaignStatus.PUBLISHED).exists():
        return totals  # no open round: nothing to enrol in, nothing to withdraw from
    with_account: set[int] = set()
    for chunk in chunked(ids):
        with_account.update(get_user_model().objects.filter(member_id__in=chunk).values_list("member_id", flat=True))
    for member in Member.objects.filter(pk__in=sorted(with_account)).select_related("branch"):
        result = enrolment_sync_member(member=member, actor=actor)
        totals["enrolled"] += result["enrolled"]
        totals["deactivated"] += result["deactivated"]
    rest = [pk for pk in ids if pk not in with_account]
    if rest:
        enrolled, deactivated = _sync_without_accounts(rest, actor)
        totals["enrolled"] += enrolled
        totals["deactivated"] += deactivated
    return totals


@transaction.atomic
def enrolment_enrol_new_members(*, branch_of: dict[int, int | None], actor: Any = None) -> int:
    """`enrolment_sync_members` for members created just now ({member id: branch id}): they have no
    account and no review yet, so they are only enrolled in the open sessions of their branches."""
    if not branch_of or not BranchSession.objects.filter(campaign__status=CampaignStatus.PUBLISHED).exists():
        return 0
    created, _reactivated = _enrol(branch_of, [])  # nothing to reactivate without reviews
    changed: dict[int, list[int]] = defaultdict(list)
    for member_id, session_id in created:
        changed[member_id].append(session_id)
    _audit(changed, branch_of, len(created), 0, actor)
    # Only new, not-submitted reviews: each session's tally counts that many more enrolled (one UPDATE
    # per session instead of recounting its reviews).
    added = Counter(session_id for _member_id, session_id in created)
    for session in BranchSession.objects.filter(pk__in=sorted(added)).only("pk"):
        tally_enrolled(session, added[session.pk])
    return len(created)


def _sync_without_accounts(ids: list[int], actor: Any) -> tuple[int, int]:
    branch_of: dict[int, int | None] = {}
    reviews: list[dict[str, Any]] = []
    for chunk in chunked(ids):
        branch_of.update(Member.objects.filter(pk__in=chunk).values_list("pk", "branch_id"))
        found = SelfReview.objects.filter(member_id__in=chunk, campaign__status=CampaignStatus.PUBLISHED)
        reviews.extend(
            dict(r)
            for r in found.values(
                "pk", "member_id", "session_id", "session__branch_id", "campaign_id", "status", "is_active"
            )
        )
    return _sync(branch_of, reviews, actor)


def _sync(branch_of: dict[int, int | None], reviews: list[dict[str, Any]], actor: Any) -> tuple[int, int]:
    """Withdraw from the sessions of other branches, enrol in those of the member's own."""
    stale = [
        r
        for r in reviews
        if r["is_active"]
        and r["status"] != ReviewStatus.SUBMITTED
        and r["session__branch_id"] != branch_of[r["member_id"]]
    ]
    for chunk in chunked([r["pk"] for r in stale]):
        SelfReview.objects.filter(pk__in=chunk).update(is_active=False)
    for review in stale:
        review["is_active"] = False
    created, reactivated = _enrol(branch_of, reviews)
    changed: dict[int, list[int]] = defaultdict(list)  # member → sessions enrolled in
    for review in stale:
        changed.setdefault(review["member_id"], [])
    for member_id, session_id in [*created, *reactivated]:
        changed[member_id].append(session_id)
    _audit(changed, branch_of, len(created) + len(reactivated), len(stale), actor)
    tally_sessions_enrolment_synced({r["session_id"] for r in stale} | {s for _m, s in [*created, *reactivated]})
    return len(created) + len(reactivated), len(stale)


def _enrol(
    branch_of: dict[int, int | None], reviews: list[dict[str, Any]]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Create or reactivate reviews in the sessions of each member's branch; (member, session) pairs."""
    sessions_by_branch: dict[int, list[dict[str, Any]]] = defaultdict(list)
    branch_ids = sorted({b for b in branch_of.values() if b is not None})
    for chunk in chunked(branch_ids):
        open_sessions = BranchSession.objects.filter(campaign__status=CampaignStatus.PUBLISHED, branch_id__in=chunk)
        for session in open_sessions.values("pk", "branch_id", "campaign_id", "branch_path"):
            sessions_by_branch[session["branch_id"]].append(dict(session))
    by_member: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for review in reviews:
        by_member[review["member_id"]].append(review)
    new: list[dict[str, Any]] = []
    reactivate: list[int] = []
    created: list[tuple[int, int]] = []
    reactivated: list[tuple[int, int]] = []
    for member_id, branch_id in branch_of.items():
        for open_session in sessions_by_branch.get(branch_id or 0, []):
            own = [r for r in by_member[member_id] if r["campaign_id"] == open_session["campaign_id"]]
            if any(
                r["is_active"] and r["status"] == ReviewStatus.SUBMITTED and r["session_id"] != open_session["pk"]
                for r in own
            ):
                continue
            here = next((r for r in own if r["session_id"] == open_session["pk"]), None)
            if here is None:
                new.append(
                    {
                        "session_id": open_session["pk"],
                        "member_id": member_id,
                        "campaign_id": open_session["campaign_id"],
                        "branch_path": open_session["branch_path"],
                    }
                )
                created.append((member_id, open_session["pk"]))
            elif not here["is_active"]:
                reactivate.append(here["pk"])
                reactivated.append((member_id, open_session["pk"]))
    insert_rows(SelfReview, new)  # the other fields as a new review has them
    for chunk in chunked(reactivate):
        SelfReview.objects.filter(pk__in=chunk).update(is_active=True)
    return created, reactivated


def _audit(
    changed: dict[int, list[int]], branch_of: dict[int, int | None], enrolled: int, deactivated: int, actor: Any
) -> None:
    """One audit row per branch, naming the members whose enrolment changed."""
    if not changed:
        return
    by_branch: dict[int | None, list[int]] = defaultdict(list)
    for member_id in changed:
        by_branch[branch_of[member_id]].append(member_id)
    units = Unit.objects.in_bulk([b for b in by_branch if b is not None])
    events = []
    for branch_id, members in by_branch.items():
        unit = units.get(branch_id) if branch_id is not None else None
        events.append(
            audit_event(
                actor=actor,
                action="campaign.enrolment_sync",
                unit_path=unit.path if unit else "",
                detail={
                    "members": members,
                    "sessions": {str(m): changed[m] for m in members},
                    "enrolled_total": enrolled,
                    "deactivated_total": deactivated,
                },
            )
        )
    audit_record_many(events)
