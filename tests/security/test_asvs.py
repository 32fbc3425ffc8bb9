"""OWASP ASVS 4.0.3 level 2: the checklist of issue 8, each item with the tests that prove it.

Tests elsewhere are named `path::function` (`test_checklist_points_at_existing_tests` fails when one is
renamed or removed); `here:` names a test of this module, written for an item nobody had proved yet.

V2.1.1, 2.1.7  password length (12 or more) and common-password rules
    tusoi/accounts/tests/test_password.py::test_short_or_common_password_is_refused
    tusoi/accounts/tests/test_services.py::test_password_change_service_enforces_validators
    here: test_v2_1_1_password_length_and_common_passwords
V2.2.1  lockout and throttling
    tusoi/accounts/tests/test_login.py::test_lockout_after_five_failures_refuses_even_the_right_password
    tusoi/accounts/tests/test_login.py::test_lockout_is_per_username_from_another_address
    tusoi/accounts/tests/test_second_factor.py::test_repeated_wrong_codes_are_throttled
V2.2.3, 2.5.5  notification of credential changes
    tusoi/accounts/tests/test_password.py::test_success_keeps_this_session_ends_others_notifies_and_audits
V2.4.1, 2.4.2  a slow salted hash
    here: test_v2_4_1_slow_salted_password_hash
V2.5.4  no default accounts outside the demo
    here: test_v2_5_4_no_default_accounts_outside_the_demo
    tusoi/demo/tests/test_loaddemo_guard.py::test_refuses_a_database_with_other_units
V2.7, 2.8, 4.3.1  TOTP for committee and admin roles
    tusoi/accounts/tests/test_second_factor.py::test_office_user_is_sent_to_enrolment_after_password
    tusoi/accounts/tests/test_second_factor.py::test_admin_site_refuses_an_unverified_superuser
    tusoi/accounts/tests/test_second_factor.py::test_branch_secretary_is_asked_while_the_setting_is_on
V3.2.1  a new session on login
    tusoi/accounts/tests/test_login.py::test_login_starts_a_new_session
V3.3.1  logout ends the session
    tusoi/accounts/tests/test_login.py::test_logout_by_post_logs_out_and_is_audited
V3.3.2  idle (30 min) and absolute (12 h) expiry
    tests/security/test_headers_and_sessions.py::test_idle_session_ends_after_thirty_minutes
    tests/security/test_headers_and_sessions.py::test_session_ends_twelve_hours_after_login_whatever_the_activity
V3.3.3  other sessions ended on password change
    tusoi/accounts/tests/test_password.py::test_success_keeps_this_session_ends_others_notifies_and_audits
V3.4.1-3.4.4  __Host- cookies, Secure, HttpOnly, SameSite
    tests/security/test_headers_and_sessions.py::test_production_cookies_are_host_bound_and_secure
    here: test_v3_4_3_cookies_httponly_and_samesite
V4.2.2, 13.2.3  CSRF on every state change, htmx and the API's session calls included
    here: test_v4_2_2_csrf_on_every_state_change
V5.1.2  no mass assignment
    here: test_v5_1_2_no_mass_assignment_in_the_self_review
    here: test_v5_1_2_no_mass_assignment_in_the_member_form
    here: test_v5_1_2_no_mass_assignment_through_the_api
V5.1.3, 5.1.4  positive validation everywhere
    tusoi/reviews/tests/test_services.py::test_clean_draft_refuses_what_no_form_sends
    here: test_v5_1_3_positive_validation
V5.3.1, 5.3.3  autoescaping in HTML and .docx
    tusoi/bulletin/tests/test_rendering.py::test_body_escapes_everything
    tusoi/reviews/tests/test_form_markup.py::test_cards_escape_catalogue_text_and_typed_content
    tusoi/reviews/tests/test_docx.py::test_docx_user_text_comes_out_literally
    tusoi/stats/tests/test_summary.py::test_the_docx_is_a_valid_word_file_with_user_text_kept_literal
    here: test_v5_3_3_autoescaping_is_never_switched_off
V5.5.2, 12.1.1  XXE off and upload limits
    tusoi/core/tests/test_spreadsheets.py::test_a_dtd_anywhere_in_a_prolog_is_refused
    tusoi/core/tests/test_spreadsheets.py::test_too_many_rows
    tusoi/catalog/tests/test_files.py::test_too_large_file
    tusoi/catalog/tests/test_files.py::test_zip_bomb_is_refused_before_openpyxl_opens_it
    tusoi/bulletin/tests/test_images.py::test_an_oversized_picture_is_refused
    tusoi/remediation/tests/test_evidence.py::test_oversized_files_are_refused
V5.3.10 (CSV injection)  no formula injection in spreadsheets
    tusoi/core/tests/test_spreadsheets.py::test_safe_cell
    tusoi/core/tests/test_spreadsheets.py::test_csv_is_utf8_with_bom_and_every_cell_safe
    tusoi/catalog/tests/test_files.py::test_a_real_formula_in_an_uploaded_workbook_is_refused
V7.1.1, 7.1.2  no personal data or secrets in logs
    here: test_v7_1_1_no_personal_data_or_secrets_in_logs
V7.1.3, 7.1.4, 7.3.1  auth events and denials logged, without log injection
    tusoi/accounts/tests/test_login.py::test_wrong_password_shows_generic_message_and_is_audited
    tusoi/accounts/tests/test_login.py::test_username_is_stored_as_data_not_as_a_log_line
    tests/security/test_headers_and_sessions.py::test_log_records_cannot_forge_lines
    tusoi/core/tests/test_audit_denials.py::test_a_denied_object_answers_404_and_is_logged_for_the_actors_committee
    tusoi/core/tests/test_audit_denials.py::test_route_arguments_cannot_forge_lines_or_grow_without_bound
    tusoi/core/tests/test_audit_denials.py::test_a_scripted_walk_over_ids_leaves_a_bounded_number_of_rows
V7.3.3  the audit log is append-only, the admin site included
    tusoi/core/tests/test_audit_denials.py::test_rows_can_be_neither_updated_nor_deleted
    tusoi/core/tests/test_audit_denials.py::test_the_admin_site_offers_no_path_to_the_audit_log
V7.4.1  a generic error page with a request id
    tests/security/test_headers_and_sessions.py::test_the_error_page_is_generic_and_carries_the_request_id
V8.2.1  Cache-Control: no-store on personal pages and exports
    tests/security/test_headers_and_sessions.py::test_personal_pages_are_never_cached
    tusoi/remediation/tests/test_evidence.py::test_accepted_kinds_are_stored_privately_and_served_by_the_view
    tusoi/reviews/tests/test_privacy.py::test_read_matrix
    here: test_v8_2_1_no_store_on_downloads_even_without_a_session
V8.3.1  nothing sensitive in URLs
    here: test_v8_3_1_nothing_sensitive_in_urls
V1.11.3, 11.1.6  no lost update on concurrent edits
    tusoi/reviews/tests/test_member_path.py::test_conflict_between_two_devices_shows_both_and_keeps_the_first
    tusoi/reviews/tests/test_services.py::test_stale_base_version_is_a_conflict_unless_same_page
    tusoi/rounds/tests/test_draft.py::test_two_committee_members_editing_the_same_part_lose_nothing
V14.4.3-14.4.7  CSP, nosniff, HSTS, Referrer-Policy, frame-ancestors
    tests/security/test_headers_and_sessions.py::test_security_headers_on_pages
    tests/security/test_headers_and_sessions.py::test_production_cookies_are_host_bound_and_secure
V14.1.3  check --deploy clean on production settings
    tests/security/test_headers_and_sessions.py::test_deploy_check_is_clean_on_production_settings
"""

import importlib
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import identify_hasher
from django.test import Client, override_settings
from django.urls import reverse

from tusoi.accounts.tests.helpers import login
from tusoi.reviews.models import ReviewStatus
from tusoi.reviews.tests.conftest import Round, complete_post, rnd  # noqa: F401 - the fixture, used by name
from tusoi.testing import PASSWORD, Org

from .test_every_url_needs_login import ROUTES, _concrete

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = re.compile(r"^\s+([\w/]+\.py)::(\w+)\s*$", re.MULTILINE)
HERE = re.compile(r"^\s+here: (\w+)\s*$", re.MULTILINE)


def _production(expression: str) -> str:
    """Evaluate `expression` with the production settings, in a process of its own."""
    code = (
        "import os; os.environ.update(DJANGO_SETTINGS_MODULE='tusoi.settings.production', DEBUG='0', "
        "ALLOWED_HOSTS='h', SECRET_KEY='x'*60); import django; django.setup(); "
        f"from django.conf import settings as s; print({expression})"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


# ------------------------------------------------------------------------------------ the checklist


def test_checklist_points_at_existing_tests() -> None:
    doc = __doc__ or ""
    references = REFERENCE.findall(doc)
    assert len(references) > 30
    for path, name in references:
        assert (ROOT / path).is_file(), path
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        assert callable(getattr(module, name, None)), f"{path}::{name} does not exist"
    for name in HERE.findall(doc):
        assert callable(globals().get(name)), f"here: {name} does not exist"


# ------------------------------------------------------------------------------ V2 authentication


@pytest.mark.parametrize(
    ("password", "refused"),
    [("short-pw-1", True), ("password1234", True), ("qwertyuiop123", True), ("long-enough-and-rare-42", False)],
)
def test_v2_1_1_password_length_and_common_passwords(org: Org, password: str, refused: bool) -> None:
    client = org.client_for("member_a")
    data = {"old_password": PASSWORD, "new_password1": password, "new_password2": password}
    response = client.post(reverse("accounts:password_change"), data)
    assert (response.status_code == 200) == refused
    org.users["member_a"].refresh_from_db()
    assert org.users["member_a"].check_password(password) != refused


def test_v2_4_1_slow_salted_password_hash(org: Org) -> None:
    """Production keeps Django's default hashers (the test settings swap in MD5 for speed): the first,
    which hashes every new password, is PBKDF2-SHA256 with at least 600,000 iterations or Argon2id,
    and each hash has its own salt."""
    hashers = _production("s.PASSWORD_HASHERS[0]")
    assert hashers in (
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    )
    with override_settings(PASSWORD_HASHERS=[hashers]):
        first, second = org.users["member_a"], org.users["member_a2"]
        for user in (first, second):
            user.set_password("the-same-password-for-both-42")
            user.save(update_fields=["password"])
        assert first.password != second.password
        algorithm, iterations, salt, _ = first.password.split("$", 3)
        assert algorithm == identify_hasher(first.password).algorithm
        if algorithm == "pbkdf2_sha256":
            assert int(iterations) >= 600_000
        assert len(salt) >= 16 and salt != second.password.split("$")[2]
        assert first.check_password("the-same-password-for-both-42")


@pytest.mark.django_db
def test_v2_5_4_no_default_accounts_outside_the_demo() -> None:
    """A freshly migrated database has no account at all (no admin/admin): the first one is made with
    `createsuperuser`; the public demo accounts come only from `loaddemo`, which refuses a database
    that already holds an organisation (see the guard tests) and production settings."""
    assert not get_user_model().objects.exists()
    assert _production("s.TUSOI_DEMO_ALLOWED") == "False"
    from django.core.management import CommandError, call_command

    with override_settings(TUSOI_DEMO_ALLOWED=False), pytest.raises(CommandError, match="TUSOI_DEMO_ALLOWED=1"):
        call_command("loaddemo")
    assert not get_user_model().objects.exists()


# ---------------------------------------------------------------------------------- V3 sessions


def test_v3_4_3_cookies_httponly_and_samesite(org: Org) -> None:
    client, _ = login("member_a")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] in ("Lax", "Strict")
    page = client.get("/")
    csrf = page.cookies.get(settings.CSRF_COOKIE_NAME) or client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["samesite"] in ("Lax", "Strict")
    assert _production("s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE").split() == ["Lax", "Lax"]


# ------------------------------------------------------------------------------------ V4 access

UNSAFE = ("post", "put", "patch", "delete")


@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_v4_2_2_csrf_on_every_state_change(org: Org, htmx: bool) -> None:
    """Every URL of the URLconf, as a signed-in secretary: an unsafe request without the token is
    refused (403) before the view runs; the API's routes are tried with every unsafe method."""
    client = org.client_for("secretary_a")
    client.handler.enforce_csrf_checks = True
    headers = {"HX-Request": "true"} if htmx else {}
    checked, accepted = 0, []
    for name, route in ROUTES:
        if route.startswith("static/"):
            continue
        url = _concrete(route)
        for method in UNSAFE if route.startswith("api/") else ("post",):
            response = getattr(client, method)(url, headers=headers)
            if response.status_code == 405:
                continue
            checked += 1
            if response.status_code != 403:
                accepted.append(f"{method.upper()} {name} {url}: {response.status_code}")
    assert not accepted, "accepted without a CSRF token:\n" + "\n".join(accepted)
    assert checked > 100
    # The control: the same client with the token gets through.
    token = client.get("/").cookies.get(settings.CSRF_COOKIE_NAME) or client.cookies[settings.CSRF_COOKIE_NAME]
    response = client.post(reverse("accounts:logout"), headers={"X-CSRFToken": token.value, **headers})
    assert response.status_code in (200, 204, 302)


# -------------------------------------------------------------------------------- V5 validation


def _csrf(client: Client) -> str:
    client.get("/")
    return client.cookies[settings.CSRF_COOKIE_NAME].value


def test_v5_1_2_no_mass_assignment_in_the_self_review(rnd: Round) -> None:  # noqa: F811
    review = rnd.reviews["member_a"]
    other = rnd.reviews["member_a2"]
    forged = {
        "status": ReviewStatus.SUBMITTED,
        "member": str(other.member_id),
        "session": str(other.session_id),
        "campaign": "999",
        "branch_path": rnd.org.branch_b.path,
        "version": "99",
        "submitted_at": "2021-01-01T00:00:00",
        "entered_by": str(rnd.org.users["secretary_a"].pk),
        "is_active": "0",
        "page_token": "forged",
    }
    url = reverse("reviews:review_autosave", args=[review.pk])
    response = rnd.client("member_a").post(url, {"base_version": "0", "ans-I.1.a": "none", **forged})
    assert response.status_code == 200
    saved = rnd.review("member_a")
    assert saved.answers == {"I.1.a": "none"} and saved.version == 1  # the allowed field changed, nothing else
    assert saved.status == ReviewStatus.DRAFT and saved.submitted_at is None
    assert (saved.member_id, saved.session_id, saved.campaign_id) == (
        review.member_id,
        review.session_id,
        rnd.campaign.pk,
    )
    assert saved.branch_path == rnd.org.branch_a.path and saved.entered_by_id is None and saved.is_active


def test_v5_1_2_no_mass_assignment_in_the_member_form(org: Org) -> None:
    member = org.users["member_a"].member
    data = {"full_name": member.full_name, "card_number": member.card_number, "position": "Chuyên viên"}
    forged = {"branch": str(org.branch_b.pk), "branch_id": str(org.branch_b.pk), "name_fold": "x", "id": "1"}
    response = org.client_for("secretary_a").post(reverse("org:member_edit", args=[member.pk]), {**data, **forged})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.position == "Chuyên viên"
    assert member.branch_id == org.branch_a.pk and member.name_fold != "x"
    # Nor can a user make themselves an administrator through their own account form.
    client = org.client_for("member_a")
    new = "long-enough-and-rare-43"
    client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new, "is_superuser": "on", "is_staff": "on"},
    )
    user = get_user_model().objects.get(pk=org.users["member_a"].pk)
    assert user.check_password(new) and not user.is_superuser and not user.is_staff


def test_v5_1_2_no_mass_assignment_through_the_api(rnd: Round) -> None:  # noqa: F811
    review = rnd.reviews["member_a"]
    client = rnd.client("member_a")
    body = {"version": 0, "answers": {"I.1.a": "none"}, "other_shortcomings": "", "causes": "", "commitments": []}
    url = f"/api/v1/self-reviews/{review.pk}"
    headers = {"X-CSRFToken": _csrf(client)}
    forged = client.put(url, {**body, "status": "submitted"}, content_type="application/json", headers=headers)
    assert forged.status_code == 422
    assert "status" in forged.json()["errors"]
    assert rnd.review("member_a").version == 0
    fine = client.put(url, body, content_type="application/json", headers=headers)
    assert fine.status_code == 200 and rnd.review("member_a").answers == {"I.1.a": "none"}


def test_v5_1_3_positive_validation(rnd: Round) -> None:  # noqa: F811
    """Values outside the allow-list store nothing and, where a person or program could type them, are
    refused with a message: a level not on the catalogue's scale, an indicator the catalogue does not
    have, a kind of audit entry or a date that does not exist."""
    review = rnd.reviews["member_a"]
    client = rnd.client("member_a")
    url = reverse("reviews:review_edit", args=[review.pk])
    # The page's radios cannot send another level: a forged one is refused beside its indicator, the rest
    # of what was typed is shown again, and nothing is stored.
    page = client.post(
        url, {"base_version": "0", "action": "save", "ans-I.1.a": "always", "ans-X.9.z": "none", "causes": "Giữ lại"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mức độ không hợp lệ." in html
    assert "Giữ lại" in html
    assert rnd.review("member_a").answers == {}
    version = rnd.review("member_a").version
    api = client.put(
        f"/api/v1/self-reviews/{review.pk}",
        {"version": version, "answers": {"I.1.a": "always"}, "other_shortcomings": "", "causes": "", "commitments": []},
        content_type="application/json",
        headers={"X-CSRFToken": _csrf(client)},
    )
    assert api.status_code == 422 and "answers.I.1.a" in api.json()["errors"]
    assert rnd.review("member_a").version == version
    audit = rnd.org.client_for("secretary_a").get("/audit/", {"kind": "everything", "start": "30/02/2026"})
    assert audit.content.decode().count('class="invalid-feedback d-block"') == 2


def test_v5_3_3_autoescaping_is_never_switched_off() -> None:
    """Django's autoescape stays on for every template engine and no template turns it off; the one
    `|safe` shows Django's own password rules (static text of the validators, no user input)."""
    engines: list[dict[str, Any]] = settings.TEMPLATES
    for engine in engines:
        assert engine.get("OPTIONS", {}).get("autoescape", True) is True
    safe_uses = []
    for template in (ROOT / "tusoi").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "autoescape off" not in text, template
        safe_uses += [f"{template.relative_to(ROOT)}: {m}" for m in re.findall(r"\{\{[^}]*\|\s*safe[^}]*\}\}", text)]
    assert safe_uses == ["tusoi/accounts/templates/accounts/_field.html: {{ field.help_text|safe }}"]


# ------------------------------------------------------------------------------------- V7 logging


@pytest.fixture
def every_log_record() -> Iterator[list[logging.LogRecord]]:
    """Every record any logger emits, at any level, whether or not it propagates to the root."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    loggers = [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger) and not lg.propagate
    ]
    levels, disabled = [lg.level for lg in loggers], logging.root.manager.disable
    for lg in loggers:
        lg.addHandler(handler)
    logging.getLogger().setLevel(logging.DEBUG)
    logging.disable(logging.NOTSET)
    try:
        yield records
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.removeHandler(handler)
            lg.setLevel(level)
        logging.disable(disabled)


def _text(record: logging.LogRecord) -> str:
    return f"{record.getMessage()} {record.args!r} {record.exc_text or ''} {getattr(record, 'request', '')}"


def test_v7_1_1_no_personal_data_or_secrets_in_logs(
    rnd: Round,  # noqa: F811
    every_log_record: list[logging.LogRecord],
) -> None:
    """A failed login, a self-review submitted with a marker in it, a password change: the log gets
    neither the passwords typed, nor what the member admitted, nor a session id."""
    wrong, new, admitted = "WRONG-Secret-pw-7781", "NEW-Secret-pw-99123", "MARKER-ADMISSION-5512"
    login("member_a", password=wrong)
    client, _ = login("member_a")
    session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    review = rnd.reviews["member_a"]
    submit = complete_post(0, causes=admitted, other_shortcomings=admitted, action="submit")
    assert client.post(reverse("reviews:review_edit", args=[review.pk]), submit).status_code == 302
    assert rnd.review("member_a").status == ReviewStatus.SUBMITTED
    change = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    assert client.post(reverse("accounts:password_change"), change).status_code == 302
    assert every_log_record, "the capture saw nothing: the test would prove nothing"
    for record in every_log_record:
        text = _text(record)
        for secret in (wrong, new, PASSWORD, admitted, session_id, client.cookies[settings.SESSION_COOKIE_NAME].value):
            assert secret not in text, f"{record.name}: {text[:200]}"


# ------------------------------------------------------------------------------ V8 data protection


def test_v8_2_1_no_store_on_downloads_even_without_a_session(rnd: Round) -> None:  # noqa: F811
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.test import RequestFactory

    from tusoi.core.security import SecurityHeadersMiddleware

    docx = rnd.client("member_a").get(reverse("reviews:review_docx", args=[rnd.reviews["member_a"].pk]))
    xlsx = rnd.client("bloc_office").get(reverse("catalog:export_xlsx", args=[rnd.catalog.pk]))
    for response in (docx, xlsx):
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
    request = RequestFactory().get("/x")
    request.user = AnonymousUser()

    def download(_: Any) -> HttpResponse:
        return HttpResponse(b"x", headers={"Content-Disposition": 'attachment; filename="x.csv"'})

    assert "no-store" in SecurityHeadersMiddleware(download)(request)["Cache-Control"]


SENSITIVE_ARGS = {"token", "password", "secret", "otp", "answer", "answers", "api_key", "session", "sessionid"}


def test_v8_3_1_nothing_sensitive_in_urls(org: Org) -> None:
    """No route takes a secret or an answer in its path; the forms that carry a password or a code
    post it; no template builds a link with one; the API token is read from the header only."""
    from tusoi.api.services import api_token_create

    for name, route in ROUTES:
        args = set(re.findall(r"<(?:\w+:)?(\w+)>", route)) | set(re.findall(r"\(\?P<(\w+)>", route))
        assert not args & SENSITIVE_ARGS, f"{name}: {route}"
    for template in (ROOT / "tusoi").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"[?&](token|password|secret|otp|code|answer)\w*=", text), template
        for form in re.findall(r"<form\b[^>]*>.*?</form>", text, flags=re.S | re.I):
            if re.search(r'type="password"|name="(password|otp_token|code|token)', form):
                assert re.search(r'method="post"', form[:200], flags=re.I), f"{template}: {form[:120]}"
    client = Client()
    assert client.get(reverse("accounts:login")).status_code == 200
    _, plaintext = api_token_create(user=org.users["member_a"], name="asvs")
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {plaintext}"}).status_code == 200
    for query in ("token", "access_token", "api_key", "bearer"):
        assert client.get("/api/v1/me", {query: plaintext}).status_code == 401, query
