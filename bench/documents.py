"""Measurement 4: the Word documents, each built in the measuring process from the province's data
(the functions the download views call): a member's personal report over the 111-indicator
catalogue, the minutes of a branch meeting (the branch's members' attendance and eight discussion
opinions: the Bloc's 2021 round averaged 1,699 / 221 ≈ 7.7), and the Bloc's summary report."""

import time
from collections.abc import Callable
from datetime import time as clock
from typing import Any

from django.db import transaction
from django.utils import timezone

from tusoi.campaigns.models import BranchSession
from tusoi.org.models import Member
from tusoi.reviews.documents.personal_report import render_personal_report
from tusoi.reviews.models import SelfReview
from tusoi.rounds.documents.minutes import render_minutes
from tusoi.rounds.models import Attendance, AttendanceStatus, Meeting, MeetingStatus, Opinion, OpinionKind

from .figures import Figure, median, spread_of

SAMPLES = 10
OPINIONS = 8


def _timed(build: Callable[[], bytes]) -> tuple[list[float], int]:
    size = len(build())  # the first build loads templates and fonts
    times = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        build()
        times.append((time.perf_counter() - started) * 1000)
    return times, size


@transaction.atomic
def meeting_of(campaign: Any) -> Meeting:
    """A held meeting of the province's first branch: every member present but two (one excused,
    one absent), eight opinions."""
    session = BranchSession.objects.filter(campaign=campaign).order_by("branch_path").first()
    assert session is not None
    members = list(Member.objects.filter(branch_id=session.branch_id).order_by("name_sort", "id"))
    meeting = Meeting.objects.create(
        session=session,
        campaign=campaign,
        branch_path=session.branch_path,
        status=MeetingStatus.HELD,
        date=timezone.localdate(),
        starts_at=clock(14, 0),
        ends_at=clock(16, 30),
        place="Hội trường cơ quan",
        locality="Tuyên Quang",
        chair=members[0],
        secretary=members[1],
        agenda="Sinh hoạt chuyên đề tự soi, tự sửa (dữ liệu tổng hợp để đo hiệu năng)",
        conclusion="Chi bộ thống nhất các nội dung của báo cáo đề dẫn và kế hoạch khắc phục.",
        closed_at=timezone.now(),
    )
    statuses = [AttendanceStatus.PRESENT] * (len(members) - 2) + [AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT]
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member=m, status=s, reason="Đi công tác" if s == AttendanceStatus.EXCUSED else "")
        for m, s in zip(members, statuses, strict=False)
    )
    kinds = [OpinionKind.SELF_CRITICISM, OpinionKind.CRITICISM, OpinionKind.ON_REPORT, OpinionKind.PROPOSAL]
    Opinion.objects.bulk_create(
        Opinion(
            meeting=meeting,
            position=i + 1,
            speaker=members[i % len(members)],
            kind=kinds[i % len(kinds)],
            about_member=members[(i + 1) % len(members)] if kinds[i % len(kinds)] == OpinionKind.CRITICISM else None,
            summary="Đồng chí nêu rõ hạn chế của bản thân và đề xuất biện pháp khắc phục cụ thể, có thời hạn.",
        )
        for i in range(OPINIONS)
    )
    return meeting


def measure(province: Any, *, database: str) -> list[Figure]:
    from tusoi.stats.documents.summary import render_summary
    from tusoi.stats.services import summary_report_create

    review = SelfReview.objects.select_related("campaign__catalog", "session__branch", "member").get(
        pk=province.submitted_review
    )
    meeting = meeting_of(province.campaign)
    report = summary_report_create(campaign=province.campaign, unit=province.bloc, actor=province.bloc_office)
    figures = []
    for name, target, build in (
        ("personal report .docx", "<= 200", lambda: render_personal_report(review)),
        ("minutes .docx", "<= 300", lambda: render_minutes(Meeting.objects.get(pk=meeting.pk))),
        ("Bloc summary report .docx", "<= 1000", lambda: render_summary(type(report).objects.get(pk=report.pk))),
    ):
        times, size = _timed(build)
        figures.append(
            Figure(name, round(median(times), 1), "ms", target, database, spread_of(times), f"{size:,} bytes")
        )
    return figures
