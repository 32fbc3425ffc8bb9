"""Issue 4 in a real browser: the branch's round after the self-reviews, every step clicked from the
round's page — draft → circulate → a member comments → the committee accepts → meeting scheduled →
attendance and opinions → meeting closed → minutes closed → results report sent → the superior
acknowledges. The data is built with the services; each step is checked in the database."""

from datetime import timedelta

from django.utils import timezone

from tusoi.campaigns.models import SessionStatus
from tusoi.rounds.models import (
    Attendance,
    AttendanceStatus,
    Comment,
    CommentStatus,
    IntroReport,
    Meeting,
    MeetingStatus,
    Opinion,
    ReportStatus,
    ResultsReport,
)
from tusoi.testing import build_org

from . import steps
from .data import issue_campaign, small_catalogue, submit_review
from .helpers import PHONE, follow, go, log_in, no_horizontal_scroll, sign_in, totp_device


def test_branch_round_from_draft_to_acknowledged_report(live_server, page, new_page):
    org = build_org()
    catalog = small_catalogue()
    campaign = issue_campaign(org.bloc, catalog)
    users = org.users
    submit_review(users["secretary_a"], campaign, admits={"I.1.a": "sometimes"})
    submit_review(users["member_a"], campaign, admits={"II.1.a": "often"}, notes="Còn chậm nộp báo cáo tháng")
    submit_review(users["member_a2"], campaign)
    totp_device(users["secretary_a"])
    session = campaign.sessions.get(branch=org.branch_a)
    base, branch = live_server.url, org.branch_a.name

    # The secretary signs in (password and authenticator code) and opens the branch's round.
    log_in(page, base, users["secretary_a"])
    steps.open_round(page, base, branch)
    assert page.locator("#step-self-review").get_by_text("3/3").is_visible()
    steps.create_and_edit_draft(page, "Chi bộ duy trì nền nếp sinh hoạt, đoàn kết tốt.")
    report = IntroReport.objects.get(session=session)
    assert report.versions.count() == 2  # generated, then the committee's edit of part II
    steps.circulate(page, timezone.localdate() + timedelta(days=5))
    session.refresh_from_db()
    assert session.status == SessionStatus.CONSULTING

    # A member, on a phone, reads the draft and proposes an addition.
    member = new_page(PHONE)
    sign_in(member, base, users["member_a"])
    steps.open_round(member, base, branch)
    steps.comment(member, "Đề nghị bổ sung biểu hiện ngại va chạm trong góp ý đồng chí.")
    no_horizontal_scroll(member)
    comment = Comment.objects.get(report=report)
    assert comment.author == users["member_a"].member and comment.status == CommentStatus.OPEN

    # The committee accepts it; then schedules the meeting for today.
    steps.back_to_round(page)
    steps.accept_comment(page, "Chi ủy tiếp thu, bổ sung vào phần II.")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.ACCEPTED and comment.response
    steps.back_to_round(page)
    steps.schedule_meeting(page, timezone.localdate(), "Phòng họp tầng 3")
    meeting = Meeting.objects.get(session=session)
    assert (meeting.date, meeting.place) == (timezone.localdate(), "Phòng họp tầng 3")

    # On the day: attendance, opinions, the minutes' details; close the meeting, then the minutes.
    steps.record_attendance(page, {users["member_a2"].member.full_name: "Đi công tác"})
    statuses = dict(Attendance.objects.filter(meeting=meeting).values_list("member__full_name", "status"))
    assert statuses == {"Nguyễn Thiện Anh": "present", "Trần Thị Bình": "present", "Lê Văn Cường": "excused"}
    assert set(statuses.values()) <= set(AttendanceStatus.values)
    steps.add_opinion(page, "Trần Thị Bình", "self_criticism", "Tôi còn nể nang, ngại va chạm.")
    steps.add_opinion(page, "Nguyễn Thiện Anh", "criticism", "Đồng chí cần nộp báo cáo đúng hạn.", "Trần Thị Bình")
    assert Opinion.objects.filter(meeting=meeting).count() == 2
    steps.write_minutes(page, "Nguyễn Thiện Anh", "Trần Thị Bình", "Chi bộ thống nhất thông qua báo cáo đề dẫn.")
    steps.close_meeting_and_minutes(page)
    meeting.refresh_from_db()
    session.refresh_from_db()
    assert meeting.status == MeetingStatus.LOCKED and meeting.adopted_version is not None
    assert session.status == SessionStatus.HELD and session.held_on == timezone.localdate()

    # The member reads the closed minutes.
    steps.open_round(member, base, branch)
    follow(member, member.get_by_role("link", name="Biên bản"))
    assert "Tôi còn nể nang, ngại va chạm." in member.locator("#minutes-opinions").inner_text()

    # The results report goes up; the bloc office acknowledges it.
    steps.send_results(page, "05-BC/CB", "Buổi sinh hoạt nghiêm túc, dân chủ, thẳng thắn.", "Khắc phục bệnh nể nang")
    results = ResultsReport.objects.get(session=session)
    assert results.status == ReportStatus.SENT
    assert (results.members_count, results.submitted_count, results.present_count, results.opinions_count) == (
        3,
        3,
        2,
        2,
    )
    office = new_page()
    sign_in(office, base, users["bloc_office"])
    steps.acknowledge(office, base, branch)
    results.refresh_from_db()
    session.refresh_from_db()
    assert results.status == ReportStatus.ACKNOWLEDGED and results.decided_by == users["bloc_office"]
    assert session.status == SessionStatus.REPORTED
    go(page, f"{base}/rounds/{session.pk}/")
    assert page.locator("#results-status").inner_text() == "Cấp trên đã tiếp nhận"
