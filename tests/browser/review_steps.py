"""The member's self-review form in the browser, found by what a person sees: the manifestation's
text (each indicator is a group named by its legend), the level's label, the field's label."""

import re
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import OperationalError

from tusoi.reviews.models import SelfReview

from .helpers import follow, go, guide_shot, open_menu

LEVELS = {"none": "Không có", "sometimes": "Thỉnh thoảng", "often": "Thường xuyên"}


def open_my_review(page: Any, base: str, *, shot: str = "") -> None:
    """From the menu ("Đợt sinh hoạt" leads a member to their own rounds) to the form; `shot`
    photographs the member's list of rounds for the guide."""
    go(page, f"{base}/")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Đợt sinh hoạt", exact=True))
    if shot:
        guide_shot(page, shot)
    follow(page, page.get_by_role("link", name=re.compile("^(Bắt đầu|Tiếp tục) làm bản tự soi, tự sửa$")))
    assert page.get_by_role("heading", name="Tự soi, tự sửa", exact=True).is_visible()


def indicator(page: Any, code: str) -> Any:
    return page.get_by_role("group", name=re.compile(rf"^{re.escape(code)}\. "))


def answer(page: Any, code: str, level: str) -> None:
    """Tap the level's button (the radio itself is hidden behind its label, as for a person)."""
    card = indicator(page, code)
    card.get_by_text(LEVELS[level], exact=True).click()
    assert card.get_by_label(LEVELS[level], exact=True).is_checked()


def commit(page: Any, code: str, measure: str, deadline: date) -> None:
    """The measure and deadline for an indicator answered other than "none"."""
    card = indicator(page, code)
    card.get_by_label("Biện pháp khắc phục").fill(measure)
    card.get_by_label("Thời hạn").fill(deadline.isoformat())


def other_shortcomings(page: Any) -> Any:
    return page.get_by_label("Hạn chế, khuyết điểm khác trong thực hiện chức trách, nhiệm vụ được giao")


def commitment_row(page: Any, n: int, shortcoming: str, measure: str, deadline: date) -> None:
    """Row `n` (from 1) of the commitments for the other shortcomings."""
    row = page.get_by_role("group", name=f"Cam kết {n}", exact=True)
    row.get_by_label("Hạn chế, khuyết điểm", exact=True).fill(shortcoming)
    row.get_by_label("Biện pháp khắc phục").fill(measure)
    row.get_by_label("Thời hạn").fill(deadline.isoformat())


def submit(page: Any) -> None:
    follow(page, page.get_by_role("button", name="Nộp bản tự soi"))
    assert "Đã nộp bản tự soi, tự sửa." in page.get_by_role("alert").first.inner_text()


def saved_status(page: Any) -> str:
    return page.get_by_role("status").inner_text()


def wait_until(condition: Callable[[], bool], what: str, seconds: float = 10) -> None:
    """Poll the database until `condition` holds. The live server writes meanwhile: with SQLite's
    shared in-memory test database a read may find the table locked, which only means "not yet"."""
    end = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except OperationalError:
            pass
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.1)


def stored(review: SelfReview) -> SelfReview:
    """The review as the server has it now (read again if the live server holds the table)."""
    for _ in range(50):
        try:
            return SelfReview.objects.get(pk=review.pk)
        except OperationalError:
            time.sleep(0.1)
    return SelfReview.objects.get(pk=review.pk)


# --- By keyboard alone ---------------------------------------------------------------------------

_ACTIVE = """() => {
  const e = document.activeElement;
  const label = e.labels && e.labels.length ? e.labels[0].innerText.trim() : "";
  return {tag: e.tagName, type: e.type || "", name: e.name || "", text: (e.innerText || "").trim(), label};
}"""
# The focused element, or the label drawn around it, must not sit under the sticky save bar.
_OBSCURED = """() => {
  const e = document.activeElement;
  const box = (e.closest("label") || e).getBoundingClientRect();
  const bar = document.querySelector(".savebar");
  if (!bar || bar.contains(e)) { return false; }
  const b = bar.getBoundingClientRect();
  return box.bottom > b.top && box.top < b.bottom;
}"""


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(_ACTIVE)


def tab_to(page: Any, wanted: Callable[[dict[str, str]], bool], what: str, limit: int = 200) -> dict[str, str]:
    """Press Tab until the focused element is the one wanted; it must be in sight, not under the bar."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if wanted(info):
            assert not page.evaluate(_OBSCURED), f"{what} has the focus but is hidden under the save bar"
            return info
    raise AssertionError(f"Tab never reached {what}")


def focus_ring_shown(page: Any) -> bool:
    """The level buttons hide their radio: the label around the focused one must show a ring."""
    return page.evaluate("() => getComputedStyle(document.activeElement.closest('label')).boxShadow !== 'none'")


def type_date(page: Any, day: date) -> None:
    """Type a date into the focused date field, as a member does: day, month, year. Chromium lays the
    field out in its interface language (Vietnamese here, see conftest); the value is checked."""
    page.keyboard.type(f"{day:%d%m%Y}")
    value = page.evaluate("document.activeElement.value")
    assert value == day.isoformat(), f"typed {day:%d%m%Y}, the field holds {value!r}"


def answer_by_keyboard(page: Any, code: str, level_index: int, measure: str = "", deadline: date | None = None) -> None:
    """Tab to the indicator's levels, choose one (Space on the first, arrow keys to move along the
    group), then Tab into the measure and the deadline it calls for and type them."""
    tab_to(page, lambda f: f["name"] == f"ans-{code}", f"the levels of {code}")
    assert focus_ring_shown(page), f"no visible focus on the levels of {code}"
    page.keyboard.press("Space")
    for _ in range(level_index):
        page.keyboard.press("ArrowRight")
    if measure:
        tab_to(page, lambda f: f["name"] == f"m-{code}", f"the measure of {code}")
        page.keyboard.type(measure)
        tab_to(page, lambda f: f["name"] == f"d-{code}", f"the deadline of {code}")
        assert deadline is not None
        type_date(page, deadline)
