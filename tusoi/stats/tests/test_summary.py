"""The summary report: generated from the figures, edited as a draft, issued and locked, as .docx."""

import io
import zipfile
from typing import Any

from django.urls import reverse
from docx import Document

from tusoi.org.models import Unit
from tusoi.stats.documents.narrative import results_text
from tusoi.stats.models import SummaryReport, SummaryStatus

from .conftest import StatsEnv


def _create(env: StatsEnv, who: str = "bloc_office", unit: Unit | None = None) -> Any:
    unit = unit or env.org.bloc
    client = env.org.client_for(who)
    return client, client.post(reverse("stats:report_create", args=[unit.pk]), {"campaign": env.campaign.pk})


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_narrative_in_the_register_of_the_report(env: StatsEnv) -> None:
    figures = {
        "sector": None,
        "grassroots_branches": {"held": 38, "total": 38},
        "affiliated_branches": {"held": 183, "total": 183},
        "grassroots_committees": {"completed": 30, "total": 30},
        "sessions": {"held": 221, "total": 221},
        "meetings": 221,
        "opinions": 1699,
        "comments": 12,
        "members": {"enrolled": 4654, "submitted": 4654, "returned": 0, "present": 4282},
        "reports": {"received": 221, "acknowledged": 221, "expected": 221},
        "levels": None,
    }
    text = results_text(figures, env.campaign, env.org.bloc)
    assert (
        "Trong quý IV/2021, đã có 38/38 chi bộ cơ sở; 183/183 chi bộ trực thuộc 30/30 đảng ủy cơ sở thuộc loại hình "
        "cơ quan hành chính, đơn vị sự nghiệp tổ chức sinh hoạt chuyên đề theo Kế hoạch số 31-KH/ĐUK."
    ) in text
    assert "Tại 221 buổi sinh hoạt chuyên đề, đã có 1.699 ý kiến thảo luận" in text
    assert "4.654/4.654 đảng viên đã nộp bản tự soi, tự sửa" in text


def test_the_bloc_office_drafts_edits_and_issues_a_report(env: StatsEnv) -> None:
    org = env.org
    Unit.objects.filter(pk=org.bloc.pk).update(symbol="ĐUK")
    env.hold(org.branch_a, opinions=7)
    client, response = _create(env)
    report = SummaryReport.objects.get()
    assert response["Location"] == reverse("stats:report", args=[report.pk])
    assert report.figures["opinions"] == 7
    page = client.get(response["Location"]).content.decode()
    assert "Trong quý IV/2021, đã có 1/2 chi bộ cơ sở; 0/1 chi bộ trực thuộc 0/1 đảng ủy cơ sở" in page
    bodies = {f"body_{s.key}": s.body for s in report.sections.all()}
    bodies["body_assessment"] = "Đánh giá đã được Văn phòng biên tập lại."
    data = {"number": "12", "place": "Tuyên Quang", "report_date": "2022-01-20", "summary": report.summary, **bodies}
    assert client.post(response["Location"], data).status_code == 302
    report.refresh_from_db()
    assert (report.symbol, str(report.report_date)) == ("12-BC/ĐUK", "2022-01-20")
    assert report.sections.get(key="assessment").body == "Đánh giá đã được Văn phòng biên tập lại."

    assert client.post(reverse("stats:report_issue", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == SummaryStatus.ISSUED
    # Issued means locked: no more edits, regeneration or second issue.
    assert client.post(response["Location"], {**data, "number": "13"}).status_code == 404
    assert client.post(reverse("stats:report_regenerate", args=[report.pk])).status_code == 404
    report.refresh_from_db()
    assert report.number == "12"

    content = client.get(reverse("stats:report_docx", args=[report.pk])).content
    text = docx_text(content)
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "Số 12-BC/ĐUK", "Tuyên Quang, ngày 20 tháng 01 năm 2022"):
        assert expected in text
    assert "ĐẢNG BỘ KHỐI THỬ NGHIỆM" in text
    assert "Đánh giá đã được Văn phòng biên tập lại." in text
    assert "DỰ THẢO" not in text
    document = Document(io.BytesIO(content))
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14
    width = document.sections[0].page_width
    assert width is not None
    assert round(width.cm, 1) == 21.0


def test_regenerating_a_draft_takes_todays_figures(env: StatsEnv) -> None:
    client, _response = _create(env)
    report = SummaryReport.objects.get()
    assert report.figures["opinions"] == 0
    env.hold(env.org.branch_b, opinions=3)
    assert client.post(reverse("stats:report_regenerate", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.figures["opinions"] == 3
    assert "3 ý kiến thảo luận" in report.sections.get(key="results").body
    assert "DỰ THẢO" in docx_text(client.get(reverse("stats:report_docx", args=[report.pk])).content)


def test_issuing_needs_a_number_and_a_place(env: StatsEnv) -> None:
    client, _response = _create(env)
    report = SummaryReport.objects.get()
    SummaryReport.objects.filter(pk=report.pk).update(place="")
    response = client.post(reverse("stats:report_issue", args=[report.pk]), follow=True)
    assert "Ghi địa danh ở đầu văn bản trước khi ban hành." in response.content.decode()
    report.refresh_from_db()
    assert report.status == SummaryStatus.DRAFT


def test_reports_stay_in_their_subtree(env: StatsEnv) -> None:
    org = env.org
    _client, response = _create(env)
    bloc_report = SummaryReport.objects.get()
    committee, response = _create(env, "committee_office", org.committee_c)
    assert response.status_code == 302
    # The committee office cannot draft for the bloc nor see the bloc's report; the bloc sees both.
    assert _create(env, "committee_office")[1].status_code == 404
    assert committee.get(reverse("stats:report", args=[bloc_report.pk])).status_code == 404
    assert committee.get(reverse("stats:report_docx", args=[bloc_report.pk])).status_code == 404
    bloc = org.client_for("bloc_office")
    listing = bloc.get(reverse("stats:reports")).content.decode()
    assert listing.count(reverse("stats:report", args=[bloc_report.pk])) == 1
    assert SummaryReport.objects.count() == 2
    committee_report = SummaryReport.objects.get(unit=org.committee_c)
    results = committee_report.sections.get(key="results").body
    assert (
        "Trong quý IV/2021, đã có 0/1 chi bộ trực thuộc tổ chức sinh hoạt chuyên đề theo Kế hoạch số 31-KH/ĐUK."
        in results
    )
    assert "chi bộ cơ sở" not in docx_text(
        committee.get(reverse("stats:report_docx", args=[committee_report.pk])).content
    )
    for name in ("secretary_a", "member_a"):
        assert org.client_for(name).get(reverse("stats:report", args=[bloc_report.pk])).status_code == 404
        assert _create(env, name, org.branch_a)[1].status_code == 404


def test_the_docx_is_a_valid_word_file_with_user_text_kept_literal(env: StatsEnv) -> None:
    client, _response = _create(env)
    report = SummaryReport.objects.get()
    section = report.sections.get(key="assessment")
    section.body = "Tỷ lệ <100% & “đạt” =SUM(A1)"
    section.save()
    content = client.get(reverse("stats:report_docx", args=[report.pk])).content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "word/document.xml" in archive.namelist()
    assert "Tỷ lệ <100% & “đạt” =SUM(A1)" in docx_text(content)
