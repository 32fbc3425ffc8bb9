"""Scheduling, attendance and quorum, opinions, closing the meeting, closing the minutes, addenda."""

from django.utils import timezone

from tusoi.core.models import AuditEvent
from tusoi.notifications.models import Notification
from tusoi.rounds.models import Meeting, MeetingStatus, MinutesAddendum, Opinion

from .conftest import RoundEnv


def _ready(env: RoundEnv) -> None:
    env.create_draft()
    env.circulate()


def test_the_meeting_cannot_be_scheduled_before_the_draft_is_circulated(env: RoundEnv) -> None:
    env.create_draft()
    data = {"date": timezone.localdate().isoformat(), "starts_at": "08:00", "place": "Hội trường"}
    assert env.post("secretary_a", "schedule", data).status_code == 302
    assert not Meeting.objects.exists()
    assert env.refresh().status == "drafting"


def test_scheduling_moves_the_round_on_takes_the_roster_and_notifies(
    env: RoundEnv, django_capture_on_commit_callbacks
) -> None:
    _ready(env)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        env.schedule(days=3)
    assert env.refresh().status == "scheduled"
    meeting = env.meeting
    assert meeting.attendance.count() == 3
    assert meeting.adopted_version == env.report.circulated_version
    assert Notification.objects.filter(user__username="member_a2", text__contains="Hội trường tầng 2").exists()
    member_page = env.client("member_a").get(env.url("round")).content.decode()
    assert "Hội trường tầng 2" in member_page
    assert 'id="link-minutes"' not in member_page  # no minutes before the meeting is closed


def test_a_meeting_cannot_be_closed_before_its_day_or_before_it_is_scheduled(env: RoundEnv) -> None:
    _ready(env)
    assert env.close_meeting().status_code == 404  # nothing scheduled yet
    env.schedule(days=2)
    assert env.attend().status_code == 400  # attendance is recorded on the day
    env.details()
    env.close_meeting()
    assert env.meeting.status == MeetingStatus.SCHEDULED
    assert env.refresh().status == "scheduled"


def test_attendance_shows_the_ratio_and_applies_the_quorum_rule(env: RoundEnv) -> None:
    _ready(env)
    env.schedule()
    response = env.attend({"member_a": ("excused", "")})
    assert response.status_code == 400
    assert "Đề nghị ghi lý do." in response.content.decode()
    env.attend({"member_a": ("absent", "Đi công tác"), "member_a2": ("absent", "")})
    page = env.client("secretary_a").get(env.url("meeting")).content.decode()
    assert "Có mặt: 1/3 đảng viên (33%)." in page
    assert 'id="quorum-not-met"' in page  # 1 of 3 full members is not more than half
    env.details()
    env.close_meeting()
    assert env.meeting.status == MeetingStatus.SCHEDULED
    # Excused members are not counted: 1 present of 2 counted is still not more than half...
    env.attend({"member_a": ("excused", "Ốm, có giấy"), "member_a2": ("absent", "")})
    page = env.client("secretary_a").get(env.url("meeting")).content.decode()
    assert "số tính: 2; cần có mặt ít nhất: 2; có mặt: 1" in page
    # ...while 2 present of 2 counted is.
    env.attend({"member_a": ("excused", "Ốm, có giấy")})
    page = env.client("secretary_a").get(env.url("meeting")).content.decode()
    assert 'id="quorum-met"' in page


def test_opinions_are_recorded_with_speaker_kind_and_summary(env: RoundEnv) -> None:
    _ready(env)
    env.schedule()
    env.attend({"member_a2": ("absent", "")})
    assert env.opinion("member_a", "self_criticism", "Tôi còn nể nang").status_code == 302
    assert env.opinion("secretary_a", "criticism", "Đồng chí cần mạnh dạn hơn", about="member_a").status_code == 302
    assert env.opinion("member_a2", "proposal", "Vắng mà phát biểu").status_code == 400
    assert env.opinion("member_a", "criticism", "Thiếu người").status_code == 400
    guest = {"speaker_name": "Đồng chí Bùi Văn Minh", "kind": "on_report", "summary": "Báo cáo công phu"}
    assert env.post("secretary_a", "opinion_add", guest).status_code == 302
    opinions = list(Opinion.objects.order_by("position").values_list("position", "kind", "about_member"))
    assert opinions == [
        (1, "self_criticism", None),
        (2, "criticism", env.member("member_a").pk),
        (3, "on_report", None),
    ]


def test_closing_the_meeting_marks_the_round_held_with_its_date_once(env: RoundEnv) -> None:
    _ready(env)
    env.schedule()
    env.attend()
    env.close_meeting()
    assert env.refresh().status == "scheduled"  # no chair, conclusion… yet
    env.details()
    assert env.close_meeting().status_code == 302
    assert env.refresh().status == "held"
    assert env.session.held_on == timezone.localdate()
    assert env.meeting.status == MeetingStatus.HELD
    assert AuditEvent.objects.filter(action="rounds.session.status", detail__to="held").count() == 1
    env.close_meeting()
    assert AuditEvent.objects.filter(action="rounds.meeting.close").count() == 1


def test_minutes_are_amended_until_closed_then_only_addenda(env: RoundEnv) -> None:
    env.hold()
    assert env.opinion("member_a2", "proposal", "Bổ sung sau buổi họp").status_code == 302  # still amendable
    assert env.lock_minutes().status_code == 302
    assert env.meeting.status == MeetingStatus.LOCKED
    assert env.opinion("member_a", "proposal", "Quá muộn").status_code == 400
    assert env.details(conclusion="Sửa lại").status_code == 400
    assert env.meeting.conclusion == "Chi bộ thống nhất thông qua báo cáo đề dẫn."
    assert env.post("secretary_a", "addendum", {"text": "Đính chính: giờ kết thúc 11 giờ 45"}).status_code == 302
    assert MinutesAddendum.objects.count() == 1
    assert AuditEvent.objects.filter(action="rounds.meeting.minutes_addendum").exists()
    minutes = env.client("member_a").get(env.url("minutes")).content.decode()
    assert "Đính chính: giờ kết thúc 11 giờ 45" in minutes
    assert env.lock_minutes().status_code == 302
    assert AuditEvent.objects.filter(action="rounds.meeting.minutes_lock").count() == 1


def test_members_read_the_minutes_once_the_meeting_is_closed(env: RoundEnv) -> None:
    _ready(env)
    env.schedule()
    assert env.client("member_a").get(env.url("minutes")).status_code == 404
    assert env.client("secretary_a").get(env.url("minutes")).status_code == 200
    env.attend()
    env.details()
    env.close_meeting()
    response = env.client("member_a2").get(env.url("minutes"))
    assert response.status_code == 200
    assert "BIÊN BẢN" in response.content.decode()
    assert env.client("member_a2").get(env.url("meeting")).status_code == 404  # recording is the committee's
