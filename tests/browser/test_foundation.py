"""The foundation in a real browser: log in with the second factor, open a unit, search a member
without diacritics (htmx live search), on a desktop and on a phone."""

import os

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tusoi.testing import PASSWORD, build_org

from .conftest import screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
KEY = "3132333435363738393031323334353637383930"


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/otp/verify/**")
    page.fill("input[name=code]", f"{totp(bytes.fromhex(KEY)):06d}")
    page.click("form[action$='/otp/verify/'] button[type=submit]")
    page.wait_for_url(f"{base_url}/")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_log_in_open_unit_and_search_without_diacritics(transactional_db, live_server, request, viewport):
    page = request.getfixturevalue("page" if viewport == "desktop" else "phone_page")
    org = build_org()
    TOTPDevice.objects.create(user=org.users["committee_office"], name="phone", key=KEY, confirmed=True)

    log_in(page, live_server.url, "committee_office")
    assert page.get_by_role("heading", name="Tự soi, tự sửa").is_visible()

    page.goto(f"{live_server.url}/org/")
    page.get_by_role("link", name="Chi bộ Khoa Nội").first.click()
    page.wait_for_url("**/org/units/**")
    assert page.get_by_role("heading", name="Chi bộ Khoa Nội").is_visible()
    assert page.get_by_text("Đỗ Thị Lan").first.is_visible()
    screenshot(page, f"unit-{viewport}")

    page.goto(f"{live_server.url}/org/members/")
    results = page.locator("#member-results")
    assert results.get_by_text("Vũ Quốc Khánh").is_visible()  # the empty box lists the managed members
    page.locator("#member-q").press_sequentially("do thi lan", delay=20)  # keyup drives the live search
    page.locator("#result-count").get_by_text("1").wait_for()
    assert results.get_by_text("Đỗ Thị Lan").is_visible()
    assert results.get_by_text("Vũ Quốc Khánh").count() == 0
    assert "q=do%20thi%20lan" in page.url  # the search is in the address, so back and reload keep it
    # Scoped: a member of another branch, outside this office's subtree, is never found.
    page.locator("#member-q").fill("")
    page.locator("#member-q").press_sequentially("hoang thu", delay=20)
    page.locator("#no-results").wait_for()
    assert results.get_by_text("Hoàng Thu Hà").count() == 0
    # No horizontal scrolling on any width.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"member-search-{viewport}")
