"""The branch round after the self-reviews, step by step as people do it in the browser: each
function starts from the round's page (or the user's list of rounds) and clicks its way through.

Every page opened is checked by axe (`helpers.go`/`follow`); the callers check the database.
"""

from datetime import date
from typing import Any

from .helpers import follow, go, guide_shot, no_horizontal_scroll, open_menu


def open_round(page: Any, base: str, branch_name: str) -> None:
    """From the menu's "thematic meetings" to the branch's round page."""
    go(page, f"{base}/")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Sinh hoạt chuyên đề", exact=True))
    follow(page, page.locator("#rounds").get_by_role("link").filter(has_text=branch_name).first)
    assert page.get_by_role("heading", name=branch_name, exact=True).is_visible()


def create_and_edit_draft(page: Any, assessment: str) -> None:
    """The committee creates the draft from the self-reviews and writes part II."""
    follow(page, page.get_by_role("button", name="Tạo dự thảo"))
    assert page.get_by_role("heading", name="Dự thảo báo cáo đề dẫn").is_visible()
    follow(page, page.locator("#section-assessment").get_by_role("link", name="Sửa phần này"))
    body = page.get_by_label("Nội dung", exact=True)
    body.fill(f"{body.input_value()}\n{assessment}")
    follow(page, page.locator("#btn-save-section"))  # "Lưu lại": the project's wording of "Save"
    assert assessment in page.locator("#section-assessment").inner_text()


def circulate(page: Any, due: date) -> None:
    """Back on the round's page, send the draft to the members for comments."""
    follow(page, page.get_by_role("link", name=page.locator("nav .breadcrumb-item a").nth(1).inner_text()))
    follow(page, page.get_by_role("link", name="Gửi lấy ý kiến và trả lời góp ý"))
    page.get_by_label("Hạn góp ý").fill(due.isoformat())
    follow(page, page.get_by_role("button", name="Gửi lấy ý kiến"))
    assert page.locator("#circulated").is_visible()


def comment(page: Any, text: str, part: str = "II. Đánh giá") -> None:
    """A member reads the circulated draft and sends a comment to the committee."""
    follow(page, page.get_by_role("link", name="Đọc dự thảo và góp ý"))
    assert page.locator("#circulated-draft").is_visible()
    part_select = page.get_by_label("Phần của dự thảo")
    option = part_select.locator("option").filter(has_text=part).first.get_attribute("value")
    part_select.select_option(option)
    page.get_by_label("Loại ý kiến").select_option("manifestation")
    page.get_by_label("Ý kiến góp ý hoặc đề xuất của đồng chí").fill(text)
    follow(page, page.get_by_role("button", name="Gửi chi ủy"))
    assert text in page.locator("article[id^=comment-]").first.inner_text()


def accept_comment(page: Any, reply: str) -> None:
    """The committee accepts the (only) open comment with a reply."""
    follow(page, page.get_by_role("link", name="Gửi lấy ý kiến và trả lời góp ý"))
    thread = page.locator("article[id^=comment-]").first
    thread.get_by_label("Tiếp thu", exact=True).check()
    thread.get_by_label("Trả lời đảng viên").fill(reply)
    follow(page, thread.get_by_role("button", name="Ghi nhận quyết định"))
    assert page.locator("article[id^=comment-] .badge").first.inner_text() == "Đã tiếp thu"


def back_to_round(page: Any) -> None:
    follow(page, page.locator("nav[aria-label] .breadcrumb-item a").nth(1))


def schedule_meeting(page: Any, day: date, place: str) -> None:
    follow(page, page.get_by_role("link", name="Lên lịch sinh hoạt"))
    page.get_by_label("Ngày", exact=True).fill(day.isoformat())
    page.get_by_label("Giờ", exact=True).fill("08:00")
    page.get_by_label("Địa điểm", exact=True).fill(place)
    page.get_by_label("Địa danh ghi ở đầu biên bản").fill("Tuyên Quang")
    follow(page, page.get_by_role("button", name="Lưu và thông báo cho đảng viên"))
    assert page.get_by_role("heading", name="Buổi sinh hoạt chuyên đề").is_visible() or page.url.endswith("/meeting/")


def record_attendance(page: Any, excused: dict[str, str]) -> None:
    """Everyone present except `excused` (name → reason)."""
    for name, reason in excused.items():
        row = page.locator("#attendance fieldset").filter(has_text=name)
        row.get_by_label("Miễn sinh hoạt (có lý do)").check()
        row.get_by_label("Lý do", exact=True).fill(reason)
    follow(page, page.get_by_role("button", name="Lưu tình hình dự sinh hoạt"))
    assert page.locator("#quorum-met").is_visible()


def add_opinion(page: Any, speaker: str, kind: str, summary: str, about: str | None = None) -> None:
    form = page.locator("#opinions form").last
    form.get_by_label("Người phát biểu").select_option(label=speaker)
    form.get_by_label("Loại ý kiến thảo luận").select_option(kind)
    if about:
        form.get_by_label("Đảng viên được góp ý, phê bình").select_option(label=about)
    form.get_by_label("Tóm tắt", exact=True).fill(summary)
    follow(page, form.get_by_role("button", name="Thêm ý kiến"))
    assert summary in page.locator("#opinions").inner_text()


def write_minutes(page: Any, chair: str, secretary: str, conclusion: str) -> None:
    form = page.locator("#details form")
    form.get_by_label("Chủ trì", exact=True).select_option(label=chair)
    form.get_by_label("Thư ký", exact=True).select_option(label=secretary)
    form.get_by_label("Đại biểu cấp trên").fill("Đồng chí Bùi Văn Minh, chuyên viên Văn phòng Đảng ủy Khối")
    form.get_by_label("Nội dung", exact=True).fill("Sinh hoạt chuyên đề “Tự soi, tự sửa”, thảo luận báo cáo đề dẫn.")
    adopted = form.get_by_label("Báo cáo đề dẫn được thông qua")
    adopted.select_option(index=1)  # the newest version
    form.get_by_label("Kết luận của chủ trì").fill(conclusion)
    form.get_by_label("Giờ kết thúc").fill("11:30")
    follow(page, form.locator("#btn-details"))


def close_meeting_and_minutes(page: Any) -> None:
    follow(page, page.get_by_role("button", name="Kết thúc buổi sinh hoạt"))
    follow(page, page.get_by_role("button", name="Khóa biên bản"))
    assert page.locator("#btn-addendum").is_visible()


def send_results(page: Any, number: str, assessment: str, headlines: str) -> None:
    back_to_round(page)
    follow(page, page.locator("#step-results").get_by_role("link", name="Báo cáo kết quả"))
    page.get_by_label("Số, ký hiệu").fill(number)
    page.get_by_label("Đánh giá chung").fill(assessment)
    page.get_by_label("Những nội dung khắc phục, sửa chữa chính của chi bộ").fill(headlines)
    follow(page, page.get_by_role("button", name="Gửi cấp trên"))
    assert page.locator("#results-status").inner_text() == "Đã gửi"


def acknowledge(page: Any, base: str, branch_name: str, shot: str | None = None) -> None:
    """The superior's office opens its inbox of results reports and acknowledges the branch's."""
    go(page, f"{base}/rounds/")
    follow(page, page.get_by_role("link", name="Báo cáo kết quả đã nhận"))
    follow(page, page.locator("#inbox").get_by_role("link").filter(has_text=branch_name))
    if shot:
        no_horizontal_scroll(page)
        guide_shot(page, shot)
    follow(page, page.get_by_role("button", name="Tiếp nhận", exact=True))
    assert page.locator("#results-status").inner_text() == "Cấp trên đã tiếp nhận"
