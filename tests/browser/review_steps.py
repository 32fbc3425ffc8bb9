"""The member's self-review form in the browser, found by what a person sees: the manifestation's
text (each indicator is a group named by its legend), the level's label, the field's label."""

import re
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import OperationalError

from tusoi.reviews.models import SelfReview

from .helpers import follow, go, open_menu

LEVELS = {"none": "Không có", "sometimes": "Thỉnh thoảng", "often": "Thường xuyên"}


def open_my_review(page: Any, base: str) -> None:
    """From the menu ("Đợt sinh hoạt" leads a member to their own rounds) to the form."""
    go(page, f"{base}/")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Đợt sinh hoạt", exact=True))
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
