"""The minutes (biên bản) of a thematic meeting as a Word document in the Party's format (36-HD/VPTW):
superior body over the branch at top left, "ĐẢNG CỘNG SẢN VIỆT NAM" at top right, place and date,
title, Times New Roman 14 pt on A4 (the house style of tusoi.core.docx). Built with python-docx,
which writes every text literally.

`minutes_data` is also what the minutes page shows, so the page and the file say the same thing.
"""

import io
from dataclasses import dataclass
from datetime import time
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from tusoi.core.docx import (
    CENTER,
    JUSTIFY,
    add_paragraph,
    add_run,
    header_block,
    new_document,
    party_date,
    place_and_date,
    signature,
    signature_table,
)

from ..models import Attendance, AttendanceStatus, Meeting, MinutesAddendum, Opinion, OpinionKind
from ..selectors import AttendanceSummary, attendance_summary, meeting_attendance, meeting_opinions


@dataclass
class MinutesData:
    meeting: Meeting
    superior: str
    branch: str
    plan_number: str
    attendance: list[Attendance]
    summary: AttendanceSummary
    opinions: list[Opinion]
    addenda: list[MinutesAddendum]

    @property
    def present(self) -> list[Attendance]:
        return [a for a in self.attendance if a.status == AttendanceStatus.PRESENT]

    @property
    def excused(self) -> list[Attendance]:
        return [a for a in self.attendance if a.status == AttendanceStatus.EXCUSED]

    @property
    def absent(self) -> list[Attendance]:
        return [a for a in self.attendance if a.status == AttendanceStatus.ABSENT]

    @property
    def guests(self) -> list[str]:
        return [line.strip() for line in self.meeting.guests.splitlines() if line.strip()]


def minutes_data(meeting: Meeting) -> MinutesData:
    session = meeting.session
    parent = session.branch.get_parent()
    return MinutesData(
        meeting=meeting,
        superior=parent.name if parent else "",
        branch=session.branch.name,
        plan_number=session.campaign.plan_number,
        attendance=(rows := meeting_attendance(meeting)),
        summary=attendance_summary(rows),
        opinions=meeting_opinions(meeting),
        addenda=list(meeting.addenda.order_by("created_at", "id")),
    )


def party_time(value: time) -> str:
    return _("%(hour)s:%(minute)s") % {"hour": f"{value.hour:02d}", "minute": f"{value.minute:02d}"}


class _Writer:
    """The document being written, with the helpers of tusoi.core.docx bound to it."""

    def __init__(self) -> None:
        self.doc = new_document()

    def para(self, text: str = "", *, container: Any = None, space_after: int | None = None, **style: Any) -> Any:
        return add_paragraph(self.doc if container is None else container, text, after=space_after, **style)

    @staticmethod
    def run(paragraph: Any, text: str, **style: Any) -> Any:
        return add_run(paragraph, text, **style)

    def labelled(self, label: str, text: str) -> None:
        """ "Label: text" with the label in bold; a multi-line text continues in its own paragraphs."""
        lines = [line for line in text.splitlines() if line.strip()] or [""]
        paragraph = self.para(indent=True, align=JUSTIFY)
        self.run(paragraph, f"{label} ", bold=True)
        self.run(paragraph, lines[0])
        for line in lines[1:]:
            self.para(line, indent=True, align=JUSTIFY)


def _header(w: _Writer, data: MinutesData) -> None:
    header_block(
        w.doc,
        superior=data.superior.upper(),
        issuer=data.branch.upper(),
        date_line=place_and_date(data.meeting.locality, data.meeting.date),
        widths=(7.5, 9.0),
    )


def _title(w: _Writer, data: MinutesData) -> None:
    w.para("", space_after=0)
    w.para(_("MINUTES"), align=CENTER, bold=True, size=16, space_after=0)
    w.para(
        _("Thematic meeting “Self-reflection, self-correction”"), align=CENTER, bold=True,
        space_after=0,
    )  # fmt: skip
    w.para(_("(under plan no. %(plan)s)") % {"plan": data.plan_number}, align=CENTER, italic=True)


def names(rows: list[Attendance], *, with_reason: bool) -> str:
    parts = []
    for row in rows:
        if with_reason:
            reason = row.reason or _("no reason given")
            parts.append(_("%(name)s (%(reason)s)") % {"name": row.member.full_name, "reason": reason})
        else:
            parts.append(row.member.full_name)
    return "; ".join(parts) or _("none")


def attendance_lines(data: MinutesData) -> list[tuple[str, str]]:
    """(label, text) lines of the attendance block, shared by the page and the document."""
    s = data.summary
    return [
        (
            _("Members of the branch:"),
            _("%(total)s (full members: %(full)s; probationary: %(probationary)s).")
            % {"total": s.total, "full": s.full, "probationary": s.probationary},
        ),
        (
            _("Attendance:"),
            _(
                "present %(present)s; excused %(excused)s; absent %(absent)s (with reason: %(with)s; "
                "without reason: %(without)s)."
            )
            % {
                "present": s.present,
                "excused": s.excused,
                "absent": s.absent,
                "with": s.absent_with_reason,
                "without": s.absent_without_reason,
            },
        ),
        (_("Present:"), names(data.present, with_reason=False)),
        (_("Excused:"), names(data.excused, with_reason=True)),
        (_("Absent:"), names(data.absent, with_reason=True)),
    ]


def opinion_line(opinion: Opinion) -> str:
    kind = str(OpinionKind(opinion.kind).label)
    if opinion.kind == OpinionKind.CRITICISM and opinion.about_member:
        kind = _("%(kind)s: comrade %(name)s") % {"kind": kind, "name": opinion.about_member.full_name}
    if opinion.speaker_id:
        who = _("Comrade %(name)s") % {"name": opinion.speaker_label}
    else:
        who = _("%(name)s (guest)") % {"name": opinion.speaker_label}
    return _("%(number)s. %(who)s (%(kind)s):") % {"number": opinion.position, "who": who, "kind": kind}


def _body(w: _Writer, data: MinutesData) -> None:
    m = data.meeting
    w.labelled(
        _("Time:"), _("starting at %(time)s, %(date)s.") % {"time": party_time(m.starts_at), "date": party_date(m.date)}
    )
    w.labelled(_("Place:"), m.place)
    w.para(_("Participants:"), bold=True, indent=True)
    w.labelled(_("- Guests from the superior level:"), "; ".join(data.guests) or _("none"))
    w.labelled(_("- Chair:"), _("comrade %(name)s") % {"name": m.chair.full_name} if m.chair else "……")
    w.labelled(_("- Minute-taker:"), _("comrade %(name)s") % {"name": m.secretary.full_name} if m.secretary else "……")
    for label, text in attendance_lines(data):
        w.labelled(label, text)
    w.labelled(_("Content:"), m.agenda or "……")
    if m.adopted_version is not None:
        w.labelled(
            _("Introductory report:"),
            _("version %(number)s, discussed and adopted at the meeting.") % {"number": m.adopted_version.number},
        )
    w.para(_("Course of the meeting:"), bold=True, indent=True)
    for opinion in data.opinions:
        paragraph = w.para(indent=True, align=JUSTIFY)
        w.run(paragraph, opinion_line(opinion) + " ", italic=True)
        w.run(paragraph, opinion.summary)
    if not data.opinions:
        w.para(_("No opinion was recorded."), indent=True)
    w.labelled(_("Conclusion of the chair:"), m.conclusion or "……")
    if m.ends_at:
        w.para(_("The meeting ended at %(time)s the same day.") % {"time": party_time(m.ends_at)}, indent=True)
    for addendum in data.addenda:
        stamp = _("Addendum of %(date)s:") % {"date": localtime(addendum.created_at).strftime("%d/%m/%Y")}
        w.labelled(stamp, addendum.text)


def _signatures(w: _Writer, data: MinutesData) -> None:
    left, right = signature_table(w.doc)
    note = _("(signature, full name)")
    for cell, title, person in (
        (left, _("MINUTE-TAKER"), data.meeting.secretary),
        (right, _("CHAIR"), data.meeting.chair),
    ):
        signature(cell, title, note, person.full_name if person else "")


def render_minutes(meeting: Meeting) -> bytes:
    """The minutes as .docx bytes, always in Vietnamese (the language of Party documents)."""
    with translation.override(settings.LANGUAGE_CODE):
        data = minutes_data(meeting)
        w = _Writer()
        _header(w, data)
        _title(w, data)
        _body(w, data)
        _signatures(w, data)
    buffer = io.BytesIO()
    w.doc.save(buffer)
    return buffer.getvalue()
