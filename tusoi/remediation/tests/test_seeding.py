"""Plans seeded from a member's commitments and from a branch's meeting and consultation."""

from datetime import date

from django.urls import reverse

from tusoi.core.models import AuditEvent
from tusoi.remediation.models import ItemSource, OwnerKind, RemediationItem, RemediationPlan
from tusoi.remediation.services import plan_seed_from_review

from .conftest import YEAR, Env


def test_member_seeds_own_plan_from_submitted_review(env: Env) -> None:
    review = env.review_a()
    response = env.client("member_a").post(reverse("remediation:seed_review", args=[review.pk]))
    plan = RemediationPlan.objects.get(owner_kind=OwnerKind.MEMBER, member=env.member("member_a"))
    assert response.status_code == 302
    assert response["Location"] == reverse("remediation:plan", args=[plan.pk])
    assert (plan.year, plan.unit_id) == (YEAR, env.org.branch_a.pk)
    items = list(plan.items.order_by("position"))
    # The "none" indicator's leftover measure is not copied; the other shortcoming is, in the member's words.
    assert [(i.indicator_code, i.measures) for i in items] == [
        ("I.1.a", "Đọc kỹ văn bản trước khi trình ký"),
        ("II.1.a", "Không sử dụng xe công việc riêng"),
        ("", "Hoàn thành báo cáo đúng hạn"),
    ]
    assert items[0].shortcoming == "Chỉ báo I.1.a về tinh thần trách nhiệm"
    assert items[2].shortcoming == "Chậm nộp báo cáo tháng"
    assert items[0].deadline == date(2026, 9, 30)
    assert {i.source for i in items} == {ItemSource.COMMITMENT}
    assert all(i.responsible == "Trần Thị Bình" for i in items)
    # Nothing of the review's other answers is copied.
    texts = " ".join(f"{i.shortcoming} {i.cause} {i.measures} {i.result}" for i in items)
    assert "NGUYENNHAN" not in texts and "KHUYETDIEM-KHAC" not in texts and "Thỉnh thoảng" not in texts


def test_seeding_twice_adds_nothing_and_keeps_edits(env: Env) -> None:
    review = env.review_a()
    first = plan_seed_from_review(review=review, actor=env.user("member_a"))
    RemediationItem.objects.filter(plan=first.plan).update(result="Đã sửa")
    second = plan_seed_from_review(review=review, actor=env.user("secretary_a"))
    assert (first.added, second.added) == (3, 0)
    assert second.plan.pk == first.plan.pk
    assert set(first.plan.items.values_list("result", flat=True)) == {"Đã sửa"}


def test_branch_committee_seeds_all_members_plans(env: Env) -> None:
    env.review_a()
    from .conftest import commitment, submit_review

    submit_review(
        env.session_a,
        env.member("member_a2"),
        answers={"I.1.a": "often", "I.1.b": "none", "II.1.a": "none"},
        commitments=[commitment("I.1.a", "Gương mẫu đi làm đúng giờ", "2026-10-01")],
    )
    response = env.client("secretary_a").post(reverse("remediation:seed_members", args=[env.session_a.pk]))
    assert response.status_code == 302
    counts = dict(
        RemediationItem.objects.filter(owner_kind=OwnerKind.MEMBER)
        .values_list("plan__member__full_name")
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
    )
    assert counts == {"Trần Thị Bình": 3, "Lê Văn Cường": 1}


def test_others_cannot_seed_a_members_plan(env: Env) -> None:
    review = env.review_a()
    for name in ("member_a2", "secretary_b", "bloc_office", "committee_office"):
        assert env.client(name).post(reverse("remediation:seed_review", args=[review.pk])).status_code == 404
    assert (
        env.client("secretary_b").post(reverse("remediation:seed_members", args=[env.session_a.pk])).status_code == 404
    )
    assert not RemediationItem.objects.exists()


def test_a_draft_review_is_not_seeded(env: Env) -> None:
    review = env.review_a()
    review.status = "draft"
    review.save(update_fields=["status"])
    response = env.client("member_a").post(reverse("remediation:seed_review", args=[review.pk]), follow=True)
    assert "Chỉ những cam kết của bản tự soi đã nộp" in response.content.decode()
    assert not RemediationItem.objects.exists()


def test_branch_plan_seeded_from_conclusion_and_accepted_proposals(env: Env) -> None:
    env.hold_meeting_a(
        "- Khắc phục tình trạng nể nang trong phê bình\n"
        "- Đồng chí Trần Thị Bình cần chấn chỉnh tác phong\n"
        "\n"
        "- Nâng cao chất lượng sinh hoạt chi bộ"
    )
    response = env.client("secretary_a").post(reverse("remediation:seed_session", args=[env.session_a.pk]), follow=True)
    plan = RemediationPlan.objects.get(owner_kind=OwnerKind.BRANCH, unit=env.org.branch_a)
    assert (plan.year, plan.member_id) == (YEAR, None)
    measures = list(plan.items.order_by("position").values_list("measures", "source"))
    assert measures == [
        ("Khắc phục tình trạng nể nang trong phê bình", ItemSource.CONCLUSION),
        ("Nâng cao chất lượng sinh hoạt chi bộ", ItemSource.CONCLUSION),
        ("Nhiệm vụ: tổ chức học tập chuyên đề hằng quý", ItemSource.PROPOSAL),
        ("Giải pháp: công khai lịch tiếp dân", ItemSource.PROPOSAL),
    ]
    # The line naming a member stays out of a plan read above the branch, and the committee is told.
    assert "1 dòng có nêu tên đảng viên" in response.content.decode()
    again = env.client("secretary_a").post(reverse("remediation:seed_session", args=[env.session_a.pk]))
    assert again.status_code == 302
    assert plan.items.count() == 4


def test_branch_plan_needs_a_held_meeting_and_its_committee(env: Env) -> None:
    url = reverse("remediation:seed_session", args=[env.session_a.pk])
    assert env.client("member_a").post(url).status_code == 404
    assert env.client("bloc_office").post(url).status_code == 404
    response = env.client("secretary_a").post(url, follow=True)
    assert "sau khi đã tổ chức buổi sinh hoạt chuyên đề" in response.content.decode()
    assert not RemediationPlan.objects.exists()


def test_branch_plan_item_naming_a_member_is_refused(env: Env) -> None:
    from .conftest import make_plan

    plan = make_plan(OwnerKind.BRANCH, env.org.branch_a)
    response = env.client("secretary_a").post(
        reverse("remediation:item_create", args=[plan.pk]),
        {"measures": "Nhắc nhở đồng chí Lê Văn Cường", "status": "not_started"},
    )
    assert response.status_code == 200
    assert "không được nêu tên đảng viên" in response.content.decode()
    assert not plan.items.exists()
    assert AuditEvent.objects.filter(action="remediation.item.create").count() == 0
