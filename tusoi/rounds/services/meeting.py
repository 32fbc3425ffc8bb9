"""The thematic meeting: scheduling it, recording attendance, opinions and the conclusion, closing it
(the round is then "held"), closing its minutes, and audited addenda to closed minutes."""

from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from tusoi.campaigns.models import BranchSession, SessionStatus
from tusoi.org.models import Member
from tusoi.stats.tallies import (
    tally_attendance_recorded,
    tally_meeting_closed,
    tally_opinion_added,
    tally_opinion_removed,
)

from ..models import (
    MEETING_TRANSITIONS,
    Attendance,
    AttendanceStatus,
    IntroReport,
    Meeting,
    MeetingStatus,
    MinutesAddendum,
    Opinion,
    OpinionKind,
    ReportVersion,
)
from ..selectors import attendance_summary, meeting_attendance, session_roster
from .common import branch_member_users, check_transition, lock_session, notify_on_commit, record, session_move


def _notify_schedule(meeting: Meeting, session: BranchSession, text: Any) -> None:
    notify_on_commit(
        branch_member_users(session),
        text,
        reverse("rounds:round", args=[session.pk]),
        branch=session.branch.name,
        date=date_format(meeting.date, "SHORT_DATE_FORMAT"),
        time=time_format(meeting.starts_at, "H:i"),
        place=meeting.place,
    )


def _sync_roster(meeting: Meeting, session: BranchSession) -> None:
    """One attendance row per member of the round (added, never removed)."""
    have = set(meeting.attendance.values_list("member_id", flat=True))
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member=m, is_probationary=m.is_probationary)
        for m in session_roster(session)
        if m.pk not in have
    )


@transaction.atomic
def meeting_schedule(
    *, session: BranchSession, actor: Any, date: date, starts_at: time, place: str, locality: str = ""
) -> Meeting:
    """Set the meeting's date, time and place: the round moves to "scheduled"; members are told."""
    session = lock_session(session)
    session_move(session, SessionStatus.SCHEDULED, actor=actor)
    report = IntroReport.objects.filter(session=session).first()
    meeting = Meeting(
        session=session,
        campaign_id=session.campaign_id,
        branch_path=session.branch_path,
        date=date,
        starts_at=starts_at,
        place=place.strip(),
        locality=locality.strip(),
        scheduled_by=actor,
        adopted_version=report.circulated_version if report else None,
    )
    meeting.full_clean()
    meeting.save()
    _sync_roster(meeting, session)
    record(actor, "meeting.schedule", meeting, session, detail={"date": date.isoformat()})
    _notify_schedule(
        meeting, session, _("The thematic meeting of %(branch)s is set for %(time)s on %(date)s at %(place)s.")
    )
    return meeting


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("session__branch").get(pk=meeting.pk)


def _check_amendable(meeting: Meeting) -> None:
    if not meeting.is_editable:
        raise ValidationError(_("The minutes are closed: add a correction as an addendum."), code="locked")


def _check_on_or_after_day(meeting: Meeting) -> None:
    if meeting.date > timezone.localdate():
        raise ValidationError(_("This is recorded on or after the day of the meeting."), code="early")


@transaction.atomic
def meeting_reschedule(
    *, meeting: Meeting, actor: Any, date: date, starts_at: time, place: str, locality: str
) -> Meeting:
    """Change the date, time or place of a meeting not yet held; members are told again."""
    meeting = _lock_meeting(meeting)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(_("A meeting already held cannot be rescheduled."), code="held")
    meeting.date, meeting.starts_at, meeting.place, meeting.locality = date, starts_at, place.strip(), locality.strip()
    meeting.full_clean()
    meeting.save(update_fields=["date", "starts_at", "place", "locality"])
    _sync_roster(meeting, meeting.session)
    record(actor, "meeting.reschedule", meeting, meeting.session, detail={"date": date.isoformat()})
    _notify_schedule(
        meeting,
        meeting.session,
        _("The thematic meeting of %(branch)s has been moved to %(time)s on %(date)s at %(place)s."),
    )
    return meeting


@transaction.atomic
def attendance_record(*, meeting: Meeting, actor: Any, entries: dict[int, tuple[str, str]]) -> None:
    """Record each member's attendance: {member id: (status, reason)}. Excused needs a reason."""
    meeting = _lock_meeting(meeting)
    _check_amendable(meeting)
    _check_on_or_after_day(meeting)
    rows = {a.member_id: a for a in meeting.attendance.all()}
    errors = []
    for member_id, (status, reason) in entries.items():
        row = rows.get(member_id)
        if row is None:
            continue
        if status == AttendanceStatus.EXCUSED and not reason.strip():
            errors.append(member_id)
        row.status, row.reason = status, reason.strip()[:255]
    if errors:
        raise ValidationError(_("Give the reason of each excused member."), code="reason", params={"ids": errors})
    Attendance.objects.bulk_update(rows.values(), ["status", "reason"])
    tally_attendance_recorded(meeting)
    record(actor, "meeting.attendance", meeting, meeting.session)


@transaction.atomic
def meeting_update_details(
    *, meeting: Meeting, actor: Any, chair: Member | None, secretary: Member | None, guests: str, agenda: str,
    conclusion: str, adopted_version: ReportVersion | None, ends_at: time | None,
) -> Meeting:  # fmt: skip
    """Participants, content, conclusion, the report adopted and the closing time (until locked)."""
    meeting = _lock_meeting(meeting)
    _check_amendable(meeting)
    roster = set(session_roster(meeting.session).values_list("pk", flat=True))
    for field, member in (("chair", chair), ("secretary", secretary)):
        if member is not None and member.pk not in roster:
            raise ValidationError({field: _("Choose a member of this branch.")})
    if adopted_version is not None and adopted_version.report.session_id != meeting.session_id:
        raise ValidationError({"adopted_version": _("Choose a version of this branch's report.")})
    meeting.chair, meeting.secretary, meeting.adopted_version = chair, secretary, adopted_version
    meeting.guests, meeting.agenda, meeting.conclusion = guests.strip(), agenda.strip(), conclusion.strip()
    meeting.ends_at = ends_at
    meeting.full_clean()
    meeting.save()
    record(actor, "meeting.details", meeting, meeting.session)
    return meeting


@transaction.atomic
def opinion_add(
    *, meeting: Meeting, actor: Any, kind: str, summary: str, speaker: Member | None = None,
    speaker_name: str = "", about_member: Member | None = None,
) -> Opinion:  # fmt: skip
    """Record one discussion opinion: a member present, or a guest, speaking."""
    meeting = _lock_meeting(meeting)
    _check_amendable(meeting)
    _check_on_or_after_day(meeting)
    if speaker is not None:
        present = meeting.attendance.filter(member=speaker, status=AttendanceStatus.PRESENT).exists()
        if not present:
            raise ValidationError({"speaker": _("The speaker must be recorded as present.")})
        speaker_name = ""
    elif not speaker_name.strip():
        raise ValidationError({"speaker": _("Choose the speaker, or write a guest's name.")})
    if kind == OpinionKind.CRITICISM:
        if about_member is None or (speaker is not None and about_member.pk == speaker.pk):
            raise ValidationError({"about_member": _("Choose the member criticised.")})
        if not meeting.attendance.filter(member=about_member).exists():
            raise ValidationError({"about_member": _("Choose a member of this branch.")})
    else:
        about_member = None
    position = (meeting.opinions.aggregate(m=Max("position"))["m"] or 0) + 1
    opinion = Opinion(
        meeting=meeting,
        position=position,
        speaker=speaker,
        speaker_name=speaker_name.strip(),
        kind=kind,
        about_member=about_member,
        summary=summary.strip(),
        created_by=actor,
    )
    opinion.full_clean()
    opinion.save()
    tally_opinion_added(opinion)
    record(actor, "meeting.opinion_add", opinion, meeting.session, detail={"kind": kind})
    return opinion


@transaction.atomic
def opinion_remove(*, opinion: Opinion, actor: Any) -> None:
    meeting = _lock_meeting(opinion.meeting)
    _check_amendable(meeting)
    record(actor, "meeting.opinion_remove", opinion, meeting.session, detail={"position": opinion.position})
    tally_opinion_removed(opinion)
    opinion.delete()


def _closing_problems(meeting: Meeting) -> list[str]:
    rows = meeting_attendance(meeting)
    summary = attendance_summary(rows)
    problems = []
    if meeting.date > timezone.localdate():
        problems.append(str(_("The meeting's date has not come yet.")))
    if summary.not_recorded:
        problems.append(str(_("Record the attendance of every member.")))
    elif not summary.quorum_met:
        problems.append(str(_("The quorum is not met.")))
    if meeting.chair_id is None or meeting.secretary_id is None:
        problems.append(str(_("Name the chair and the minute-taker.")))
    if not meeting.conclusion:
        problems.append(str(_("Write the chair's conclusion.")))
    if meeting.adopted_version_id is None:
        problems.append(str(_("Choose the version of the introductory report adopted.")))
    if meeting.ends_at is None:
        problems.append(str(_("Give the closing time.")))
    return problems


@transaction.atomic
def meeting_close(*, meeting: Meeting, actor: Any) -> Meeting:
    """Close the meeting: it is held, and the round is marked "held" with its date."""
    session = lock_session(meeting.session)
    meeting = _lock_meeting(meeting)
    check_transition(
        MEETING_TRANSITIONS, meeting.status, MeetingStatus.HELD, _("This meeting has already been closed.")
    )
    problems = _closing_problems(meeting)
    if problems:
        raise ValidationError(problems, code="incomplete")
    meeting.status = MeetingStatus.HELD
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["status", "closed_at"])
    session_move(session, SessionStatus.HELD, actor=actor, held_on=meeting.date)
    tally_meeting_closed(meeting)
    record(actor, "meeting.close", meeting, session, detail={"opinions": meeting.opinions.count()})
    notify_on_commit(
        branch_member_users(session),
        _("The minutes of the thematic meeting of %(branch)s are available."),
        reverse("rounds:minutes", args=[session.pk]),
        branch=session.branch.name,
    )
    return meeting


@transaction.atomic
def minutes_lock(*, meeting: Meeting, actor: Any) -> Meeting:
    """Close the minutes: from now on a correction is an addendum."""
    meeting = _lock_meeting(meeting)
    check_transition(
        MEETING_TRANSITIONS,
        meeting.status,
        MeetingStatus.LOCKED,
        _("The minutes can be closed once the meeting is closed, and only once."),
    )
    meeting.status = MeetingStatus.LOCKED
    meeting.locked_at = timezone.now()
    meeting.save(update_fields=["status", "locked_at"])
    record(actor, "meeting.minutes_lock", meeting, meeting.session)
    return meeting


@transaction.atomic
def minutes_add_addendum(*, meeting: Meeting, actor: Any, text: str) -> MinutesAddendum:
    """A dated, audited correction appended to closed minutes."""
    meeting = _lock_meeting(meeting)
    if meeting.status != MeetingStatus.LOCKED:
        raise ValidationError(_("The minutes are still open: amend them directly."), code="open")
    addendum = MinutesAddendum(meeting=meeting, text=text.strip(), created_by=actor)
    addendum.full_clean()
    addendum.save()
    record(actor, "meeting.minutes_addendum", addendum, meeting.session, detail={"text": addendum.text})
    return addendum
