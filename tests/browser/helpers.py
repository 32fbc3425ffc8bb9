"""Helpers for the browser tests: signing in, moving between pages (each page checked by axe as it
opens), and the pictures of the user guide."""

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tusoi.testing import PASSWORD

from .a11y import check

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
GUIDE_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "huong-dan" / "img"
TOTP_KEY = "3132333435363738393031323334353637383930"


def totp_device(user: Any) -> TOTPDevice:
    """Give the user the authenticator app the tests know the key of."""
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name="phone", defaults={"key": TOTP_KEY, "confirmed": True}
    )
    return device


def totp_code(user: Any) -> str:
    """The code the user's app shows now, or the next one if this one was already used (a code is
    accepted once, and the device tolerates one step of drift)."""
    device = TOTPDevice.objects.get(user=user, name="phone")
    now = int(time.time()) // device.step
    ahead = max(0, device.last_t + 1 - now)
    assert ahead <= device.tolerance, "signed in too often within one time step"
    return f"{totp(bytes.fromhex(TOTP_KEY), step=device.step, drift=ahead):06d}"


def log_in(page: Any, base_url: str, user: Any, *, shots: str = "") -> None:
    """Sign in through the pages: password, then the authenticator code when the role asks for it.
    With `shots`, the two pages are photographed for the guide under that prefix."""
    go(page, f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    if shots:
        guide_shot(page, f"{shots}-dang-nhap")
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()
    if "/accounts/otp/verify/" in page.url:
        check(page)
        page.locator("input[name=code]").fill(totp_code(user))
        if shots:
            guide_shot(page, f"{shots}-ma-xac-thuc")
        with page.expect_navigation():
            page.locator("form[action$='/otp/verify/'] button[type=submit]").click()
    assert "/accounts/" not in page.url, page.url
    check(page)


def sign_in(page: Any, base_url: str, user: Any) -> None:
    """Give the page's browser context a signed-in session (second factor verified) without the
    login pages: the login itself is driven through the pages in `log_in`."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user).first() or totp_device(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": base_url}])


def go(page: Any, url: str) -> Any:
    """Open an address and check the page."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    check(page)
    return response


def follow(page: Any, locator: Any) -> None:
    """Click something that opens another page (a link, a form's button), then check that page."""
    with page.expect_navigation() as navigation:
        locator.click()
    _answered(navigation.value)
    check(page)


def _answered(response: Any) -> None:
    """The page opened is not an error page. A form sent back with its messages (400) and the
    self-review's "changed on another device" page (409) are answers, not errors."""
    assert response is None or response.status < 400 or response.status in (400, 409), (
        f"{response.url}: HTTP {response.status}"
    )


def press_to(page: Any, locator: Any, key: str = "Enter") -> None:
    """Like `follow`, by keyboard on the focused element."""
    with page.expect_navigation() as navigation:
        locator.press(key)
    _answered(navigation.value)
    check(page)


def open_menu(page: Any) -> None:
    """On a phone the main menu sits behind its toggle (named "Trình đơn"): open it as a keyboard
    user does, Space on the focused toggle. On a desktop the toggle is hidden and the menu shown."""
    toggle = page.get_by_role("checkbox", name="Trình đơn")
    if toggle.is_visible() and not toggle.is_checked():
        toggle.focus()
        page.keyboard.press("Space")
        page.locator("#mainnav").get_by_role("link").first.wait_for()


def alert_text(page: Any) -> str:
    return " ".join(page.get_by_role("alert").all_inner_texts())


def no_horizontal_scroll(page: Any) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url} scrolls sideways: {width[0]}px wide in {width[1]}px"


def guide_shot(page: Any, name: str, *, full_page: bool = False, top: bool = False, at: Any = None) -> Path:
    """A picture for the user guide (docs/huong-dan/img): the visible part of the page at scale 1,
    or the whole page when asked and it is not too long; `top` shows the page's beginning, `at` the
    part that starts with that element."""
    GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
    path = GUIDE_IMAGES / f"{name}.png"
    page.mouse.move(0, 0)  # no hover highlight on whatever was clicked last
    if top:
        page.evaluate("window.scrollTo(0, 0)")
    if at is not None:
        at.evaluate("element => element.scrollIntoView({block: 'start'})")
    height = page.evaluate("document.documentElement.scrollHeight")
    whole = full_page and height <= 3 * page.viewport_size["height"]
    page.screenshot(path=str(path), full_page=whole, animations="disabled", caret="hide")
    return path
