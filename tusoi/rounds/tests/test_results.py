"""The results report upward: written, sent once (counts frozen), acknowledged or returned and resent."""

from django.urls import reverse

from tusoi.notifications.models import Notification
from tusoi.rounds.models import Comment, ReportStatus, ResultsReport

from .conftest import RoundEnv


def _held_and_locked(env: RoundEnv) -> None:
    env.create_draft()
    env.circulate()
    env.comment("member_a", "Góp ý phần II")
    env.schedule()
    env.attend({"member_a2": ("absent", "")})
    env.opinion("member_a", "self_criticism", "Tôi còn nể nang.")
    env.opinion("secretary_a", "on_report", "Báo cáo sát thực tế.")
    env.details()
    env.close_meeting()
    env.lock_minutes()


def test_the_results_report_waits_for_the_meeting(env: RoundEnv) -> None:
    env.create_draft()
    assert env.write_results().status_code == 302
    assert not ResultsReport.objects.exists()
    assert env.refresh().status == "drafting"


def test_sending_freezes_the_counts_locks_the_report_and_marks_the_round_reported(
    env: RoundEnv, django_capture_on_commit_callbacks
) -> None:
    _held_and_locked(env)
    round_page = env.client("secretary_a").get(env.url("round")).content.decode()
    assert 'id="link-results"' in round_page
    with django_capture_on_commit_callbacks(execute=True):
        assert env.write_results(send=True).status_code == 302
    report = ResultsReport.objects.get()
    assert report.status == ReportStatus.SENT
    assert env.refresh().status == "reported"
    figures = (report.members_count, report.submitted_count, report.present_count, report.opinions_count)
    assert figures == (3, 2, 2, 2)
    assert report.comments_count == 1
    assert report.meeting_date == env.session.held_on
    assert Notification.objects.filter(user__username="bloc_office", text__contains="Chi bộ Sở Alpha").exists()
    # Later changes do not move the frozen figures; the report cannot be edited or sent twice.
    circulated = env.report.circulated_version
    assert circulated is not None
    Comment.objects.create(
        report=env.report, branch_path=env.session.branch_path, version=circulated,
        section_key="views", text="muộn", author=env.member("member_a2"),
    )  # fmt: skip
    assert env.write_results(general_assessment="Sửa sau khi gửi").status_code == 200
    assert env.write_results(send=True).status_code == 200
    report.refresh_from_db()
    assert (report.comments_count, report.send_count) == (1, 1)
    assert report.general_assessment == "Buổi sinh hoạt nghiêm túc, dân chủ."


def test_the_minutes_are_closed_before_the_report_is_sent(env: RoundEnv) -> None:
    env.hold()
    response = env.write_results(send=True)
    assert response.status_code == 200
    assert "Đề nghị khóa biên bản trước khi gửi báo cáo kết quả." in response.content.decode()
    assert ResultsReport.objects.get().status == ReportStatus.DRAFT  # the draft was kept
    assert env.refresh().status == "held"


def test_a_report_naming_a_member_is_refused(env: RoundEnv) -> None:
    _held_and_locked(env)
    response = env.write_results(send=True, remediation_headlines="Đồng chí Trần  Thị Bình khắc phục nể nang")
    assert response.status_code == 200
    assert "không nêu tên đảng viên" in response.content.decode()
    assert not ResultsReport.objects.exists()


def test_the_superior_returns_with_a_reason_then_the_branch_revises_resends_and_it_is_acknowledged(
    env: RoundEnv,
) -> None:
    _held_and_locked(env)
    env.write_results(send=True)
    report = ResultsReport.objects.get()
    office = env.client("bloc_office")
    detail = reverse("rounds:results_detail", args=[report.pk])
    decide = reverse("rounds:results_decide", args=[report.pk])
    inbox = office.get(reverse("rounds:inbox")).content.decode()
    assert detail in inbox
    assert office.post(decide, {"decision": "return", "reason": ""}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT  # a return needs a reason
    office.post(decide, {"decision": "return", "reason": "Bổ sung đánh giá"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    page = env.client("secretary_a").get(env.url("results")).content.decode()
    assert "Bổ sung đánh giá" in page
    assert env.write_results(send=True, general_assessment="Đã bổ sung đánh giá.").status_code == 302
    report.refresh_from_db()
    assert (report.status, report.send_count, report.general_assessment) == (
        ReportStatus.SENT,
        2,
        "Đã bổ sung đánh giá.",
    )
    assert env.refresh().status == "reported"
    office.post(decide, {"decision": "acknowledge"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACKNOWLEDGED
    office.post(decide, {"decision": "return", "reason": "Quá muộn"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACKNOWLEDGED


def test_only_a_superior_of_the_branch_acknowledges(env: RoundEnv) -> None:
    _held_and_locked(env)
    env.write_results(send=True)
    report = ResultsReport.objects.get()
    decide = reverse("rounds:results_decide", args=[report.pk])
    # The branch's own committee sees its report but cannot acknowledge it.
    assert env.client("secretary_a").get(reverse("rounds:results_detail", args=[report.pk])).status_code == 200
    env.client("secretary_a").post(decide, {"decision": "acknowledge"})
    # The office of another committee does not even see it.
    assert env.client("committee_office").post(decide, {"decision": "acknowledge"}).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT


def test_the_inbox_costs_the_same_queries_for_more_reports(env: RoundEnv) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tusoi.org.models import Sector, UnitKind
    from tusoi.org.services import unit_create

    from .conftest import make_session

    def add_reports(count: int, start: int) -> None:
        for i in range(start, start + count):
            branch = unit_create(
                parent=env.org.bloc, code=f"CB-X{i}", name=f"Chi bộ X{i}", kind=UnitKind.BRANCH, sector=Sector.OTHER
            )
            session = make_session(env.campaign, branch)
            ResultsReport.objects.create(
                session=session, campaign=env.campaign, branch_path=branch.path, status=ReportStatus.SENT,
                general_assessment="Tốt", sent_at=timezone.now(),
            )  # fmt: skip

    client = env.client("bloc_office")
    add_reports(2, 0)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("rounds:inbox")).status_code == 200
    add_reports(6, 2)
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("rounds:inbox")).content.decode()
    assert "Chi bộ X7" in body
    assert len(many.captured_queries) == len(few.captured_queries)
