"""Reminders: the branch committee's buttons (rate-limited) and the daily automatic ones."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tusoi.campaigns.models import BranchSession
from tusoi.notifications.models import Notification, ReminderLog
from tusoi.reviews.models import ReviewStatus, SelfReview


def tracker(campaign, branch):
    return BranchSession.objects.get(campaign=campaign, branch=branch)


def remind_url(session, member):
    review = SelfReview.objects.get(session=session, member=member)
    return reverse("campaigns:remind", args=[session.pk, review.pk])


def test_manual_reminder_sends_one_mail_and_notification_then_waits_an_hour(
    org, published, django_capture_on_commit_callbacks
):
    member = org.users["member_a"].member
    member.email = "binh@example.vn"
    member.save(update_fields=["email"])
    session = tracker(published, org.branch_a)
    client = org.client_for("secretary_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remind_url(session, member), follow=True)
    assert "Đã gửi lời nhắc tới đồng chí Trần Thị Bình" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["binh@example.vn"]]
    assert published.plan_number in mail.outbox[0].body
    # One notice when the round opened, one reminder now.
    notification = Notification.objects.get(user=org.users["member_a"], text__startswith="Nhắc việc")
    assert published.plan_number in notification.text
    review = SelfReview.objects.get(session=session, member=member)
    assert notification.url == reverse("reviews:review_edit", args=[review.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remind_url(session, member), follow=True)
    assert "chưa đầy một giờ" in response.content.decode()
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(user=org.users["member_a"], text__startswith="Nhắc việc").count() == 1

    ReminderLog.objects.update(sent_at=timezone.now() - timedelta(minutes=61))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(remind_url(session, member))
    assert len(mail.outbox) == 2


def test_reminder_uses_the_account_address_when_the_member_has_none(org, published, django_capture_on_commit_callbacks):
    user = org.users["member_a2"]
    user.email = "cuong@example.vn"
    user.save(update_fields=["email"])
    session = tracker(published, org.branch_a)
    with django_capture_on_commit_callbacks(execute=True):
        org.client_for("secretary_a").post(remind_url(session, user.member))
    assert [m.to for m in mail.outbox] == [["cuong@example.vn"]]


def test_submitted_member_is_not_reminded(org, published):
    member = org.users["member_a"].member
    SelfReview.objects.filter(member=member).update(status=ReviewStatus.SUBMITTED)
    session = tracker(published, org.branch_a)
    org.client_for("secretary_a").post(remind_url(session, member))
    assert not Notification.objects.filter(user=org.users["member_a"], text__startswith="Nhắc việc").exists()
    assert not ReminderLog.objects.exists()


def test_only_the_branch_committee_reminds(org, published):
    session = tracker(published, org.branch_a)
    url = remind_url(session, org.users["member_a"].member)
    for persona in ("secretary_b", "bloc_office", "member_a2"):
        assert org.client_for(persona).post(url).status_code == 404
    assert org.client_for("secretary_a").get(url).status_code == 405
    assert not ReminderLog.objects.exists()


def test_remind_all_reminds_those_not_submitted_once_an_hour(org, published):
    SelfReview.objects.filter(member=org.users["member_a"].member).update(status=ReviewStatus.SUBMITTED)
    session = tracker(published, org.branch_a)
    client = org.client_for("secretary_a")
    response = client.post(reverse("campaigns:remind_all", args=[session.pk]), follow=True)
    assert "Đã gửi lời nhắc: 2." in response.content.decode()
    reminded = set(ReminderLog.objects.values_list("member__full_name", flat=True))
    assert reminded == {"Nguyễn Thiện Anh", "Lê Văn Cường"}
    response = client.post(reverse("campaigns:remind_all", args=[session.pk]), follow=True)
    assert "Chưa nhắc: 2" in response.content.decode()
    assert ReminderLog.objects.count() == 2


def run_reminders(day):
    out = StringIO()
    call_command("send_reminders", today=day.isoformat(), stdout=out)
    return out.getvalue()


def test_automatic_reminders_go_out_once_each(org, published, django_capture_on_commit_callbacks):
    for name in ("member_a", "member_a2", "member_b"):
        org.users[name].email = f"{name}@example.vn"
        org.users[name].save(update_fields=["email"])
    SelfReview.objects.filter(member=org.users["member_b"].member).update(status=ReviewStatus.SUBMITTED)
    pending = SelfReview.objects.filter(campaign=published).exclude(status=ReviewStatus.SUBMITTED).count()
    assert pending == 7
    due = published.self_review_due

    def sent_on(offset):
        with django_capture_on_commit_callbacks(execute=True):
            run_reminders(due + timedelta(days=offset))
        return ReminderLog.objects.count()

    assert sent_on(-5) == 0
    assert sent_on(-3) == pending
    assert sent_on(-3) == pending  # rerun: nothing new
    assert sent_on(-2) == pending
    assert sent_on(-1) == 2 * pending
    assert sent_on(0) == 2 * pending
    assert sent_on(1) == 3 * pending
    assert sent_on(4) == 3 * pending
    keys = set(ReminderLog.objects.values_list("key", flat=True))
    review = SelfReview.objects.get(member=org.users["member_a"].member)
    assert {f"review-due:-3:{review.pk}", f"review-due:-1:{review.pk}", f"review-due:after:{review.pk}"} <= keys
    # Members with an e-mail address got three mails each; the submitted member none.
    to = [m.to[0] for m in mail.outbox]
    assert to.count("member_a@example.vn") == 3
    assert "member_b@example.vn" not in to
    texts = list(Notification.objects.filter(user=org.users["member_a"]).values_list("text", flat=True))
    assert any("còn 3 ngày" in t for t in texts)
    assert any("đã đến hạn nộp" in t for t in texts)


def test_automatic_reminders_follow_the_cascaded_deadline(org, published):
    from tusoi.campaigns.services import deadline_override_save

    earlier = published.self_review_due - timedelta(days=5)
    deadline_override_save(campaign=published, unit=org.committee_c, self_review_due=earlier)
    run_reminders(earlier - timedelta(days=1))
    reminded = set(ReminderLog.objects.values_list("member__branch", flat=True))
    assert reminded == {org.branch_c1.pk}


def test_reminder_command_rejects_a_bad_date(db):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", today="27/11/2026")
