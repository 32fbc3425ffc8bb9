"""Authentication: personal tokens (hashed, expiring, revocable, last use noted) and the session with
CSRF on unsafe methods; the schema and the docs need a login too."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tusoi.api.models import ApiToken
from tusoi.api.selectors import LAST_USED_RESOLUTION
from tusoi.api.services import api_token_create, api_token_revoke, token_digest
from tusoi.core.models import AuditEvent

from .conftest import API, level_body

pytestmark = pytest.mark.django_db


def bearer(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_anonymous_gets_401_in_vietnamese_with_a_challenge(world):
    response = Client().get(f"{API}/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.json()["detail"]
    assert "Cần đăng nhập" in response.json()["detail"]


def test_a_token_authenticates_its_user_and_notes_the_use(world):
    user = world.org.users["member_a"]
    token, plaintext = api_token_create(user=user, name="script")
    assert token.last_used_at is None
    response = bearer(plaintext).get(f"{API}/me")
    assert response.status_code == 200
    assert response.json()["username"] == "member_a"
    token.refresh_from_db()
    assert token.last_used_at is not None
    first_use = token.last_used_at
    bearer(plaintext).get(f"{API}/me")
    token.refresh_from_db()
    assert token.last_used_at == first_use  # not written again within the resolution
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first_use - LAST_USED_RESOLUTION * 2)
    bearer(plaintext).get(f"{API}/me")
    token.refresh_from_db()
    assert token.last_used_at > first_use - LAST_USED_RESOLUTION


def test_only_the_digest_is_stored(world):
    token, plaintext = api_token_create(user=world.org.users["member_a"], name="script")
    assert plaintext.startswith("tsi_") and len(plaintext) > 40
    assert token.digest == token_digest(plaintext) != plaintext
    assert not ApiToken.objects.filter(digest=plaintext).exists()
    assert token.prefix == plaintext[:12]
    assert all(plaintext[12:] not in str(e.detail) for e in AuditEvent.objects.all())
    assert AuditEvent.objects.filter(action="api_token.create", object_id=str(token.pk)).exists()


@pytest.mark.parametrize(
    "header",
    ["Bearer tsi_unknown-token", "Bearer not-even-ours", "Bearer ", "Basic dXNlcjpwYXNz"],
)
def test_unknown_tokens_get_401(world, header):
    response = Client(HTTP_AUTHORIZATION=header).get(f"{API}/me")
    assert response.status_code == 401


def test_an_expired_token_gets_401(world):
    token, plaintext = api_token_create(
        user=world.org.users["member_a"], name="short", expires_at=timezone.now() + timedelta(days=1)
    )
    assert bearer(plaintext).get(f"{API}/me").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = bearer(plaintext).get(f"{API}/me")
    assert response.status_code == 401
    assert "hết hạn" in response.json()["detail"]


def test_a_revoked_token_gets_401_even_with_a_session(world):
    user = world.org.users["member_a"]
    token, plaintext = api_token_create(user=user, name="laptop")
    api_token_revoke(token=token, actor=user)
    assert bearer(plaintext).get(f"{API}/me").status_code == 401
    client = world.org.client_for("member_a")  # a valid session does not rescue a bad token
    assert client.get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {plaintext}").status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke", actor=user, object_id=str(token.pk)).exists()


def test_an_inactive_user_token_gets_401(world):
    user = world.org.users["member_a"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert world.get("member_a", "/me").status_code == 401


def test_a_token_of_a_second_factor_role_is_accepted(world):
    """Tokens are created from a verified session, so their use does not ask for the factor again."""
    response = world.get("secretary_a", "/me")
    assert response.status_code == 200
    assert response.json()["branch_committee"][0]["code"] == "CB-A"


def test_session_reads_without_csrf_but_writes_need_it(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.org.users["member_a"])
    review = world.review("member_a")
    assert client.get(f"{API}/self-reviews/{review.pk}").status_code == 200
    body = level_body(review.version, **{"I.1.a": "none"})
    url = f"{API}/self-reviews/{review.pk}"
    refused = client.put(url, body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert world.review("member_a").version == review.version
    refused = client.post(f"{url}/submit", {"version": review.version}, content_type="application/json")
    assert refused.status_code == 403
    client.get("/")  # any page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.put(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["answers"]["I.1.a"] == "none"


def test_a_session_still_owing_its_second_factor_gets_nothing(world):
    client = Client()
    client.force_login(world.org.users["secretary_a"])  # no device verified in this session
    response = client.get(f"{API}/self-reviews/")
    assert response.status_code in (302, 401)
    assert b"Chi b" not in response.content


def test_schema_and_docs_need_a_login(world):
    anonymous = Client()
    assert anonymous.get(f"{API}/openapi.json").status_code == 401
    docs = anonymous.get(f"{API}/docs")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/")
    assert anonymous.get(f"{API}/").status_code == 302
    assert world.get("member_a", "/openapi.json").status_code == 200
    session = world.org.client_for("member_a")
    assert session.get(f"{API}/openapi.json").json()["info"]["title"] == "tusoi API"
    assert session.get(f"{API}/").status_code == 302


def test_docs_load_nothing_from_outside(world):
    page = world.org.client_for("member_a").get(f"{API}/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "http://" not in html and "https://" not in html
    assert "<script>" not in html  # no inline script: the settings travel as JSON data


def test_changing_the_password_revokes_every_token(world):
    from tusoi.accounts.services import user_password_change

    user = world.org.users["member_a"]
    _, first = api_token_create(user=user, name="script")
    _, second = api_token_create(user=user, name="laptop")
    _, untouched = api_token_create(user=world.org.users["member_b"], name="other")
    assert bearer(first).get(f"{API}/me").status_code == 200
    usable = ApiToken.objects.filter(ApiToken.usable_q(timezone.now()), user=user).count()
    user_password_change(user=user, new_password="a-new-long-passphrase-2026")
    assert bearer(first).get(f"{API}/me").status_code == 401
    assert bearer(second).get(f"{API}/me").status_code == 401
    assert bearer(untouched).get(f"{API}/me").status_code == 200
    event = AuditEvent.objects.filter(action="auth.password_changed").latest("id")
    assert event.detail["api_tokens_revoked"] == usable >= 2
    assert not ApiToken.objects.filter(ApiToken.usable_q(timezone.now()), user=user).exists()
