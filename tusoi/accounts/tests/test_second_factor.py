import pytest
from django.test import Client, modify_settings, override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tusoi.accounts.services import totp_secret_base32
from tusoi.core.models import AuditEvent

from .helpers import CODES, ENROL, HOME, VERIFY, enrol, logged_in, login, next_code

pytestmark = pytest.mark.django_db
ADMIN = "/admin/"
WRONG_CODE = "Mã không đúng."


def verified(client: Client) -> bool:
    return "otp_device_id" in client.session


def test_office_user_is_sent_to_enrolment_after_password(org):
    client, response = login("bloc_office")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2F"
    assert client.get(HOME)["Location"].startswith(VERIFY)


def test_enrolment_page_shows_qr_code_and_secret(org):
    client, _ = login("committee_office")
    response = client.get(ENROL)
    assert response.status_code == 200
    page = response.content.decode()
    device = TOTPDevice.objects.get(user=org.users["committee_office"], confirmed=False)
    secret = totp_secret_base32(device)
    assert "<svg" in page
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page
    assert "Thiết lập xác thực hai bước" in page
    # Reloading keeps the same secret: the user may already have scanned it.
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=org.users["committee_office"]).count() == 1


def test_enrolment_with_a_wrong_code_is_refused(org):
    client, _ = login("bloc_office")
    client.get(ENROL)
    response = client.post(ENROL, {"code": "000000", "next": HOME})
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert not verified(client)
    device = TOTPDevice.objects.get(user=org.users["bloc_office"])
    response = client.post(ENROL, {"code": next_code(device), "next": HOME})
    assert "Đã nhập sai mã quá nhiều lần" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_office_user_enrols_gets_recovery_codes_once_and_reaches_home(org):
    user = org.users["bloc_office"]
    client, _ = login("bloc_office")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(ENROL, {"code": next_code(device), "next": HOME})
    assert response.status_code == 302
    assert response["Location"] == f"{CODES}?next=%2F"
    page = client.get(response["Location"])
    codes = page.context["codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert codes[0] in page.content.decode()
    assert "chỉ được hiển thị một lần" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert StaticToken.objects.filter(device__user=user).count() == 10
    # Shown once only.
    again = client.get(CODES)
    assert again.context["codes"] is None
    assert codes[0] not in again.content.decode()
    assert client.get(HOME).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="auth.otp_enrolled", actor=user).exists()


def test_second_login_asks_for_the_code(org):
    user = org.users["committee_office"]
    first, _ = login("committee_office")
    enrol(first, user)
    client, response = login("committee_office")
    assert response["Location"] == f"{VERIFY}?next=%2F"
    assert client.get(HOME)["Location"].startswith(VERIFY)
    # With a device, enrolment is closed until verified: a password alone cannot replace it.
    assert client.get(ENROL)["Location"].startswith(VERIFY)
    assert client.get(VERIFY).status_code == 200
    response = client.post(VERIFY, {"code": "123456", "next": HOME})
    assert WRONG_CODE in response.content.decode() or "quá nhiều lần" in response.content.decode()
    assert not verified(client)
    device = TOTPDevice.objects.get(user=user)
    device.throttle_reset()
    response = client.post(VERIFY, {"code": next_code(device), "next": HOME})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    assert AuditEvent.objects.filter(action="auth.otp_failed", actor=user).count() == 1
    assert AuditEvent.objects.filter(action="auth.otp_verified", actor=user).count() == 1


def test_repeated_wrong_codes_are_throttled(org):
    user = org.users["committee_office"]
    first, _ = login("committee_office")
    enrol(first, user)
    client, _ = login("committee_office")
    client.post(VERIFY, {"code": "111111"})
    device = TOTPDevice.objects.get(user=user)
    # The right code right after a failure is refused too: django-otp wants a pause first.
    response = client.post(VERIFY, {"code": next_code(device)})
    assert "Đã nhập sai mã quá nhiều lần" in response.content.decode()
    assert not verified(client)


@override_settings(OTP_STATIC_THROTTLE_FACTOR=0)
def test_recovery_code_works_once_only(org):
    user = org.users["bloc_office"]
    first, _ = login("bloc_office")
    codes = enrol(first, user)
    client, _ = login("bloc_office")
    response = client.post(VERIFY, {"code": codes[3].upper().replace("-", " "), "next": HOME}, follow=True)
    assert response.redirect_chain[0] == (HOME, 302)
    assert "Số mã khôi phục còn lại: 9" in response.content.decode()
    assert StaticToken.objects.filter(device__user=user).count() == 9
    other, _ = login("bloc_office")
    response = other.post(VERIFY, {"code": codes[3], "next": HOME})
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()
    assert not verified(other)
    assert other.get(HOME).status_code == 302


def test_regenerating_recovery_codes_needs_a_verified_session_and_replaces_them(org):
    user = org.users["bloc_office"]
    first, _ = login("bloc_office")
    old = enrol(first, user)
    unverified, _ = login("bloc_office")
    response = unverified.post(CODES)
    assert response["Location"].startswith(VERIFY)
    assert StaticToken.objects.filter(device__user=user, token=old[0].replace("-", "")).exists()
    response = first.post(CODES, follow=True)
    new = response.context["codes"]
    assert len(new) == 10
    assert not set(new) & set(old)
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert not StaticToken.objects.filter(device__user=user, token=old[0].replace("-", "")).exists()


def test_admin_site_refuses_an_unverified_superuser(org):
    client, response = login("admin")
    assert response["Location"].startswith(VERIFY)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"


@modify_settings(MIDDLEWARE={"remove": ["tusoi.accounts.middleware.SecondFactorMiddleware"]})
def test_admin_site_itself_requires_the_second_factor(org):
    client = Client()
    client.force_login(org.users["admin"])
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_site_accepts_a_verified_superuser(org):
    client, _ = login("admin")
    enrol(client, org.users["admin"])
    response = client.get(ADMIN)
    assert response.status_code == 200
    assert org.client_for("admin").get(ADMIN).status_code == 200


def test_branch_secretary_is_asked_while_the_setting_is_on(org):
    client, response = login("secretary_a")
    assert response["Location"].startswith(VERIFY)
    assert client.get(HOME).status_code == 302


@override_settings(TUSOI_OTP_FOR_BRANCH_COMMITTEE=False)
def test_branch_secretary_is_not_asked_when_the_setting_is_off(org):
    client, response = login("secretary_a")
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    assert client.get(VERIFY)["Location"] == HOME


def test_member_never_sees_second_factor_pages_unless_they_choose(org):
    client, _ = login("member_a")
    assert client.get(VERIFY)["Location"] == HOME
    response = client.get(reverse("accounts:otp_root"))
    assert response.status_code == 200
    assert "Đang tắt" in response.content.decode()
    assert client.get(CODES)["Location"] == reverse("accounts:otp_root")


def test_member_who_enrols_voluntarily_is_asked_at_next_login(org):
    user = org.users["member_a"]
    first, _ = login("member_a")
    enrol(first, user)
    client, response = login("member_a")
    assert response["Location"].startswith(VERIFY)
    assert client.get(HOME)["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": next_code(TOTPDevice.objects.get(user=user))})
    assert client.get(HOME).status_code == 200


def test_device_removed_by_administrator_stops_the_question_for_a_member(org):
    user = org.users["member_a"]
    first, _ = login("member_a")
    enrol(first, user)
    client, _ = login("member_a")
    TOTPDevice.objects.filter(user=user).delete()
    StaticToken.objects.filter(device__user=user).delete()
    response = client.get(HOME, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1] == (HOME, 302)


def test_moving_to_a_new_phone_replaces_the_device(org):
    user = org.users["committee_office"]
    client, _ = login("committee_office")
    enrol(client, user)
    old = TOTPDevice.objects.get(user=user)
    response = client.get(ENROL)
    assert response.status_code == 200
    assert "thay thế ứng dụng xác thực đang dùng" in response.content.decode()
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(ENROL, {"code": next_code(new), "next": HOME}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [new.pk]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_anonymous_user_is_sent_to_login_from_second_factor_pages(org):
    for url in (VERIFY, ENROL, CODES, reverse("accounts:otp_root")):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_verify_ignores_a_next_outside_the_site(org):
    user = org.users["committee_office"]
    first, _ = login("committee_office")
    enrol(first, user)
    client, _ = login("committee_office")
    response = client.post(
        VERIFY, {"code": next_code(TOTPDevice.objects.get(user=user)), "next": "https://evil.example/"}
    )
    assert response["Location"] == HOME
    assert logged_in(client)


def test_htmx_request_of_an_unverified_user_reloads_the_page_to_verify(org):
    client, _ = login("bloc_office")
    response = client.get(HOME, headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/org/?q=a"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{VERIFY}?next=%2Forg%2F%3Fq%3Da"
