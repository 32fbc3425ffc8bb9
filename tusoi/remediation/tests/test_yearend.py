"""The year-end sheet: commitments and remediation results, never the self-review's raw answers."""

import io
from datetime import date

from django.urls import reverse
from docx import Document

from tusoi.remediation.models import (
    ItemStatus,
    OwnerKind,
    ProgressEntry,
    RemediationItem,
    Supervision,
    SupervisionAction,
)
from tusoi.remediation.services import plan_seed_from_review
from tusoi.remediation.yearend import member_year_sheet, unit_year_sheet

from .conftest import CAUSES_MARKER, LEVELS, OTHER_MARKER, YEAR, Env, commitment, make_item, make_plan, submit_review

NASTY = '<b>&"=SUM(A1)'
LEVEL_WORDS = [label for _code, label in LEVELS]


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _prepare(env: Env) -> None:
    """member_a's plan from their review, with results and progress, plus a commitment of a second
    review of the year not copied yet, and an item carried over from 2025."""
    result = plan_seed_from_review(review=env.review_a(), actor=env.user("member_a"))
    items = list(result.plan.items.order_by("position"))
    items[0].status, items[0].done_on, items[0].result = ItemStatus.DONE, date(2026, 5, 2), NASTY
    items[0].save()
    RemediationItem.objects.filter(pk=items[1].pk).update(status=ItemStatus.IN_PROGRESS)
    ProgressEntry.objects.create(item=items[1], on=date(2026, 4, 1), note="Đã báo cáo chi ủy lần 1")
    ProgressEntry.objects.create(item=items[1], on=date(2026, 5, 1), note="Đã báo cáo chi ủy lần 2")
    old_plan = make_plan(OwnerKind.MEMBER, env.org.branch_a, member=env.member("member_a"), year=YEAR - 1)
    make_item(old_plan, "Tồn đọng từ năm trước", deadline=date(2025, 12, 1))
    make_item(old_plan, "Đã xong năm trước", status=ItemStatus.DONE, done_on=date(2025, 11, 1))
    from .conftest import make_session

    other = make_session(env.campaign.__class__.objects.create(
        issuer=env.org.bloc, plan_number="99-KH/ĐUK", title="Đợt bổ sung", year=YEAR, catalog=env.catalog,
        target_sectors=["administrative"], target_scopes=["grassroots"], status="published",
    ), env.org.branch_a)  # fmt: skip
    submit_review(
        other,
        env.member("member_a"),
        answers={"I.1.a": "none", "I.1.b": "none", "II.1.a": "sometimes"},
        commitments=[commitment("II.1.a", "Cam kết chưa đưa vào kế hoạch", "2026-11-30")],
    )


def test_member_sheet_carries_commitments_and_results(env: Env) -> None:
    _prepare(env)
    sheet = member_year_sheet(env.member("member_a"), YEAR, today=date(2026, 10, 1))
    rows = [(r.shortcoming, r.state, r.result, r.last_progress, r.carried_from) for r in sheet.rows]
    assert rows == [
        ("Tồn đọng từ năm trước", "overdue", "", "", "2025"),
        ("I.1.a. Chỉ báo I.1.a về tinh thần trách nhiệm", "done", NASTY, "", ""),
        (
            "II.1.a. Chỉ báo II.1.a về tinh thần trách nhiệm",
            "in_progress",
            "",
            "01/05/2026: Đã báo cáo chi ủy lần 2",
            "",
        ),
        ("Chậm nộp báo cáo tháng", "overdue", "", "", ""),
    ]
    assert [r.measures for r in sheet.pending] == ["Cam kết chưa đưa vào kế hoạch"]
    assert sheet.counts.as_dict() == {"not_started": 0, "in_progress": 1, "done": 1, "overdue": 2, "total": 4}
    # A past year is judged on its last day.
    last_year = member_year_sheet(env.member("member_a"), YEAR - 1, today=date(2026, 10, 1))
    assert [(r.shortcoming, r.state) for r in last_year.rows] == [
        ("Tồn đọng từ năm trước", "overdue"),
        ("Đã xong năm trước", "done"),
    ]


def test_member_sheet_page_and_docx_never_show_raw_answers(env: Env) -> None:
    _prepare(env)
    client = env.client("secretary_a")
    page = client.get(reverse("remediation:member_year", args=[env.member("member_a").pk, YEAR])).content.decode()
    response = client.get(reverse("remediation:member_year_docx", args=[env.member("member_a").pk, YEAR]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ket-qua-khac-phuc-tran-thi-binh-2026')
    text = _docx_text(response.content)
    for body in (page, text):
        assert "Không sử dụng xe công việc riêng" in body  # a commitment
        assert "Chậm nộp báo cáo tháng" in body  # another shortcoming, as committed
        assert "Cam kết chưa đưa vào kế hoạch" in body  # a commitment not yet in the plan
        for word in LEVEL_WORDS:
            assert word not in body, word
        assert CAUSES_MARKER not in body and OTHER_MARKER not in body
        assert "Biện pháp còn sót lại" not in body  # the leftover of an indicator answered "none"
    assert NASTY in text  # user text comes out literally in the Word file
    assert "&lt;b&gt;&amp;&quot;=SUM(A1)" in page  # and escaped on the page
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BÁO CÁO KẾT QUẢ KHẮC PHỤC, SỬA CHỮA" in text
    assert "CHI BỘ SỞ ALPHA" in text and "Trần Thị Bình" in text


def test_unit_sheet_has_its_plan_actions_and_member_counts_only(env: Env) -> None:
    _prepare(env)
    branch = make_plan(OwnerKind.BRANCH, env.org.branch_a)
    make_item(
        branch, "Nâng cao chất lượng sinh hoạt", status=ItemStatus.DONE, done_on=date(2026, 4, 1), result="Đã thực hiện"
    )
    supervision = Supervision.objects.create(
        by_unit=env.org.bloc,
        by_path=env.org.bloc.path,
        target=env.org.branch_a,
        target_path=env.org.branch_a.path,
        year=YEAR,
        period_start=date(2026, 5, 1),
        period_end=date(2026, 5, 31),
        content="Giám sát",
        supervisors="Tổ giám sát",
    )
    SupervisionAction.objects.create(
        supervision=supervision,
        target_path=supervision.target_path,
        description="Bổ sung hồ sơ",
        deadline=date(2026, 6, 30),
    )
    sheet = unit_year_sheet(env.org.branch_a, YEAR, today=date(2026, 10, 1), exact_paths={env.org.branch_a.path})
    assert [r.shortcoming for r in sheet.rows] == ["Nâng cao chất lượng sinh hoạt"]
    assert [(r.measures, r.state) for r in sheet.actions] == [("Bổ sung hồ sơ", "overdue")]
    members = RemediationItem.objects.filter(owner_kind=OwnerKind.MEMBER, year=YEAR).count()
    assert 0 < members < 5
    assert sheet.member_counts is not None and sheet.member_counts.total == members  # for the branch committee
    above = unit_year_sheet(env.org.branch_a, YEAR, today=date(2026, 10, 1))  # for anyone else: below k, "—"
    assert above.member_counts is not None and above.member_counts.total is None
    response = env.client("bloc_office").get(reverse("remediation:unit_year_docx", args=[env.org.branch_a.pk, YEAR]))
    text = _docx_text(response.content)
    assert "Nâng cao chất lượng sinh hoạt" in text and "Bổ sung hồ sơ" in text
    assert "Không sử dụng xe công việc riêng" not in text and "Trần Thị Bình" not in text
    assert "T/M CHI ỦY" in text
