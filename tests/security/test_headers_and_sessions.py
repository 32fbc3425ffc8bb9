"""Response headers, the generic error page, session expiry and log hygiene (ASVS level 2)."""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tusoi.core.security import RequestIdLogFilter

ROOT = Path(__file__).resolve().parents[2]


def test_security_headers_on_pages(org) -> None:
    response = org.client_for("secretary_a").get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert len(response["X-Request-ID"]) == 16


def test_personal_pages_are_never_cached(org) -> None:
    response = org.client_for("member_a").get("/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_error_page_is_generic_and_carries_the_request_id() -> None:
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF="tests.security.failing_urls"):
        response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "secret internal detail" not in body
    assert "Traceback" not in body
    assert response["X-Request-ID"] in body


def _age_session(client: Client, **fields: int) -> None:
    session = client.session
    session.update(fields)
    session.save()


def test_idle_session_ends_after_thirty_minutes(org) -> None:
    client = org.client_for("member_a")
    assert client.get("/").status_code == 200
    _age_session(client, _tusoi_seen=int(time.time()) - 31 * 60)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/").status_code == 302  # logged out for good


def test_active_session_survives_within_the_idle_limit(org) -> None:
    client = org.client_for("member_a")
    client.get("/")
    _age_session(client, _tusoi_seen=int(time.time()) - 29 * 60)
    assert client.get("/").status_code == 200


def test_session_ends_twelve_hours_after_login_whatever_the_activity(org) -> None:
    client = org.client_for("member_a")
    client.get("/")
    _age_session(client, _tusoi_started=int(time.time()) - 12 * 3600 - 5, _tusoi_seen=int(time.time()))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_htmx_request_after_expiry_redirects_the_whole_page(org) -> None:
    client = org.client_for("member_a")
    client.get("/")
    _age_session(client, _tusoi_seen=int(time.time()) - 3600)
    response = client.get("/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/accounts/login/")


def test_log_records_cannot_forge_lines() -> None:
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "login failed for %s", ("evil\nINFO forged",), None)
    RequestIdLogFilter().filter(record)
    assert "\n" not in record.getMessage()
    assert record.request_id == "-"


def test_deploy_check_is_clean_on_production_settings() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tusoi.settings.production",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "tusoi.example.vn",
        "SECRET_KEY": "deploy-check-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser test run, never in production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_its_secrets() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tusoi.settings.production", "DEBUG": "0", "ALLOWED_HOSTS": "x"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_cookies_are_host_bound_and_secure() -> None:
    code = (
        "import os; os.environ.update(DJANGO_SETTINGS_MODULE='tusoi.settings.production', DEBUG='0', "
        "ALLOWED_HOSTS='h', SECRET_KEY='x'*60); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS >= 31536000)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "True", "True", "True", "True"]
