"""The foundation in a real browser: log in with the second factor, open a unit, search a member
without diacritics (htmx live search), on a desktop and on a phone."""

import pytest

from tusoi.testing import build_org

from .a11y import check
from .conftest import screenshot
from .helpers import follow, go, log_in, no_horizontal_scroll, totp_device


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_log_in_open_unit_and_search_without_diacritics(transactional_db, live_server, request, viewport):
    page = request.getfixturevalue("page" if viewport == "desktop" else "phone_page")
    org = build_org()
    totp_device(org.users["committee_office"])

    log_in(page, live_server.url, org.users["committee_office"])
    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("heading", name="Tự soi, tự sửa").is_visible()

    go(page, f"{live_server.url}/org/")
    follow(page, page.get_by_role("link", name="Chi bộ Khoa Nội").first)
    assert "/org/units/" in page.url
    assert page.get_by_role("heading", name="Chi bộ Khoa Nội").is_visible()
    assert page.get_by_text("Đỗ Thị Lan").first.is_visible()
    screenshot(page, f"unit-{viewport}")

    go(page, f"{live_server.url}/org/members/")
    results = page.locator("#member-results")
    assert results.get_by_text("Vũ Quốc Khánh").is_visible()  # the empty box lists the managed members
    page.locator("#member-q").press_sequentially("do thi lan", delay=20)  # keyup drives the live search
    page.locator("#result-count").get_by_text("1").wait_for()
    assert results.get_by_text("Đỗ Thị Lan").is_visible()
    assert results.get_by_text("Vũ Quốc Khánh").count() == 0
    assert "q=do%20thi%20lan" in page.url  # the search is in the address, so back and reload keep it
    check(page)  # the live results, as they are shown
    # Scoped: a member of another branch, outside this office's subtree, is never found.
    page.locator("#member-q").fill("")
    page.locator("#member-q").press_sequentially("hoang thu", delay=20)
    page.locator("#no-results").wait_for()
    assert results.get_by_text("Hoàng Thu Hà").count() == 0
    check(page)
    no_horizontal_scroll(page)  # on any width
    screenshot(page, f"member-search-{viewport}")
