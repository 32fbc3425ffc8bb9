"""The minutes (biên bản) of a thematic meeting as a Word document in the Party's format (36-HD/VPTW):
superior body over the branch at top left, "ĐẢNG CỘNG SẢN VIỆT NAM" at top right, place and date,
title, Times New Roman 14 pt on A4. Built with python-docx, which writes every text literally.

`minutes_data` is also what the minutes page shows, so the page and the file say the same thing.
"""

import io
import re
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..models import Attendance, AttendanceStatus, Meeting, MinutesAddendum, Opinion, OpinionKind
from ..selectors import AttendanceSummary, attendance_summary, meeting_attendance, meeting_opinions

FONT = "Times New Roman"
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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


def party_date(value: date) -> str:
    """ "ngày 05 tháng 02 năm 2022": days below 10 and months 1 and 2 take a leading zero (36-HD)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return _("day %(day)s month %(month)s year %(year)s") % {
        "day": f"{value.day:02d}",
        "month": month,
        "year": value.year,
    }


def party_time(value: time) -> str:
    return _("%(hour)s:%(minute)s") % {"hour": f"{value.hour:02d}", "minute": f"{value.minute:02d}"}


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


class _Writer:
    """Paragraph helpers over a python-docx document, all in Times New Roman."""

    def __init__(self) -> None:
        self.doc = Document()
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.line_spacing = 1.0
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)

    def para(self, text: str = "", *, container: Any = None, align: Any = None, indent: bool = False,
             space_after: int | None = None, **run: Any) -> Any:  # fmt: skip
        paragraph = (container or self.doc).add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        if text:
            self.run(paragraph, text, **run)
        return paragraph

    @staticmethod
    def run(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: int = 14,
            underline: bool = False) -> Any:  # fmt: skip
        r = paragraph.add_run(_clean(text))
        r.bold, r.italic, r.underline = bold, italic, underline
        r.font.size = Pt(size)
        r.font.name = FONT
        return r

    def labelled(self, label: str, text: str) -> None:
        """ "Label: text" with the label in bold; a multi-line text continues in its own paragraphs."""
        lines = [line for line in text.splitlines() if line.strip()] or [""]
        paragraph = self.para(indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        self.run(paragraph, f"{label} ", bold=True)
        self.run(paragraph, lines[0])
        for line in lines[1:]:
            self.para(line, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    def two_columns(self, widths: tuple[float, float]) -> tuple[Any, Any]:
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        # A row is never split across pages (the signatures stay together).
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cells = table.rows[0].cells
        for column, cell, width in zip(table.columns, cells, widths, strict=True):
            column.width = cell.width = Cm(width)
        return cells[0], cells[1]


def _header(w: _Writer, data: MinutesData) -> None:
    left, right = w.two_columns((7.5, 9.0))
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = left.paragraphs[0]
    first.alignment = center
    first.paragraph_format.space_after = Pt(0)
    w.run(first, data.superior.upper())
    w.para(data.branch.upper(), container=left, align=center, bold=True, space_after=0)
    w.para("*", container=left, align=center, space_after=0)
    top = right.paragraphs[0]
    top.alignment = center
    top.paragraph_format.space_after = Pt(0)
    w.run(top, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15, underline=True)
    w.para("", container=right, space_after=0)
    place = data.meeting.locality or "……"
    dated = _("%(place)s, %(date)s") % {"place": place, "date": party_date(data.meeting.date)}
    w.para(dated, container=right, align=center, italic=True, space_after=0)


def _title(w: _Writer, data: MinutesData) -> None:
    w.para("", space_after=0)
    w.para(_("MINUTES"), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=16, space_after=0)
    w.para(
        _("Thematic meeting “Self-reflection, self-correction”"), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True,
        space_after=0,
    )  # fmt: skip
    w.para(_("(under plan no. %(plan)s)") % {"plan": data.plan_number}, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True)


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
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
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
        paragraph = w.para(indent=True, align=justify)
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
    w.para("", space_after=0).paragraph_format.keep_with_next = True
    left, right = w.two_columns((8.0, 8.5))
    center = WD_ALIGN_PARAGRAPH.CENTER
    for cell, title, person in (
        (left, _("MINUTE-TAKER"), data.meeting.secretary),
        (right, _("CHAIR"), data.meeting.chair),
    ):
        first = cell.paragraphs[0]
        first.alignment = center
        first.paragraph_format.space_after = Pt(0)
        w.run(first, title, bold=True)
        w.para(_("(signature, full name)"), container=cell, align=center, italic=True, space_after=48)
        w.para(person.full_name if person else "", container=cell, align=center, bold=True)


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
