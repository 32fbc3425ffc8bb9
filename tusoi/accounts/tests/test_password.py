import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse

from tusoi.core.models import AuditEvent
from tusoi.testing import PASSWORD

from .helpers import HOME, logged_in, login

pytestmark = pytest.mark.django_db
URL = reverse("accounts:password_change")
NEW = "mot-mat-khau-moi-du-dai-2025"


def change(client, old=PASSWORD, new=NEW, again=None):
    return client.post(URL, {"old_password": old, "new_password1": new, "new_password2": again or new})


def _sessions_of(user) -> int:
    return sum(1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk))


def test_page_shows_the_form(org):
    client, _ = login("member_a")
    response = client.get(URL)
    assert response.status_code == 200
    assert "Mật khẩu cũ" in response.content.decode()


@pytest.mark.parametrize(
    ("new", "message"),
    [("ngan-qua1", "Mật khẩu quá ngắn"), ("asdfghjkl123", "Mật khẩu này quá phổ biến")],
)
def test_short_or_common_password_is_refused(org, new, message):
    client, _ = login("member_a")
    response = change(client, new=new)
    assert response.status_code == 200
    assert message in response.content.decode()
    user = org.users["member_a"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_wrong_old_password_is_refused(org):
    client, _ = login("member_a")
    response = change(client, old="not-my-password-1")
    assert "Mật khẩu cũ không chính xác" in response.content.decode()
    assert not AuditEvent.objects.filter(action="auth.password_changed").exists()


def test_mismatched_new_passwords_are_refused(org):
    client, _ = login("member_a")
    response = change(client, again=NEW + "x")
    assert "Hai trường mật khẩu không giống nhau" in response.content.decode()


def test_success_keeps_this_session_ends_others_notifies_and_audits(org, django_capture_on_commit_callbacks):
    user = org.users["member_a"]
    user.member.email = "binh@example.vn"
    user.member.save(update_fields=["email"])
    client, _ = login("member_a")
    other, _ = login("member_a")
    assert _sessions_of(user) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = change(client)
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    assert other.get(HOME).status_code == 302
    assert not logged_in(other)
    assert _sessions_of(user) == 1
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["binh@example.vn"]
    assert "Mật khẩu" in mail.outbox[0].subject
    assert NEW not in mail.outbox[0].body
    event = AuditEvent.objects.get(action="auth.password_changed")
    assert event.actor == user
    assert event.detail == {"other_sessions_ended": 1, "api_tokens_revoked": 0, "notified": True}
    assert NEW not in str(event.detail)


def test_user_email_is_used_when_the_member_has_none(org, django_capture_on_commit_callbacks):
    user = org.users["admin"]
    user.email = "admin@example.vn"
    user.save(update_fields=["email"])
    client = org.client_for("admin")
    with django_capture_on_commit_callbacks(execute=True):
        assert change(client).status_code == 302
    assert [m.to for m in mail.outbox] == [["admin@example.vn"]]


def test_no_email_address_means_no_mail(org, django_capture_on_commit_callbacks):
    client, _ = login("member_a")
    with django_capture_on_commit_callbacks(execute=True):
        assert change(client).status_code == 302
    assert mail.outbox == []
    assert AuditEvent.objects.get(action="auth.password_changed").detail["notified"] is False


def test_new_password_works_for_login_and_old_one_does_not(org):
    client, _ = login("member_a")
    change(client)
    _, response = login("member_a")
    assert response.status_code == 200
    _, response = login("member_a", password=NEW)
    assert response.status_code == 302


def test_office_user_must_verify_before_changing_password(org):
    client, _ = login("bloc_office")
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
