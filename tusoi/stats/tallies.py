"""The tally API: one call per workflow event, made by the service that records the event, INSIDE
its transaction and AFTER its own write.

Each call changes the session's `SessionTally` row in ONE statement (`UPDATE … SET n = n + 1`, or a
recount of that one session in a single UPDATE with subqueries where the event rewrites many rows at
once); a submission or a return also adds to the level and per-day tallies of every unit on the
branch's path (the branch, its committee, the bloc…), each table in one upsert (`INSERT … ON CONFLICT
… DO UPDATE SET n = n + excluded.n`). On PostgreSQL the session's UPDATE and these upserts are one
statement (`tusoi.core.sql.add_then_upsert`).
Nothing is read from `SelfReview` but the one review passed in.

A session without a tally row (e.g. created before the stats app) gets one from its raw records on
its first event, which then already includes the event itself. `manage.py rebuild_tallies --check`
compares every tally with the raw records.

Who calls what (the services named are the ones that record the event):

=====================================================  ============================================
service (after its write, same transaction)            call
=====================================================  ============================================
campaigns.services.campaign_publish                    tally_campaign_published(campaign)
campaigns.services.enrolment_sync_member               tally_member_enrolment_synced(member)
reviews.services.review_submit                         tally_review_submitted(fresh)
reviews.services.review_return                         tally_review_returned(fresh)
rounds.services.attendance_record                      tally_attendance_recorded(meeting)
rounds.services.opinion_add                            tally_opinion_added(opinion)
rounds.services.opinion_remove (BEFORE the delete)     tally_opinion_removed(opinion)
rounds.services.meeting_close                          tally_meeting_closed(meeting)
rounds.services.comment_create                         tally_comment_added(comment)
rounds.services.results_report_send                    tally_report_sent(report)
rounds.services.results_report_return                  tally_report_returned(report)
rounds.services.results_report_acknowledge             tally_report_acknowledged(report)
=====================================================  ============================================
"""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from tusoi.campaigns.models import BranchSession, Campaign, CampaignStatus
from tusoi.core.sql import Upsert, add_then_upsert
from tusoi.org.models import Member
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.rounds.models import Attendance, AttendanceStatus, Comment, Meeting, Opinion, ResultsReport

from .catalog_map import catalog_map
from .models import LevelTally, SessionTally, SubmissionDay
from .rebuild import DAY_COLUMNS, LEVEL_COLUMNS, campaign_tallies_write, session_tallies_add, unit_paths

# --- Creating the tallies of a campaign --------------------------------------------------------


def tally_campaign_published(campaign: Campaign) -> None:
    """Create the tally of every session of `campaign`, counted from the raw records.

    Call from `campaign_publish` after the sessions and self-reviews are created. A few grouped
    queries and bulk inserts (one tally row per session); calling it again rewrites them.
    """
    campaign_tallies_write(campaign)


# --- Enrolment and self-reviews ----------------------------------------------------------------


def _review_count(**filters: Any) -> Coalesce:
    rows = (
        SelfReview.objects.filter(session_id=OuterRef("session_id"), is_active=True, **filters)
        .order_by()
        .values("session_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(rows), Value(0))


def tally_member_enrolment_synced(member: Member) -> None:
    """Recount enrolled / submitted / returned in every open session where `member` has a review.

    Call at the end of `enrolment_sync_member` (it deactivates and (re)enrols in bulk). One UPDATE
    over those sessions' tally rows, each recounted from its own reviews.
    """
    sessions = SelfReview.objects.filter(member=member, campaign__status=CampaignStatus.PUBLISHED).values("session_id")
    _recount_enrolment(SessionTally.objects.filter(session_id__in=sessions))


def tally_sessions_enrolment_synced(session_ids: Iterable[int]) -> None:
    """The bulk form of `tally_member_enrolment_synced`: recount enrolled / submitted / returned in
    these sessions (one UPDATE per thousand sessions). Call after enrolling many members at once."""
    ids = sorted(set(session_ids))
    for start in range(0, len(ids), 1000):
        _recount_enrolment(SessionTally.objects.filter(session_id__in=ids[start : start + 1000]))


def _recount_enrolment(tallies: Any) -> None:
    tallies.update(
        enrolled=_review_count(),
        submitted=_review_count(status=ReviewStatus.SUBMITTED),
        returned=Coalesce(
            Subquery(
                SelfReview.objects.filter(session_id=OuterRef("session_id"), is_active=True, returned_at__isnull=False)
                .exclude(status=ReviewStatus.SUBMITTED)
                .order_by()
                .values("session_id")
                .annotate(n=Count("id"))
                .values("n")
            ),
            Value(0),
        ),
    )


def tally_enrolled(session: BranchSession, n: int) -> None:
    """`n` more (or, negative, fewer) active self-reviews in `session`, none of them submitted.

    For a service that enrols or withdraws members one by one; `tally_member_enrolment_synced`
    covers `enrolment_sync_member` as a whole.
    """
    _bump(session.pk, enrolled=F("enrolled") + n)


def tally_review_submitted(review: SelfReview) -> None:
    """A self-review has just been submitted: pass the row as stored after the submission
    (status SUBMITTED, `submitted_at` set; `returned_at` set if it had been returned before).

    submitted + 1 (returned − 1 after a return) on the session's tally, and the review's levels and
    day added on every unit of its branch's path: one statement on PostgreSQL, three on SQLite.
    """
    changes = {"submitted": 1}
    if review.returned_at is not None:
        changes["returned"] = -1
    _bump_with_answers(review, changes, 1)


def tally_review_returned(review: SelfReview) -> None:
    """A submitted self-review has just been returned for revision: pass the row as stored after the
    return (status RETURNED; its answers and `submitted_at` are still those of the submission).

    submitted − 1 and returned + 1, and its answers and day taken back out (as `tally_review_submitted`).
    """
    _bump_with_answers(review, {"submitted": -1, "returned": 1}, -1)


def _bump_with_answers(review: SelfReview, increments: dict[str, int], sign: int) -> None:
    """The session's counts changed by `increments`, and one submitted review's levels and day added
    (`sign` 1) or taken back (−1) on every unit of its branch's path. Without a tally row, it is
    created from the raw records, which already include the event."""
    args = (SessionTally, ("session_id", review.session_id), increments, _answer_rows(review, sign))
    if not add_then_upsert(*args) and not _create_tally(review.session_id):
        add_then_upsert(*args)  # created meanwhile by a concurrent event: add to it


def _answer_rows(review: SelfReview, sign: int) -> list[Upsert]:
    """The level and day tally rows of one submitted review, for every unit of its branch's path."""
    sector = review.session.branch.sector
    paths = unit_paths(review.branch_path)
    keys = catalog_map(review.campaign.catalog).level_keys(review.answers or {})
    levels = [(review.campaign_id, path, sector, *key, sign) for path in paths for key in keys]
    upserts: list[Upsert] = [(LevelTally, LEVEL_COLUMNS, levels)]
    if review.submitted_at is not None:
        day = SubmissionDay._meta.get_field("day").get_db_prep_value(
            timezone.localdate(review.submitted_at), connection
        )
        upserts.append((SubmissionDay, DAY_COLUMNS, [(review.campaign_id, path, sector, day, sign) for path in paths]))
    return upserts


# --- The meeting -------------------------------------------------------------------------------


def tally_attendance_recorded(meeting: Meeting) -> None:
    """Attendance was (re)recorded: recount the members present at the session's meeting (one UPDATE
    with a subquery over that meeting's attendance rows)."""
    present = (
        Attendance.objects.filter(meeting__session_id=OuterRef("session_id"), status=AttendanceStatus.PRESENT)
        .order_by()
        .values("meeting__session_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    _bump(meeting.session_id, present=Coalesce(Subquery(present), Value(0)))


def tally_opinion_added(opinion: Opinion) -> None:
    """One discussion opinion recorded (counted in the roll-up once the meeting is closed)."""
    _bump(opinion.meeting.session_id, opinions=F("opinions") + 1)


def tally_opinion_removed(opinion: Opinion) -> None:
    """One discussion opinion removed: call before deleting it (it reads `opinion.meeting`)."""
    _bump(opinion.meeting.session_id, opinions=F("opinions") - 1)


def tally_meeting_closed(meeting: Meeting) -> None:
    """The meeting was closed: one more meeting held; the session is held on the meeting's date."""
    _bump(meeting.session_id, meetings=F("meetings") + 1, held=Value(True), held_on=Value(meeting.date))


# --- Consultation and results report ------------------------------------------------------------


def tally_comment_added(comment: Comment) -> None:
    """One comment on the circulated draft (any kind)."""
    _bump(comment.report.session_id, comments=F("comments") + 1)


def tally_report_sent(report: ResultsReport) -> None:
    """The branch's results report was sent upward (first time or again after a return)."""
    _bump(report.session_id, report_sent=Value(True))


def tally_report_returned(report: ResultsReport) -> None:
    """The superior returned the results report: no longer counted as received until sent again."""
    _bump(report.session_id, report_sent=Value(False))


def tally_report_acknowledged(report: ResultsReport) -> None:
    """The superior acknowledged the results report."""
    _bump(report.session_id, report_acknowledged=Value(True))


# --- Statements --------------------------------------------------------------------------------


def _bump(session_id: int, **changes: Any) -> bool:
    """Apply `changes` to the session's tally in one UPDATE. Without a tally row, create it from
    the raw records (which already include the event) and return False: nothing more to add."""
    if SessionTally.objects.filter(session_id=session_id).update(**changes):
        return True
    if _create_tally(session_id):
        return False
    SessionTally.objects.filter(session_id=session_id).update(**changes)  # created meanwhile: add to it
    return True


def _create_tally(session_id: int) -> bool:
    """Create the session's tally from its raw records; False if a concurrent event created it first."""
    try:
        with transaction.atomic():
            session_tallies_add([session_id])
    except IntegrityError:
        return False
    return True
