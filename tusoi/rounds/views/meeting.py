"""The thematic meeting: schedule it; on the day record attendance, opinions and the conclusion; close
it; close its minutes; read the minutes as a page or a Word file."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tusoi.campaigns.models import BranchSession, SessionStatus
from tusoi.core.text import fold
from tusoi.org.models import Member

from ..documents.minutes import attendance_lines, minutes_data, opinion_line, render_minutes
from ..forms import AddendumForm, AttendanceForm, DetailsForm, OpinionForm, ScheduleForm
from ..models import AttendanceStatus, Meeting, MeetingStatus, Opinion
from ..selectors import attendance_summary, meeting_attendance, meeting_opinions, quorum_fraction, session_roster
from ..services import (
    attendance_record,
    meeting_close,
    meeting_reschedule,
    meeting_schedule,
    meeting_update_details,
    minutes_add_addendum,
    minutes_lock,
    opinion_add,
    opinion_remove,
)
from .common import attach_errors, flash_errors, round_view


def _meeting(session: BranchSession) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("chair", "secretary", "adopted_version", "session__branch", "session__campaign"),
        session=session,
    )


@round_view(committee=True)
def schedule(request: HttpRequest, session: BranchSession) -> HttpResponse:
    """Set (or move) the meeting's date, time and place; members are notified."""
    meeting = Meeting.objects.filter(session=session).first()
    if meeting is None and session.status != SessionStatus.CONSULTING:
        messages.error(request, _("The meeting is scheduled once the draft has been circulated for comments."))
        return redirect("rounds:round", session.pk)
    if meeting is not None and meeting.status != MeetingStatus.SCHEDULED:
        raise Http404
    initial = {}
    if meeting is not None:
        initial = {
            "date": meeting.date,
            "starts_at": meeting.starts_at,
            "place": meeting.place,
            "locality": meeting.locality,
        }
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if meeting is None:
                meeting_schedule(session=session, actor=request.user, **form.cleaned_data)
            else:
                meeting_reschedule(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The meeting is scheduled and the members have been notified."))
            return redirect("rounds:meeting", session.pk)
    return render(request, "rounds/schedule.html", {"session": session, "meeting": meeting, "form": form})


def _present(meeting: Meeting) -> Any:
    ids = meeting.attendance.filter(status=AttendanceStatus.PRESENT).values("member")
    return Member.objects.filter(pk__in=ids).order_by("name_sort")


def _render_meeting(request: HttpRequest, session: BranchSession, meeting: Meeting, **forms: Any) -> HttpResponse:
    rows = meeting_attendance(meeting)
    roster = session_roster(session)
    context = {
        "session": session,
        "meeting": meeting,
        "summary": attendance_summary(rows),
        "fraction": quorum_fraction(),
        "opinions": [(o, opinion_line(o)) for o in meeting_opinions(meeting)],
        "attendance_form": forms.get("attendance_form") or AttendanceForm(rows=rows),
        "details_form": forms.get("details_form")
        or DetailsForm(
            meeting=meeting,
            roster=roster,
            initial={
                "chair": meeting.chair_id,
                "secretary": meeting.secretary_id,
                "guests": meeting.guests,
                "agenda": meeting.agenda,
                "conclusion": meeting.conclusion,
                "adopted_version": meeting.adopted_version_id,
                "ends_at": meeting.ends_at,
            },
        ),
        "opinion_form": forms.get("opinion_form") or OpinionForm(present=_present(meeting), roster=roster),
        "addendum_form": forms.get("addendum_form") or AddendumForm(),
        "addenda": meeting.addenda.select_related("created_by"),
    }
    return render(request, "rounds/meeting.html", context, status=400 if forms else 200)


@round_view(committee=True)
def meeting(request: HttpRequest, session: BranchSession) -> HttpResponse:
    return _render_meeting(request, session, _meeting(session))


@require_POST
@round_view(committee=True)
def attendance(request: HttpRequest, session: BranchSession) -> HttpResponse:
    meeting = _meeting(session)
    form = AttendanceForm(request.POST, rows=meeting_attendance(meeting))
    if form.is_valid():
        try:
            attendance_record(meeting=meeting, actor=request.user, entries=form.entries())
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("rounds:meeting", session.pk)
    return _render_meeting(request, session, meeting, attendance_form=form)


@require_POST
@round_view(committee=True)
def details(request: HttpRequest, session: BranchSession) -> HttpResponse:
    meeting = _meeting(session)
    form = DetailsForm(request.POST, meeting=meeting, roster=session_roster(session))
    if form.is_valid():
        try:
            meeting_update_details(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The minutes have been saved."))
            return redirect("rounds:meeting", session.pk)
    return _render_meeting(request, session, meeting, details_form=form)


@require_POST
@round_view(committee=True)
def opinion_create(request: HttpRequest, session: BranchSession) -> HttpResponse:
    meeting = _meeting(session)
    form = OpinionForm(request.POST, present=_present(meeting), roster=session_roster(session))
    if form.is_valid():
        try:
            opinion_add(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Opinion recorded."))
            return redirect(reverse("rounds:meeting", args=[session.pk]) + "#opinions")
    return _render_meeting(request, session, meeting, opinion_form=form)


@require_POST
@round_view(committee=True)
def opinion_delete(request: HttpRequest, session: BranchSession, opinion_id: int) -> HttpResponse:
    opinion = get_object_or_404(Opinion, pk=opinion_id, meeting__session=session)
    try:
        opinion_remove(opinion=opinion, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Opinion removed."))
    return redirect("rounds:meeting", session.pk)


@require_POST
@round_view(committee=True)
def close(request: HttpRequest, session: BranchSession) -> HttpResponse:
    try:
        meeting_close(meeting=_meeting(session), actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The meeting is closed and the round is marked as held."))
    return redirect("rounds:meeting", session.pk)


@require_POST
@round_view(committee=True)
def lock(request: HttpRequest, session: BranchSession) -> HttpResponse:
    try:
        minutes_lock(meeting=_meeting(session), actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The minutes are closed. Later corrections are added as addenda."))
    return redirect("rounds:meeting", session.pk)


@require_POST
@round_view(committee=True)
def addendum(request: HttpRequest, session: BranchSession) -> HttpResponse:
    meeting = _meeting(session)
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            minutes_add_addendum(meeting=meeting, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The addendum has been added to the minutes."))
            return redirect("rounds:meeting", session.pk)
    return _render_meeting(request, session, meeting, addendum_form=form)


def _readable_meeting(request: HttpRequest, session: BranchSession) -> Meeting:
    """The committee reads the minutes at any time; members once the meeting has been closed."""
    meeting = _meeting(session)
    if not request.runs_round and meeting.status == MeetingStatus.SCHEDULED:  # type: ignore[attr-defined]
        raise Http404
    return meeting


@round_view(committee=False)
def minutes(request: HttpRequest, session: BranchSession) -> HttpResponse:
    data = minutes_data(_readable_meeting(request, session))
    return render(
        request,
        "rounds/minutes.html",
        {
            "session": session,
            "data": data,
            "attendance_lines": attendance_lines(data),
            "opinions": [(o, opinion_line(o)) for o in data.opinions],
        },
    )


@round_view(committee=False)
def minutes_docx(request: HttpRequest, session: BranchSession) -> HttpResponse:
    meeting = _readable_meeting(request, session)
    response = HttpResponse(
        render_minutes(meeting),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"bien-ban-{slugify(fold(session.branch.code))}-{meeting.date:%Y%m%d}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
