"""Circulating the draft, members' comments and proposals, the committee's decisions and replies."""

from datetime import timedelta

from django.utils import timezone

from tusoi.notifications.models import Notification
from tusoi.rounds.models import Comment, CommentStatus, ReportSection

from .conftest import RoundEnv


def _comment(env: RoundEnv, author: str) -> Comment:
    return Comment.objects.filter(author=env.member(author)).latest("id")


def test_circulating_moves_the_round_to_consultation_and_notifies_every_member(
    env: RoundEnv, django_capture_on_commit_callbacks
) -> None:
    env.create_draft()
    with django_capture_on_commit_callbacks(execute=True):
        env.circulate()
    assert env.refresh().status == "consulting"
    assert env.report.circulated_version is not None
    assert env.report.circulated_version.number == 1
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert notified == {"secretary_a", "member_a", "member_a2"}
    text = Notification.objects.filter(user__username="member_a").get().text
    assert "Chi bộ Sở Alpha" in text


def test_circulating_needs_a_draft_first_and_a_future_deadline(env: RoundEnv) -> None:
    assert env.client("secretary_a").get(env.url("consultation")).status_code == 404
    env.create_draft()
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = env.post("secretary_a", "consultation", {"due": past})
    assert response.status_code == 200
    assert "Hạn góp ý không được là ngày đã qua." in response.content.decode()
    assert env.refresh().status == "drafting"


def test_a_member_reads_the_circulated_draft_comments_and_sees_only_their_own(env: RoundEnv) -> None:
    env.create_draft()
    assert env.client("member_a").get(env.url("consult")).status_code == 404  # not yet circulated
    env.circulate()
    page = env.client("member_a").get(env.url("consult"))
    assert page.status_code == 200
    assert "Có 2/3 đồng chí đã nộp bản tự soi, tự sửa." in page.content.decode()
    assert env.comment("member_a", "Ý kiến riêng MARK-A1").status_code == 302
    assert env.comment("member_a2", "Ý kiến riêng MARK-A2").status_code == 302
    own = env.client("member_a").get(env.url("consult")).content.decode()
    assert "MARK-A1" in own
    assert "MARK-A2" not in own
    committee = env.client("secretary_a").get(env.url("consultation")).content.decode()
    assert "MARK-A1" in committee
    assert "MARK-A2" in committee
    assert env.report.comment_count == 2


def test_an_accepted_proposal_flows_into_the_next_version_marked_and_the_member_sees_its_fate(env: RoundEnv) -> None:
    env.create_draft()
    env.circulate()
    other = env.member("member_a2").pk
    env.comment("member_a", "Đồng chí còn đi muộn", kind="manifestation", section="manifestations", about_member=other)
    comment = _comment(env, "member_a")
    assert comment.about_member_id == other
    response = env.post("secretary_a", "comment_decide", {"decision": "accept", "response": "Tiếp thu"}, comment.pk)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.ACCEPTED
    assert comment.applied_version is not None
    assert comment.applied_version.number == 2
    body = ReportSection.objects.get(report__session=env.session, key="manifestations").body
    assert body.endswith("[Tiếp thu từ góp ý — Bổ sung biểu hiện, của đồng chí Lê Văn Cường] Đồng chí còn đi muộn")
    assert comment.applied_version.sections[2]["body"] == body
    page = env.client("member_a").get(env.url("consult")).content.decode()
    assert "Đã tiếp thu" in page
    assert "Đã đưa vào phiên bản 2." in page
    assert "Tiếp thu" in page


def test_a_rejected_comment_keeps_the_report_unchanged_and_cannot_be_decided_again(env: RoundEnv) -> None:
    env.create_draft()
    env.circulate()
    env.comment("member_a", "Đề nghị bỏ phần II", kind="correction")
    comment = _comment(env, "member_a")
    env.post("secretary_a", "comment_decide", {"decision": "reject", "response": "Không phù hợp"}, comment.pk)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert env.report.versions.count() == 1
    env.post("secretary_a", "comment_decide", {"decision": "accept", "response": "Đổi ý"}, comment.pk)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert comment.response == "Không phù hợp"


def test_threads_take_replies_from_the_author_and_the_committee_only(env: RoundEnv) -> None:
    env.create_draft()
    env.circulate()
    env.comment("member_a", "Câu hỏi về phần IV")
    comment = _comment(env, "member_a")
    assert env.post("secretary_a", "comment_reply", {"text": "Chi ủy sẽ làm rõ"}, comment.pk).status_code == 302
    assert env.post("member_a", "comment_reply", {"text": "Cảm ơn chi ủy"}, comment.pk).status_code == 302
    assert env.post("member_a2", "comment_reply", {"text": "Chen ngang"}, comment.pk).status_code == 404
    assert list(comment.replies.values_list("from_committee", flat=True)) == [True, False]
    page = env.client("member_a").get(env.url("consult")).content.decode()
    assert "Chi ủy sẽ làm rõ" in page


def test_comments_close_after_the_deadline(env: RoundEnv) -> None:
    env.create_draft()
    env.circulate()
    report = env.report
    report.consultation_due = timezone.localdate() - timedelta(days=1)
    report.save(update_fields=["consultation_due"])
    response = env.comment("member_a", "Muộn")
    assert response.status_code == 200
    assert "Đã hết thời gian góp ý" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_manifestation_of_someone_outside_the_branch_is_refused(env: RoundEnv) -> None:
    env.create_draft()
    env.circulate()
    outsider = env.member("member_b").pk
    response = env.comment("member_a", "Sai chi bộ", kind="manifestation", about_member=outsider)
    assert response.status_code == 200
    assert not Comment.objects.exists()
