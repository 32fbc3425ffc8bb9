"""The plan's side of a round in the browser: the bloc office issues and publishes a campaign through
its form, a grassroots committee sets earlier deadlines for its branches, and the branch committee
follows its members on the tracker."""

from datetime import date
from typing import Any

from .helpers import alert_text, follow, go, guide_shot, no_horizontal_scroll, open_menu


def issue_campaign(page: Any, base: str, bloc_name: str, catalog_title: str, dates: dict[str, date]) -> None:
    """From the menu to a published campaign: fill the form, save the draft, check it, publish."""
    go(page, f"{base}/")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Đợt sinh hoạt", exact=True))
    follow(page, page.get_by_role("link", name=f"Kế hoạch mới của {bloc_name}"))
    page.get_by_label("Số, ký hiệu kế hoạch").fill("31-KH/ĐUK")
    page.get_by_label("Tên kế hoạch").fill("Sinh hoạt chuyên đề “Tự soi, tự sửa” quý IV")
    page.get_by_label("Căn cứ").fill(
        "Nghị quyết số 04-NQ/TW ngày 30/10/2016 của Ban Chấp hành Trung ương Đảng (khóa XII)\n"
        "Đề án số 16-ĐA/TU ngày 03/01/2020 của Tỉnh ủy"
    )
    page.get_by_label("Kỳ", exact=True).fill("Quý IV")
    catalog = page.get_by_label("Phiên bản danh mục")
    catalog.select_option(label=catalog.locator("option").filter(has_text=catalog_title).first.inner_text())
    sectors = page.get_by_role("group", name="Loại hình đơn vị áp dụng")
    sectors.get_by_label("Cơ quan hành chính").check()
    sectors.get_by_label("Đơn vị sự nghiệp").check()
    scopes = page.get_by_role("group", name="Chi bộ áp dụng")
    scopes.get_by_label("Chi bộ cơ sở").check()
    scopes.get_by_label("Chi bộ trực thuộc đảng ủy cơ sở").check()
    labels = {
        "self_review_due": "Hạn nộp bản tự soi, tự sửa",
        "draft_due": "Hạn hoàn thành dự thảo báo cáo đề dẫn",
        "consultation_due": "Hạn kết thúc góp ý dự thảo",
        "meeting_due": "Hạn tổ chức sinh hoạt chuyên đề",
        "report_due": "Hạn báo cáo kết quả lên cấp trên",
    }
    for name, label in labels.items():
        page.get_by_label(label).fill(dates[name].isoformat())
    page.get_by_label("Hướng dẫn", exact=True).fill(
        "Mỗi đảng viên đối chiếu với các biểu hiện, tự nhận mức độ và cam kết khắc phục."
    )
    guide_shot(page, "vpk-tao-ke-hoach")
    follow(page, page.get_by_role("button", name="Lưu dự thảo"))
    assert page.locator("#publish-preview").is_visible()
    guide_shot(page, "vpk-kiem-tra-truoc-khi-ban-hanh")
    follow(page, page.get_by_role("button", name="Ban hành tới các chi bộ"))
    assert "Đã ban hành kế hoạch" in alert_text(page)


def cascade_deadlines(page: Any, base: str, committee_name: str, self_review_due: date, note: str) -> None:
    """A grassroots committee's office sets an earlier self-review deadline for its branches."""
    go(page, f"{base}/campaigns/")
    follow(page, page.locator("#campaigns").get_by_role("link").first)
    follow(page, page.get_by_role("link", name=f"Quy định thời hạn sớm hơn cho {committee_name}"))
    page.get_by_label("Hạn nộp bản tự soi, tự sửa").fill(self_review_due.isoformat())
    page.get_by_label("Hướng dẫn của cấp ủy").fill(note)
    no_horizontal_scroll(page)
    guide_shot(page, f"vpdu-thoi-han-{_width(page)}", top=True)
    follow(page, page.get_by_role("button", name="Lưu lại"))
    assert "Đã lưu thời hạn cho các chi bộ trực thuộc." in alert_text(page)


def open_tracker(page: Any, base: str, branch_name: str) -> None:
    """The branch committee opens its branch's tracker from the campaign's page."""
    go(page, f"{base}/campaigns/")
    follow(page, page.locator("#campaigns").get_by_role("link").first)
    follow(page, page.get_by_role("link", name="Mở bảng theo dõi của chi bộ"))
    assert page.get_by_role("heading", name=f"Bản tự soi, tự sửa của {branch_name}").is_visible()


def _width(page: Any) -> str:
    return "phone" if page.viewport_size["width"] < 576 else "desktop"
