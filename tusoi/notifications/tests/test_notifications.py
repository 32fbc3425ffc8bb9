"""In-app notifications: notify(), the list page, read marks and the badge in the navigation."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tusoi.notifications.context_processors import unread_notifications
from tusoi.notifications.models import Notification
from tusoi.notifications.services import notify


def test_notify_stores_the_notice_and_mails_it_on_commit(org, django_capture_on_commit_callbacks):
    user = org.users["member_a"]
    user.member.email = "binh@example.vn"
    user.member.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(user, "Đề nghị đồng chí nộp bản tự soi.", "/campaigns/mine/")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert notification.user == user
    assert notification.read_at is None
    assert [m.to for m in mail.outbox] == [["binh@example.vn"]]
    assert "Đề nghị đồng chí nộp bản tự soi." in mail.outbox[0].body
    assert "/campaigns/mine/" in mail.outbox[0].body


def test_notify_without_email(org, django_capture_on_commit_callbacks):
    user = org.users["member_b"]
    user.email = "ha@example.vn"
    user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(user, "Chỉ trong ứng dụng", "", email=False)
    assert mail.outbox == []
    assert Notification.objects.filter(user=user).count() == 1


def test_list_shows_own_notifications_and_the_badge_counts_unread(org):
    mine = notify(org.users["member_a"], "Thông báo thứ nhất", "/campaigns/mine/", email=False)
    notify(org.users["member_a"], "Thông báo thứ hai", "", email=False)
    notify(org.users["member_b"], "Thông báo của người khác", "", email=False)
    client = org.client_for("member_a")
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Thông báo thứ nhất" in page
    assert "Thông báo thứ hai" in page
    assert "Thông báo của người khác" not in page
    assert 'id="unread-count">2<' in page

    response = client.post(reverse("notifications:read", args=[mine.pk]), {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/mine/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    page = client.get(reverse("notifications:list")).content.decode()
    assert 'id="unread-count">1<' in page

    client.post(reverse("notifications:read_all"))
    page = client.get(reverse("notifications:list")).content.decode()
    assert 'id="unread-count"' not in page
    assert not Notification.objects.filter(user=org.users["member_b"], read_at__isnull=False).exists()


def test_someone_elses_notification_is_404(org):
    other = notify(org.users["member_b"], "Riêng tư", "", email=False)
    client = org.client_for("member_a")
    assert client.post(reverse("notifications:read", args=[other.pk])).status_code == 404
    assert client.get(reverse("notifications:read", args=[other.pk])).status_code == 405
    other.refresh_from_db()
    assert other.read_at is None


def test_open_never_redirects_off_site(org):
    bad = Notification.objects.create(user=org.users["member_a"], text="x", url="https://evil.example/")
    response = org.client_for("member_a").post(reverse("notifications:read", args=[bad.pk]), {"open": "1"})
    assert response["Location"] == reverse("notifications:list")


def test_badge_costs_one_query_and_only_when_used(org, rf):
    request = rf.get("/")
    request.user = org.users["member_a"]
    with CaptureQueriesContext(connection) as captured:
        context = unread_notifications(request)
    assert len(captured) == 0
    notify(org.users["member_a"], "Một", "", email=False)
    with CaptureQueriesContext(connection) as captured:
        assert int(str(context["unread_notifications"])) == 1
    assert len(captured) == 1


def test_anonymous_users_are_sent_to_log_in(client, db):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
