"""The results report a branch sends to its superior: written, sent (counts frozen, locked), then
acknowledged or returned with a reason; a returned report is edited and sent again."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tusoi.campaigns.models import BranchSession, SessionStatus
from tusoi.core.text import fold
from tusoi.stats.tallies import tally_report_acknowledged, tally_report_returned, tally_report_sent

from ..models import REPORT_TRANSITIONS, Meeting, MeetingStatus, ReportStatus, ResultsReport
from ..selectors import round_counts, session_roster
from .common import check_transition, lock_session, notify_on_commit, record, session_move, unit_role_users

_REPORTABLE = (SessionStatus.HELD, SessionStatus.REPORTED)


def _check_no_names(session: BranchSession, **texts: str) -> None:
    """What goes upward names no member: refuse a text that contains a member's full name."""
    errors: dict[str, Any] = {}
    folded = {name: f" {_words(text)} " for name, text in texts.items()}
    for full_name in session_roster(session).values_list("full_name", flat=True):
        needle = _words(full_name)
        for name, text in folded.items():
            if needle and f" {needle} " in text and name not in errors:
                errors[name] = _("The report sent upward must not name members (found: %(name)s).") % {
                    "name": full_name
                }
    if errors:
        raise ValidationError(errors)


def _words(text: str) -> str:
    return " ".join(re.split(r"\W+", fold(text))).strip()


@transaction.atomic
def results_report_save(
    *, session: BranchSession, actor: Any, number: str, general_assessment: str, remediation_headlines: str
) -> ResultsReport:
    """Write or revise the report while it is a draft or has been returned."""
    session = lock_session(session)
    if session.status not in _REPORTABLE:
        raise ValidationError(_("The results report is written after the meeting has been held."), code="early")
    report = ResultsReport.objects.select_for_update().filter(session=session).first()
    if report is None:
        report = ResultsReport(session=session, campaign_id=session.campaign_id, branch_path=session.branch_path)
    elif not report.is_editable:
        raise ValidationError(_("A report that has been sent cannot be changed."), code="sent")
    _check_no_names(session, general_assessment=general_assessment, remediation_headlines=remediation_headlines)
    report.number = number.strip()
    report.general_assessment = general_assessment.strip()
    report.remediation_headlines = remediation_headlines.strip()
    report.full_clean()
    report.save()
    record(actor, "results.save", report, session)
    return report


@transaction.atomic
def results_report_send(*, report: ResultsReport, actor: Any) -> ResultsReport:
    """Send the report upward: counts are frozen now and the report is locked."""
    session = lock_session(report.session)
    report = ResultsReport.objects.select_for_update().get(pk=report.pk)
    check_transition(REPORT_TRANSITIONS, report.status, ReportStatus.SENT, _("This report has already been sent."))
    meeting = Meeting.objects.filter(session=session).first()
    if meeting is None or meeting.status != MeetingStatus.LOCKED:
        raise ValidationError(_("Close the minutes before sending the results report."), code="minutes_open")
    _check_no_names(
        session, general_assessment=report.general_assessment, remediation_headlines=report.remediation_headlines
    )
    counts = round_counts(session)
    report.members_count, report.submitted_count = counts.members, counts.submitted
    report.present_count, report.opinions_count = counts.present, counts.opinions
    report.comments_count, report.meeting_date = counts.comments, counts.meeting_date
    report.status = ReportStatus.SENT
    report.sent_at, report.sent_by = timezone.now(), actor
    report.send_count += 1
    report.decided_at, report.decided_by = None, None
    report.save()
    if session.status == SessionStatus.HELD:
        session_move(session, SessionStatus.REPORTED, actor=actor)
    tally_report_sent(report)
    record(actor, "results.send", report, session, detail={"times": report.send_count})
    parent = session.branch.get_parent()
    if parent is not None:
        notify_on_commit(
            unit_role_users(parent),
            _("%(branch)s has sent its results report on the thematic meeting."),
            reverse("rounds:results_detail", args=[report.pk]),
            branch=session.branch.name,
        )
    return report


def _decide(report: ResultsReport, actor: Any, target: str, reason: str = "") -> ResultsReport:
    report = ResultsReport.objects.select_for_update().select_related("session__branch").get(pk=report.pk)
    check_transition(
        REPORT_TRANSITIONS,
        report.status,
        target,
        _("Only a report that has been sent can be acknowledged or returned."),
    )
    report.status = target
    report.decided_at, report.decided_by = timezone.now(), actor
    report.return_reason = reason
    report.save(update_fields=["status", "decided_at", "decided_by", "return_reason", "updated_at"])
    record(actor, f"results.{target}", report, report.session, detail={"reason": reason} if reason else None)
    return report


@transaction.atomic
def results_report_acknowledge(*, report: ResultsReport, actor: Any) -> ResultsReport:
    report = _decide(report, actor, ReportStatus.ACKNOWLEDGED)
    tally_report_acknowledged(report)
    notify_on_commit(
        unit_role_users(report.session.branch, committee_only=True),
        _("The superior has acknowledged the results report of %(branch)s."),
        reverse("rounds:results", args=[report.session_id]),
        branch=report.session.branch.name,
    )
    return report


@transaction.atomic
def results_report_return(*, report: ResultsReport, actor: Any, reason: str) -> ResultsReport:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for returning the report.")})
    report = _decide(report, actor, ReportStatus.RETURNED, reason.strip())
    tally_report_returned(report)
    notify_on_commit(
        unit_role_users(report.session.branch, committee_only=True),
        _("The superior has returned the results report of %(branch)s for revision."),
        reverse("rounds:results", args=[report.session_id]),
        branch=report.session.branch.name,
    )
    return report
