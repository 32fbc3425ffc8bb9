"""The minutes as a Word document in the Party's format: it opens, says everything, escapes nothing."""

import io
import os
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Pt

from tusoi.org.models import Member

from .conftest import RoundEnv

NASTY = '<b>&"=SUM(A1)'


def _docx_text(content: bytes) -> tuple[Any, str]:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for cell in table._cells:
            parts.extend(p.text for p in cell.paragraphs)
    return doc, "\n".join(parts)


def _held_meeting(env: RoundEnv) -> None:
    Member.objects.filter(pk=env.member("member_a2").pk).update(is_probationary=True)
    env.create_draft()
    env.circulate()
    env.schedule()
    env.attend({"member_a2": ("absent", "Đi công tác")})
    env.opinion("member_a", "self_criticism", "Tôi còn nể nang, né tránh.")
    env.opinion("secretary_a", "criticism", NASTY, about="member_a")
    env.details()
    env.close_meeting()


def test_minutes_docx_opens_and_lists_every_present_member_and_every_opinion(env: RoundEnv) -> None:
    _held_meeting(env)
    response = env.client("secretary_a").get(env.url("minutes_docx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert response["Cache-Control"].startswith("max-age=0")
    doc, text = _docx_text(response.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG BỘ KHỐI THỬ NGHIỆM" in text
    assert "CHI BỘ SỞ ALPHA" in text
    assert "BIÊN BẢN" in text
    assert f"Tuyên Quang, ngày {env.meeting.date.day:02d} tháng" in text
    for name in ("Nguyễn Thiện Anh", "Trần Thị Bình"):  # the members present
        assert name in text.split("Đảng viên có mặt:")[1].split("\n")[0]
    assert "Lê Văn Cường (Đi công tác)" in text
    assert "3 đồng chí (chính thức: 2; dự bị: 1)" in text
    assert "Tôi còn nể nang, né tránh." in text
    assert NASTY in text  # written literally, neither markup nor a formula
    assert "Phê bình đảng viên khác: đồng chí Trần Thị Bình" in text
    assert "Chi bộ thống nhất thông qua báo cáo đề dẫn." in text
    assert "Buổi sinh hoạt kết thúc lúc 11 giờ 30 cùng ngày." in text
    assert "THƯ KÝ" in text
    assert "CHỦ TRÌ" in text
    section = doc.sections[0]
    assert (round(section.page_width.cm), round(section.page_height.cm, 1)) == (21, 29.7)
    assert round(section.left_margin.cm, 1) == 3.0
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.styles["Normal"].font.size == Pt(14)
    if os.environ.get("TUSOI_KEEP_MINUTES"):  # for looking at it: convert to PDF and render
        Path(os.environ["TUSOI_KEEP_MINUTES"]).write_bytes(response.content)


def test_the_minutes_page_says_the_same_and_escapes_user_text(env: RoundEnv) -> None:
    _held_meeting(env)
    page = env.client("member_a").get(env.url("minutes")).content.decode()
    assert "&lt;b&gt;&amp;&quot;=SUM(A1)" in page
    assert NASTY not in page
    assert "Lê Văn Cường (Đi công tác)" in page
    docx = env.client("member_a").get(env.url("minutes_docx"))
    assert docx.status_code == 200


def test_the_committee_downloads_minutes_in_progress(env: RoundEnv) -> None:
    env.create_draft()
    env.circulate()
    env.schedule()
    response = env.client("secretary_a").get(env.url("minutes_docx"))
    assert response.status_code == 200
    _doc, text = _docx_text(response.content)
    assert "Không có ý kiến thảo luận nào được ghi nhận." in text
    assert "- Chủ trì: ……" in text
