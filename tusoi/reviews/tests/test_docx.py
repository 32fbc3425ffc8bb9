"""The personal report as .docx: opened with python-docx, in the Party's format, user text literal."""

import io
from datetime import date

from django.urls import reverse
from docx import Document
from docx.shared import Mm, Pt

from tusoi.reviews.models import SelfReview
from tusoi.reviews.report import document_date

from .conftest import Round, complete_post

NASTY = '<b>&"=SUM(A1)'


def _all_text(document: object) -> str:
    parts = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    for table in document.tables:  # type: ignore[attr-defined]
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def _submitted_docx(rnd: Round) -> tuple[SelfReview, object]:
    client = rnd.client("member_a")
    review = rnd.reviews["member_a"]
    post = complete_post(
        0, action="submit", causes=f"Nguyên nhân {NASTY}\nDòng thứ hai", **{"m-I.1.a": f"Biện pháp {NASTY}"}
    )
    assert client.post(reverse("reviews:review_edit", args=[review.pk]), post).status_code == 302
    response = client.get(reverse("reviews:review_docx", args=[review.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment;" in response["Content-Disposition"]
    assert ".docx" in response["Content-Disposition"]
    return SelfReview.objects.get(pk=review.pk), Document(io.BytesIO(response.content))


def test_docx_has_the_party_header_identity_answers_and_commitments(rnd: Round) -> None:
    _, document = _submitted_docx(rnd)
    text = _all_text(document)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG BỘ KHỐI THỬ NGHIỆM" in text  # the superior body, upper case
    assert "CHI BỘ SỞ ALPHA" in text
    assert "BẢN TỰ SOI, TỰ SỬA" in text
    assert "Kỳ Q4/2021" in text
    assert "Kế hoạch số 31-KH/ĐUK" in text
    assert "Họ và tên: Trần Thị Bình" in text
    assert "Đơn vị công tác: Sở Alpha" in text
    assert "Chức vụ Đảng: Đảng viên" in text
    assert "I.1.a. Phai nhạt lý tưởng cách mạng: mức độ “Thỉnh thoảng”" in text
    assert "II.1.a. Cá nhân chủ nghĩa, sống ích kỷ: mức độ “Thường xuyên”" in text
    assert "Xa rời tôn chỉ" not in text  # answered "none": only summarised
    assert "tự đánh giá ở mức “Không có”" in text
    assert "Chưa đúng giờ trong sinh hoạt chi bộ" in text
    assert "NGƯỜI TỰ SOI" in text
    assert "{{" not in text
    assert "{%" not in text
    assert "Bản nháp" not in text
    today = date.today()
    day, month, year = document_date(today)
    assert f"Tuyên Quang, ngày {day} tháng {month} năm {year}" in text
    commitments = document.tables[1]  # type: ignore[attr-defined]
    assert [c.text for c in commitments.rows[0].cells] == [
        "TT",
        "Hạn chế, khuyết điểm",
        "Biện pháp khắc phục",
        "Thời hạn",
    ]
    assert len(commitments.rows) == 4  # header + 2 indicators + 1 other shortcoming
    assert commitments.rows[3].cells[1].text == "Đến muộn"


def test_docx_user_text_comes_out_literally(rnd: Round) -> None:
    _, document = _submitted_docx(rnd)
    text = _all_text(document)
    assert f"Nguyên nhân {NASTY}" in text
    assert "Dòng thứ hai" in [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    assert f"Biện pháp {NASTY}" in text


def test_docx_page_and_font_follow_the_party_format(rnd: Round) -> None:
    _, document = _submitted_docx(rnd)
    section = document.sections[0]  # type: ignore[attr-defined]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    margins = [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ]
    top, bottom, left, right = margins  # whole millimetres (Word stores twentieths of a point)
    assert 20 <= top <= 25
    assert 20 <= bottom <= 25
    assert 30 <= left <= 35
    assert 15 <= right <= 20
    normal = document.styles["Normal"]  # type: ignore[attr-defined]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    heading = document.tables[0].rows[0].cells[1].paragraphs[0].runs[0]  # type: ignore[attr-defined]
    assert heading.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert heading.bold
    assert heading.underline


def test_draft_docx_is_marked_as_draft(rnd: Round) -> None:
    client = rnd.client("member_a")
    review = rnd.reviews["member_a"]
    client.post(reverse("reviews:review_edit", args=[review.pk]), {"base_version": "0", "ans-I.1.a": "often"})
    document = Document(io.BytesIO(client.get(reverse("reviews:review_docx", args=[review.pk])).content))
    text = _all_text(document)
    assert "(Bản nháp, chưa nộp chi ủy)" in text
    assert "Còn 2 biểu hiện chưa tự đánh giá." in text


def test_document_date_pads_days_below_10_and_months_below_3() -> None:
    assert document_date(date(2022, 1, 20)) == ("20", "01", "2022")
    assert document_date(date(2022, 3, 5)) == ("05", "3", "2022")
    assert document_date(date(2022, 12, 31)) == ("31", "12", "2022")
