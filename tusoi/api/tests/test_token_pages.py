"""The page where a user creates (shown once) and revokes their API tokens."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tusoi.api.models import ApiToken
from tusoi.api.services import MAX_USABLE_TOKENS, api_token_create

from .conftest import API

pytestmark = pytest.mark.django_db


def test_the_page_needs_a_login_and_the_second_factor(org):
    assert Client().get(reverse("api:tokens"))["Location"].startswith("/accounts/login/")
    pending = Client()
    pending.force_login(org.users["secretary_a"])
    assert "/accounts/otp/" in pending.get(reverse("api:tokens"))["Location"]


def test_create_shows_the_token_once_and_it_works(org):
    client = org.client_for("member_a")
    page = client.get(reverse("api:tokens"))
    assert page.status_code == 200
    assert 'id="no-tokens"' in page.content.decode()
    response = client.post(reverse("api:tokens"), {"name": "  Báo cáo   tự động ", "expiry": "30"})
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'id="token-value">([^<]+)<', html)
    assert match is not None
    plaintext = match[1]
    assert "chỉ hiển thị một lần" in html
    token = ApiToken.objects.get(user=org.users["member_a"])
    assert token.name == "Báo cáo tự động"
    assert token.expires_at is not None
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    assert Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}").get(f"{API}/me").json()["username"] == "member_a"
    again = client.get(reverse("api:tokens")).content.decode()
    assert plaintext not in again
    assert token.prefix in again


def test_create_without_expiry_and_with_errors(org):
    client = org.client_for("member_a")
    client.post(reverse("api:tokens"), {"name": "cron", "expiry": "never"})
    assert ApiToken.objects.get(name="cron").expires_at is None
    refused = client.post(reverse("api:tokens"), {"name": "   ", "expiry": "90"})
    assert 'id="token-value"' not in refused.content.decode()
    assert ApiToken.objects.count() == 1


def test_the_number_of_usable_tokens_is_bounded(org):
    user = org.users["member_a"]
    for i in range(MAX_USABLE_TOKENS):
        api_token_create(user=user, name=f"t{i}")
    response = org.client_for("member_a").post(reverse("api:tokens"), {"name": "one more", "expiry": "90"})
    assert "thu hồi bớt" in response.content.decode()
    assert ApiToken.objects.filter(user=user).count() == MAX_USABLE_TOKENS


def test_revoke_from_the_page(org):
    user = org.users["member_a"]
    token, plaintext = api_token_create(user=user, name="laptop")
    client = org.client_for("member_a")
    response = client.post(reverse("api:token_revoke", args=[token.pk]), follow=True)
    assert "đã bị thu hồi" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}").get(f"{API}/me").status_code == 401
    assert "Đã thu hồi" in client.get(reverse("api:tokens")).content.decode()


def test_nobody_revokes_someone_elses_token(org):
    token, _plaintext = api_token_create(user=org.users["member_a"], name="mine")
    response = org.client_for("member_b").post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "mine" not in org.client_for("member_b").get(reverse("api:tokens")).content.decode()


def test_the_page_lists_expired_tokens_as_expired(org):
    token, _plaintext = api_token_create(user=org.users["member_a"], name="old")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(days=1))
    html = org.client_for("member_a").get(reverse("api:tokens")).content.decode()
    assert "Hết hạn" in html


def test_the_account_page_leads_to_the_tokens(org):
    html = org.client_for("member_a").get(reverse("accounts:password_change")).content.decode()
    assert 'id="api-tokens-card"' in html
    assert reverse("api:tokens") in html
