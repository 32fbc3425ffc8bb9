"""Browser tests: Playwright (Python) driving Debian's Chromium, never a downloaded browser.

Every test here is marked `browser`; `make test-browser` runs them after the main suites. Pages are
served by pytest-django's `live_server`. Console errors and failed requests fail the test.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
SCREENSHOTS = Path(os.environ.get("TUSOI_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Console errors and failed requests seen by a page."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def watch(self, page: object) -> None:
        page.on("console", lambda msg: msg.type == "error" and self.items.append(f"console: {msg.text}"))  # type: ignore[attr-defined]
        page.on("pageerror", lambda exc: self.items.append(f"pageerror: {exc}"))  # type: ignore[attr-defined]
        page.on("requestfailed", lambda req: self.items.append(f"requestfailed: {req.url} {req.failure}"))  # type: ignore[attr-defined]
        page.on(  # type: ignore[attr-defined]
            "response", lambda resp: resp.status >= 500 and self.items.append(f"HTTP {resp.status}: {resp.url}")
        )


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


def _new_page(browser: object, problems: PageProblems, width: int, height: int) -> Iterator[object]:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")  # type: ignore[attr-defined]
    page = context.new_page()
    problems.watch(page)
    yield page
    context.close()
    assert problems.items == [], "\n".join(problems.items)


@pytest.fixture
def page(browser: object, page_problems: PageProblems) -> Iterator[object]:
    """A desktop page (1280×800)."""
    yield from _new_page(browser, page_problems, 1280, 800)


@pytest.fixture
def phone_page(browser: object, page_problems: PageProblems) -> Iterator[object]:
    """A phone page (360×740)."""
    yield from _new_page(browser, page_problems, 360, 740)


def screenshot(page: object, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
