"""Reads for a branch's round: the roster, the aggregate of the self-reviews, the attendance summary
and the counts that go upward. Callers have checked access through tusoi.policy."""

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from tusoi.campaigns.models import BranchSession
from tusoi.catalog.models import Group, Indicator, Manifestation, ScaleLevel, missing_text_placeholder
from tusoi.org.models import Member
from tusoi.reviews.models import ReviewStatus, SelfReview

from .models import (
    Attendance,
    AttendanceStatus,
    Comment,
    IntroReport,
    Meeting,
    Opinion,
    ReportSection,
    ReportVersion,
)


def session_roster(session: BranchSession) -> QuerySet[Member]:
    """The members the round concerns: in the branch now, or enrolled in the session."""
    enrolled = SelfReview.objects.filter(session=session, is_active=True).values("member")
    return Member.objects.filter(Q(branch=session.branch_id) | Q(pk__in=enrolled)).order_by("name_sort", "id")


@dataclass
class IndicatorRow:
    code: str
    text: str
    counts: list[int]


@dataclass
class ManifestationRow:
    code: str
    text: str
    counts: list[int]
    indicators: list[IndicatorRow] = field(default_factory=list)

    @property
    def identified(self) -> int:
        """Members at any level above the lowest ("none")."""
        return sum(self.counts[1:])


@dataclass
class GroupRow:
    code: str
    title: str
    members_with_any: int
    manifestations: list[ManifestationRow] = field(default_factory=list)


@dataclass
class PersonalNotes:
    """One member's other shortcomings, causes and commitments (branch-internal)."""

    member_id: int
    name: str
    other_shortcomings: str
    causes: str
    commitments: list[dict[str, Any]]


@dataclass
class Aggregate:
    enrolled: int
    submitted: int
    levels: list[tuple[str, str]]
    groups: list[GroupRow]
    notes: list[PersonalNotes]


def session_aggregate(session: BranchSession) -> Aggregate:
    """Counts from the session's submitted self-reviews, in a constant number of queries (five)."""
    catalog_id = session.campaign.catalog_id
    levels = list(ScaleLevel.objects.filter(catalog_id=catalog_id).order_by("position").values_list("code", "label"))
    rank = {code: i for i, (code, _label) in enumerate(levels)}
    groups = list(Group.objects.filter(catalog_id=catalog_id).order_by("position"))
    manifestations = list(
        Manifestation.objects.filter(catalog_id=catalog_id)
        .select_related("catalog")
        .order_by("group__position", "position")
    )
    indicators = list(
        Indicator.objects.filter(catalog_id=catalog_id)
        .values("code", "text", "manifestation_id")
        .order_by("manifestation__group__position", "manifestation__position", "position")
    )
    reviews = list(
        SelfReview.objects.filter(session=session, is_active=True).values(
            "member_id", "member__full_name", "status", "answers", "other_shortcomings", "causes", "commitments"
        )
    )
    submitted = [r for r in reviews if r["status"] == ReviewStatus.SUBMITTED]
    source = manifestations[0].catalog.source_document if manifestations else ""
    return Aggregate(
        enrolled=len(reviews),
        submitted=len(submitted),
        levels=levels,
        groups=_group_rows(groups, manifestations, indicators, submitted, rank, source),
        notes=_notes(submitted),
    )


def _group_rows(
    groups: list[Group],
    manifestations: list[Manifestation],
    indicators: list[Any],
    submitted: list[Any],
    rank: dict[str, int],
    source: str,
) -> list[GroupRow]:
    width = len(rank)
    owner = {ind["code"]: ind["manifestation_id"] for ind in indicators}
    group_of = {m.pk: m.group_id for m in manifestations}
    ind_counts = {ind["code"]: [0] * width for ind in indicators}
    man_counts = {m.pk: [0] * width for m in manifestations}
    with_any: dict[int, set[int]] = {g.pk: set() for g in groups}
    for review in submitted:
        highest: dict[int, int] = {}
        for code, value in review["answers"].items():
            level = rank.get(value)
            if level is None or code not in owner:
                continue
            ind_counts[code][level] += 1
            highest[owner[code]] = max(level, highest.get(owner[code], 0))
        for manifestation_id, level in highest.items():
            man_counts[manifestation_id][level] += 1
            if level > 0:
                with_any[group_of[manifestation_id]].add(review["member_id"])
    rows = {g.pk: GroupRow(g.code, g.title, len(with_any[g.pk])) for g in groups}
    man_rows: dict[int, ManifestationRow] = {}
    for m in manifestations:
        man_rows[m.pk] = ManifestationRow(m.code, m.display_text, man_counts[m.pk])
        rows[m.group_id].manifestations.append(man_rows[m.pk])
    for ind in indicators:
        text = ind["text"] or missing_text_placeholder("indicator", ind["code"], source)
        man_rows[ind["manifestation_id"]].indicators.append(IndicatorRow(ind["code"], text, ind_counts[ind["code"]]))
    return list(rows.values())


def _notes(submitted: list[Any]) -> list[PersonalNotes]:
    notes = [
        PersonalNotes(
            r["member_id"], r["member__full_name"], r["other_shortcomings"], r["causes"], r["commitments"] or []
        )
        for r in submitted
        if r["other_shortcomings"].strip() or r["causes"].strip() or r["commitments"]
    ]
    return sorted(notes, key=lambda n: n.name)


def report_sections(report: IntroReport) -> list[ReportSection]:
    return list(report.sections.order_by("position"))


def report_versions(report: IntroReport) -> QuerySet[ReportVersion]:
    return report.versions.select_related("created_by").order_by("-number")


def comment_threads(report: IntroReport, *, author: Member | None = None) -> QuerySet[Comment]:
    """Comments with their replies: all of them, or one author's (what a member sees)."""
    comments = report.comments.select_related("author", "about_member", "version", "applied_version")
    if author is not None:
        comments = comments.filter(author=author)
    return comments.prefetch_related("replies__author").order_by("-created_at", "-id")


def comment_counts_by_section(report: IntroReport) -> dict[str, dict[str, int]]:
    rows = report.comments.values("section_key").annotate(total=Count("id"), open=Count("id", filter=Q(status="open")))
    return {r["section_key"]: {"total": r["total"], "open": r["open"]} for r in rows}


def session_meeting(session: BranchSession) -> Meeting | None:
    return (
        Meeting.objects.filter(session=session)
        .select_related("chair", "secretary", "adopted_version", "session__branch")
        .first()
    )


def meeting_attendance(meeting: Meeting) -> list[Attendance]:
    return list(meeting.attendance.select_related("member").order_by("member__name_sort", "member_id"))


def meeting_opinions(meeting: Meeting) -> list[Opinion]:
    return list(meeting.opinions.select_related("speaker", "about_member").order_by("position", "id"))


def quorum_fraction() -> Fraction:
    """Share of the full members (not excused) who must be present, strictly exceeded (default 1/2)."""
    return Fraction(str(getattr(settings, "TUSOI_MEETING_QUORUM_FRACTION", "1/2")))


@dataclass
class AttendanceSummary:
    total: int
    full: int
    probationary: int
    present: int
    present_full: int
    excused: int
    excused_full: int
    absent_with_reason: int
    absent_without_reason: int
    not_recorded: int
    quorum_base: int
    quorum_needed: int

    @property
    def absent(self) -> int:
        return self.absent_with_reason + self.absent_without_reason

    @property
    def quorum_met(self) -> bool:
        return self.quorum_base > 0 and self.present_full >= self.quorum_needed

    @property
    def ratio_percent(self) -> int:
        return round(100 * self.present / self.total) if self.total else 0


def attendance_summary(rows: list[Attendance]) -> AttendanceSummary:
    """Counts for the minutes and the quorum rule: more than the configured share (default half) of
    the full members who are not excused must be present."""
    full = [r for r in rows if not r.is_probationary]
    excused_full = sum(1 for r in full if r.status == AttendanceStatus.EXCUSED)
    base = len(full) - excused_full
    return AttendanceSummary(
        total=len(rows),
        full=len(full),
        probationary=len(rows) - len(full),
        present=sum(1 for r in rows if r.status == AttendanceStatus.PRESENT),
        present_full=sum(1 for r in full if r.status == AttendanceStatus.PRESENT),
        excused=sum(1 for r in rows if r.status == AttendanceStatus.EXCUSED),
        excused_full=excused_full,
        absent_with_reason=sum(1 for r in rows if r.status == AttendanceStatus.ABSENT and r.reason.strip()),
        absent_without_reason=sum(1 for r in rows if r.status == AttendanceStatus.ABSENT and not r.reason.strip()),
        not_recorded=sum(1 for r in rows if r.status == AttendanceStatus.NOT_RECORDED),
        quorum_base=base,
        quorum_needed=int(base * quorum_fraction()) + 1,
    )


@dataclass
class RoundCounts:
    """The figures a results report carries upward (no names)."""

    members: int
    submitted: int
    present: int
    opinions: int
    comments: int
    meeting_date: Any


def round_counts(session: BranchSession) -> RoundCounts:
    reviews = SelfReview.objects.filter(session=session, is_active=True).aggregate(
        members=Count("id"), submitted=Count("id", filter=Q(status=ReviewStatus.SUBMITTED))
    )
    meeting = Meeting.objects.filter(session=session).first()
    present = opinions = 0
    if meeting is not None:
        present = meeting.attendance.filter(status=AttendanceStatus.PRESENT).count()
        opinions = meeting.opinions.count()
    comments = Comment.objects.filter(report__session=session).count()
    return RoundCounts(
        members=reviews["members"],
        submitted=reviews["submitted"],
        present=present,
        opinions=opinions,
        comments=comments,
        meeting_date=meeting.date if meeting else None,
    )
