"""Browser tests: Playwright (Python) driving Debian's Chromium, never a downloaded browser.

Every test here is marked `browser`; `make test-browser` runs them after the main suites. Pages are
served by pytest-django's `live_server`. Console errors, page errors, failed requests and 5xx answers
fail the test; so does a page that was opened but never given the accessibility check (see `a11y.py`).
"""

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .a11y import A11yTracker
from .helpers import DESKTOP, PHONE

CHROMIUM = os.environ.get("TUSOI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("TUSOI_SCREENSHOTS", ROOT / "var" / "screenshots"))
# Chromium fetches the favicon outside the page's own loading; a navigation right after the load
# cancels it. That cancellation is the browser's, not a failure of the application.
_BROWSER_CANCELLED = re.compile(r"/static/img/favicon\.svg$")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


OFFLINE = "net::ERR_INTERNET_DISCONNECTED"  # what a request sent while `context.set_offline(True)` gets


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """On SQLite, the browser run uses a test database in a file (WAL, with the busy timeout of the
    settings) instead of the shared in-memory one: there a read by the test, checking what the live
    server stored, locks the whole table, and the server's concurrent autosave fails with a 500.
    (When the whole suite runs in one session, the first test's database stays in use.)"""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        (ROOT / "var").mkdir(exist_ok=True)  # git ignores var/: a fresh clone has none
        database.setdefault("TEST", {})["NAME"] = str(ROOT / "var" / "test-browser.sqlite3")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
    # are still synchronous. Allowed only while the browser tests run, never process-wide at import.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            # Chromium draws a date field in its interface language (LANGUAGE, with Debian's
            # chromium-l10n), not the page's locale: Vietnamese, so the guide's screenshots read 27/11/2026.
            env = {**os.environ, "LANGUAGE": "vi"}
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=env)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageProblems:
    """Console errors, page errors, failed requests and 5xx answers seen by the pages of a test.

    `tolerate(pattern)` opens a window (e.g. while the test has cut the network) during which a
    failed request to a URL matching `pattern`, and the console errors that this very failure
    causes, are set aside in `tolerated` instead of failing the test. Nothing else is excused.
    """

    def __init__(self) -> None:
        self.items: list[str] = []
        self.tolerated: list[str] = []
        self._window: re.Pattern[str] | None = None

    def watch(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.items.append(f"pageerror: {exc}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _response(self, response: Any) -> None:
        if response.status >= 500:
            self.items.append(f"HTTP {response.status}: {response.url}")

    def _console(self, msg: Any) -> None:
        if msg.type != "error":
            return
        text = f"console: {msg.text} ({msg.location.get('url', '')})"
        if self._window is not None and self._offline_noise(msg):
            self.tolerated.append(text)
        else:
            self.items.append(text)

    def _offline_noise(self, msg: Any) -> bool:
        """A console line reporting that a request inside the tolerated window could not be sent
        (Chromium gives the failed address as the line's location, or names it in the text)."""
        assert self._window is not None
        where = msg.location.get("url", "")
        return OFFLINE in msg.text and bool(self._window.search(where) or self._window.search(msg.text))

    def _request_failed(self, request: Any) -> None:
        failure = request.failure or ""
        text = f"requestfailed: {request.url} {failure}"
        if self._window is not None and self._window.search(request.url) and failure == OFFLINE:
            self.tolerated.append(text)
        elif failure == "net::ERR_ABORTED" and _BROWSER_CANCELLED.search(request.url):
            return
        else:
            self.items.append(text)

    @contextmanager
    def tolerate(self, pattern: str) -> Iterator[None]:
        self._window = re.compile(pattern)
        try:
            yield
        finally:
            self._window = None


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def a11y() -> A11yTracker:
    return A11yTracker()


NewPage = Callable[..., Any]


@pytest.fixture
def new_page(
    request: pytest.FixtureRequest, browser: Any, page_problems: PageProblems, a11y: A11yTracker
) -> Iterator[NewPage]:
    """Open pages in fresh browser contexts (separate "devices": no shared cookies or storage).

    `new_page(PHONE)`, or `new_page(context=page.context)` for a second tab. Every page is watched for
    problems and for unchecked pages; every context is closed at the end, when the checks run."""
    contexts: list[Any] = []

    def open_page(viewport: dict[str, int] | None = None, *, context: Any = None, **options: Any) -> Any:
        """A page in a new context, or another page (a second tab) in `context`."""
        if context is None:
            context = browser.new_context(viewport=viewport or DESKTOP, locale="vi-VN", **options)
            context.set_default_timeout(10_000)
            contexts.append(context)
        page = context.new_page()
        page_problems.watch(page)
        a11y.watch(page)
        return page

    yield open_page
    failed = getattr(request.node, "report_call", None)
    for n, context in enumerate(contexts):
        if failed is not None and failed.failed:
            _keep_evidence(context, f"{request.node.name}-{n}")
        context.close()
    assert page_problems.items == [], "\n".join(page_problems.items)
    assert a11y.unchecked() == [], f"pages opened without the accessibility check: {a11y.unchecked()}"


def _keep_evidence(context: Any, name: str) -> None:
    """After a failure: each page's picture and HTML in var/screenshots/failed/, to see what went wrong."""
    folder = SCREENSHOTS / "failed"
    folder.mkdir(parents=True, exist_ok=True)
    for n, page in enumerate(context.pages):
        stem = folder / re.sub(r"[^\w.-]+", "_", f"{name}-{n}")
        page.screenshot(path=f"{stem}.png", full_page=True)
        stem.with_suffix(".html").write_text(f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8")


@pytest.fixture
def page(new_page: NewPage) -> Any:
    """A desktop page (1280×800)."""
    return new_page(DESKTOP)


@pytest.fixture
def phone_page(new_page: NewPage) -> Any:
    """A phone page (360×740)."""
    return new_page(PHONE)


def screenshot(page: Any, name: str) -> Path:
    """A full-page picture for people reviewing a run (var/screenshots, not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
