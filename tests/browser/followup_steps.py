"""After the meeting, in the browser: remediation plans and their progress, and the bulletin post
that tells the public how the round went."""

import re
import struct
import zlib
from datetime import date
from typing import Any

from .helpers import alert_text, follow, go, open_menu


def png(width: int = 2, height: int = 2) -> bytes:
    """A small, valid PNG (grey pixels): the evidence file of a progress entry, whose content the
    server checks, not its name."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def open_remediation(page: Any, base: str) -> None:
    go(page, f"{base}/")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Khắc phục, sửa chữa", exact=True))


def member_copies_commitments(page: Any, base: str) -> None:
    """A member puts the commitments of their submitted self-review into their own plan."""
    open_remediation(page, base)
    follow(page, page.get_by_role("button", name="Đưa các cam kết vào kế hoạch của tôi"))
    assert page.locator("#items").is_visible()


def record_progress(page: Any, item_text: str, on: date, note: str) -> None:
    """On the plan's page, open an item and record what was done, with a picture as evidence."""
    follow(page, page.locator("#items").get_by_role("link").filter(has_text=item_text).first)
    page.get_by_label("Ngày", exact=True).fill(on.isoformat())
    page.get_by_label("Nội dung đã thực hiện").fill(note)
    page.get_by_label("Tệp minh chứng (không bắt buộc)").set_input_files(
        files=[{"name": "bien-ban-gop-y.png", "mimeType": "image/png", "buffer": png()}]
    )
    page.get_by_label("Tình trạng sau lần cập nhật này").select_option("in_progress")
    follow(page, page.get_by_role("button", name="Ghi nhận", exact=True))
    assert note in page.locator("#entries").inner_text()


def committee_makes_branch_plan(page: Any, base: str, branch_name: str) -> None:
    """The branch committee fills the branch's plan from the meeting's conclusion."""
    open_remediation(page, base)
    follow(page, page.locator("#committee-branches").get_by_role("link", name=branch_name))
    follow(page, page.get_by_role("button", name="Lập kế hoạch chi bộ từ kết luận buổi sinh hoạt").first)
    assert page.locator("#items").is_visible()


def open_dashboard(page: Any, base: str) -> None:
    """The statistics of the user's own unit, from the menu."""
    go(page, f"{base}/")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Thống kê", exact=True))
    assert page.locator("#figures").is_visible()


def figure(page: Any, name: str) -> str:
    """A headline figure of the dashboard ("" when the dashboard does not show it)."""
    cell = page.locator(f"#figures [data-figure={name}]")
    return cell.inner_text() if cell.count() else ""


def sub_unit_row(page: Any, unit_name: str) -> list[str]:
    """The cells of a sub-unit's row: name, branches held, self-reviews, meetings, opinions, present, reports."""
    row = page.locator("#sub-units-table tbody tr").filter(has=page.get_by_role("link", name=unit_name, exact=True))
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


def post_from_campaign(page: Any, base: str, plan_number: str, title: str) -> None:
    """The bloc office drafts a post from the campaign's figures, edits its title, publishes it."""
    go(page, f"{base}/")
    open_menu(page)
    follow(page, page.get_by_role("link", name="Tin tức", exact=True))
    follow(page, page.get_by_role("link", name="Soạn tin từ kết quả kế hoạch"))
    campaign = page.get_by_label(re.compile(r"^Kế hoạch( \*)?$"))  # the label ends with a required mark
    campaign.select_option(label=campaign.locator("option").filter(has_text=plan_number).first.inner_text())
    follow(page, page.get_by_role("button", name="Soạn bản nháp"))
    page.get_by_label(re.compile(r"^Tiêu đề( \*)?$")).fill(title)
    follow(page, page.get_by_role("button", name="Lưu thay đổi"))
    follow(page, page.get_by_role("button", name="Đăng tin"))
    assert "đã đăng" in page.locator("#preview-bar").inner_text()
    assert alert_text(page)


def read_the_news(page: Any, base: str, title: str) -> None:
    """Anyone, without signing in, finds the post on the public news page and reads it."""
    go(page, f"{base}/tin-tuc/")
    follow(page, page.get_by_role("link", name=title))
    assert page.get_by_role("heading", name=title).is_visible()
