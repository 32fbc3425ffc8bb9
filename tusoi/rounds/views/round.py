"""The list of the user's rounds, a round's page (its steps for the committee; what a member may
read), and the aggregate of the self-reviews."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from tusoi.campaigns.models import BranchSession, SessionStatus
from tusoi.core.audit import audit_record
from tusoi.policy import editable_template_units, round_sessions, user_scope
from tusoi.reviews.models import ReviewStatus

from ..models import Comment, IntroReport, MeetingStatus, ResultsReport
from ..selectors import session_aggregate, session_meeting
from ..services import consultation_open
from .common import member_of, round_view

STEP_ORDER = [s.value for s in SessionStatus]


@login_required
@never_cache
def index(request: HttpRequest) -> HttpResponse:
    """The rounds the user runs or takes part in, and links to the inbox and templates."""
    sessions = (
        round_sessions(request.user)
        .select_related("branch", "campaign")
        .order_by("-campaign__year", "-campaign__created_at", "branch_path")
    )
    scope = user_scope(request.user)
    committee_ids = {u.pk for u in scope.branch_committee}
    return render(
        request,
        "rounds/index.html",
        {
            "sessions": [(s, s.branch_id in committee_ids) for s in sessions],
            "has_inbox": bool(scope.offices),
            "has_templates": bool(editable_template_units(request.user)),
        },
    )


def _step_states(session: BranchSession) -> list[str]:
    """State of the five steps (self-reviews, draft, consultation, meeting, results report)."""
    index = STEP_ORDER.index(session.status)
    return ["done" if index > i else "current" if index == i else "todo" for i in range(5)]


@round_view(committee=False)
def round_page(request: HttpRequest, session: BranchSession) -> HttpResponse:
    report = IntroReport.objects.filter(session=session).select_related("circulated_version").first()
    meeting = session_meeting(session)
    if not request.runs_round:  # type: ignore[attr-defined]
        return _member_page(request, session, report, meeting)
    reviews = session.reviews.filter(is_active=True).aggregate(
        enrolled=Count("id"), submitted=Count("id", filter=Q(status=ReviewStatus.SUBMITTED))
    )
    comments = Comment.objects.filter(report__session=session).aggregate(
        total=Count("id"), open=Count("id", filter=Q(status="open"))
    )
    context = {
        "session": session,
        "steps": _step_states(session),
        "reviews": reviews,
        "report": report,
        "comments": comments,
        "meeting": meeting,
        "results": ResultsReport.objects.filter(session=session).first(),
        "Status": SessionStatus,
    }
    return render(request, "rounds/round.html", context)


def _member_page(
    request: HttpRequest, session: BranchSession, report: IntroReport | None, meeting: object
) -> HttpResponse:
    member = member_of(request, session)
    mine = Comment.objects.filter(report__session=session, author=member).count()
    return render(
        request,
        "rounds/round_member.html",
        {
            "session": session,
            "report": report,
            "circulated": report is not None and report.circulated_version_id is not None,
            "consultation_open": report is not None and consultation_open(report),
            "my_comments": mine,
            "meeting": meeting,
            "minutes_available": meeting is not None and meeting.status != MeetingStatus.SCHEDULED,  # type: ignore[attr-defined]
        },
    )


@round_view(committee=True)
def aggregate(request: HttpRequest, session: BranchSession) -> HttpResponse:
    """Counts per indicator, manifestation and group, and the members' other shortcomings and
    commitments. Reading those personal notes is audited, one row per member shown."""
    data = session_aggregate(session)
    for note in data.notes:
        audit_record(
            actor=request.user,
            action="self_review.read_notes",
            subject_member_id=note.member_id,
            unit_path=session.branch_path,
            detail={"session": session.pk, "page": "rounds.aggregate"},
        )
    return render(request, "rounds/aggregate.html", {"session": session, "data": data})
