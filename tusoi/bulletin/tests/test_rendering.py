"""The dateline in the portal's style and the plain-text body."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from tusoi.bulletin.rendering import body_blocks, dateline, render_body
from tusoi.bulletin.services import post_slug

from .conftest import local


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (17, "Thứ Hai, ngày 17/1/2022 - 09:38"),
        (18, "Thứ Ba, ngày 18/1/2022 - 09:38"),
        (19, "Thứ Tư, ngày 19/1/2022 - 09:38"),
        (20, "Thứ Năm, ngày 20/1/2022 - 09:38"),
        (21, "Thứ Sáu, ngày 21/1/2022 - 09:38"),
        (22, "Thứ Bảy, ngày 22/1/2022 - 09:38"),
        (23, "Chủ Nhật, ngày 23/1/2022 - 09:38"),
    ],
)
def test_dateline_has_the_vietnamese_weekday_and_no_leading_zeros(day, expected):
    with translation.override("vi"):
        assert dateline(local(2022, 1, day, 9, 38)) == expected


def test_dateline_is_in_vietnam_time():
    # 20:05 UTC on Wednesday 19 January is 03:05 on Thursday 20 January in Hà Nội.
    with translation.override("vi"):
        assert dateline(datetime(2022, 1, 19, 20, 5, tzinfo=UTC)) == "Thứ Năm, ngày 20/1/2022 - 03:05"
        assert dateline(local(2021, 12, 5, 14, 0)) == "Chủ Nhật, ngày 5/12/2021 - 14:00"


def test_dateline_in_english():
    with translation.override("en"):
        assert dateline(local(2022, 1, 20, 9, 38)) == "Thursday, 20/1/2022 - 09:38"


def test_body_paragraphs_and_subheadings():
    text = "Mở đầu.\r\n\r\n## Kết quả\n\nDòng một\ndòng hai.\n\n\n\n## không phải\ntiêu đề"
    assert body_blocks(text) == [
        ("p", "Mở đầu."),
        ("h", "Kết quả"),
        ("p", "Dòng một\ndòng hai."),
        ("p", "## không phải\ntiêu đề"),
    ]
    html = str(render_body(text))
    assert html.startswith("<p>Mở đầu.</p>\n<h2 class=")
    assert "<p>Dòng một<br>dòng hai.</p>" in html


def test_body_escapes_everything():
    html = str(
        render_body('<b onclick="x()">đậm</b> & <a href="javascript:alert(1)">x</a>\n\n## <img src=x onerror=alert(1)>')
    )
    assert "<b" not in html
    assert "<a " not in html
    assert "<img" not in html
    assert "&lt;b onclick=&quot;x()&quot;&gt;đậm&lt;/b&gt; &amp; " in html


def test_slug_folds_vietnamese_and_never_is_empty():
    assert post_slug("Đảng bộ Khối tổ chức 221 buổi sinh hoạt “Tự soi, tự sửa”") == (
        "dang-bo-khoi-to-chuc-221-buoi-sinh-hoat-tu-soi-tu-sua"
    )
    assert post_slug("!!!") == "tin-bai"
    assert len(post_slug("Tin " * 100)) <= 120


def test_long_slugs_are_cut_at_a_word_boundary():
    words = "-".join(["chuyen-de"] * 20)  # 199 characters
    slug = post_slug(words.replace("-", " "))
    assert len(slug) <= 120
    assert slug.endswith("-chuyen-de")
    assert post_slug("x" * 200) == "x" * 120
