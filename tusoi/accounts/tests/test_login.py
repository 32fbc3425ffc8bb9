import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tusoi.core.models import AuditEvent

from .helpers import HOME, LOGIN, logged_in, login

pytestmark = pytest.mark.django_db


def test_login_page_is_vietnamese():
    response = Client().get(LOGIN)
    assert response.status_code == 200
    assert "Tên đăng nhập" in response.content.decode()
    assert "Mật khẩu" in response.content.decode()


def test_member_logs_in_and_reaches_home_without_second_factor(org):
    client, response = login("member_a")
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    event = AuditEvent.objects.get(action="auth.login")
    assert event.actor == org.users["member_a"]


def test_login_starts_a_new_session(org):
    client = Client()
    session = client.session
    session["planted"] = True
    session.save()
    before = session.session_key
    assert before is not None
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    client, _ = login("member_a", client=client)
    assert logged_in(client)
    assert client.session.session_key != before


def test_wrong_password_shows_generic_message_and_is_audited(org):
    client, response = login("member_a", password="not-the-password-1")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert not logged_in(client)
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.actor is None
    assert event.detail["username"] == "member_a"
    assert "not-the-password-1" not in json.dumps(event.detail)


def test_unknown_username_gets_the_same_message(org):
    _, unknown = login("nobody-here", password="whatever-password")
    _, wrong = login("member_a", password="whatever-password")
    message = "Tên đăng nhập hoặc mật khẩu không đúng."
    assert message in unknown.content.decode()
    assert message in wrong.content.decode()


def test_inactive_user_gets_the_generic_message(org):
    user = org.users["member_a"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    client, response = login("member_a")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert not logged_in(client)


def test_username_is_stored_as_data_not_as_a_log_line(org):
    hostile = "x\nauth.login admin ok\r\n<script>"
    login(hostile, password="wrong-password-123")
    events = list(AuditEvent.objects.filter(action__startswith="auth."))
    assert [e.action for e in events] == ["auth.login_failed"]
    assert events[0].detail["username"] == hostile


def test_lockout_after_five_failures_refuses_even_the_right_password(org):
    client = Client()
    for _ in range(4):
        _, response = login("member_a", password="wrong-password-123", client=client)
        assert response.status_code == 200
    _, fifth = login("member_a", password="wrong-password-123", client=client)
    assert fifth.status_code == 429
    _, sixth = login("member_a", client=client)
    assert sixth.status_code == 429
    assert not logged_in(client)
    page = sixth.content.decode()
    assert 'id="locked-out"' in page
    assert "Đăng nhập tạm thời bị khóa" in page
    assert 'id="retry-at"' in page
    assert "30 phút" in page
    assert AuditEvent.objects.filter(action="auth.locked_out", detail__username="member_a").exists()


def test_lockout_is_per_username_from_another_address(org):
    first = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(5):
        login("member_a", password="wrong-password-123", client=first)
    other = Client(REMOTE_ADDR="10.0.0.2")
    _, response = login("member_a", client=other)
    assert response.status_code == 429
    _, response = login("member_b", client=other)
    assert response.status_code == 302


def test_next_inside_the_site_is_followed(org):
    _, response = login("member_a", next="/org/")
    assert response["Location"] == "/org/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_next_outside_the_site_is_ignored(org, target):
    _, response = login("member_a", next=target)
    assert response.status_code == 302
    assert response["Location"] == HOME


def test_logout_by_get_is_not_allowed(org):
    client, _ = login("member_a")
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert logged_in(client)


def test_logout_by_post_logs_out_and_is_audited(org):
    client, _ = login("member_a")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert not logged_in(client)
    assert client.get(HOME).status_code == 302
    assert AuditEvent.objects.get(action="auth.logout").actor == org.users["member_a"]
