"""Each role's pages through HTTP: the start page, creating a plan, adding and editing an item,
recording progress, the committee's branch page, the overview; the navigation link."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tusoi.remediation.models import ItemStatus, OwnerKind, ProgressEntry, RemediationItem, RemediationPlan

from .conftest import YEAR, Env, make_item, make_plan


@pytest.mark.parametrize("name", ["member_a", "member_b", "secretary_a", "committee_office", "bloc_office", "admin"])
def test_start_page_and_nav_link(env: Env, name: str) -> None:
    response = env.client(name).get(reverse("remediation:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="nav-remediation"' in body
    assert ('id="my-remediation"' in body) == (name != "admin")
    assert ('id="oversight"' in body) == (name in ("committee_office", "bloc_office"))
    assert ('id="committee-branches"' in body) == (name == "secretary_a")
    # Years and ids are written without a thousands separator ("2026", never "2.026").
    year = timezone.localdate().year
    assert f'<option value="{year}" selected>{year}</option>' in body
    assert f"{year // 1000}.{year % 1000:03d}" not in body


def test_member_creates_a_plan_adds_an_item_and_records_progress(env: Env) -> None:
    client = env.client("member_a")
    response = client.post(reverse("remediation:plan_create"), {"owner": "me", "year": YEAR})
    plan = RemediationPlan.objects.get(member=env.member("member_a"), year=YEAR)
    assert response["Location"] == reverse("remediation:plan", args=[plan.pk])
    deadline = timezone.localdate() + timedelta(days=30)
    data = {
        "indicator_code": "i.1.a",
        "shortcoming": "Có lúc chưa gương mẫu",
        "cause": "Chủ quan",
        "measures": "Tự giác rèn luyện",
        "responsible": "",
        "deadline": deadline.isoformat(),
        "supervisor": "Chi ủy",
        "status": "not_started",
        "result": "",
    }
    response = client.post(reverse("remediation:item_create", args=[plan.pk]), data)
    item = RemediationItem.objects.get(plan=plan)
    assert response.status_code == 302
    assert (item.indicator_code, item.responsible, item.year, item.unit_path) == (
        "I.1.A",
        "Trần Thị Bình",
        YEAR,
        env.org.branch_a.path,
    )
    progress = client.post(
        reverse("remediation:item", args=[item.pk]), {"on": timezone.localdate().isoformat(), "note": "Đã làm"}
    )
    assert progress.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    done = client.post(
        reverse("remediation:item", args=[item.pk]),
        {"on": timezone.localdate().isoformat(), "note": "Xong", "status": "done"},
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.done_on) == (ItemStatus.DONE, timezone.localdate())
    future = client.post(
        reverse("remediation:item", args=[item.pk]),
        {"on": (timezone.localdate() + timedelta(days=2)).isoformat(), "note": "Sau này"},
    )
    assert future.status_code == 200
    assert ProgressEntry.objects.filter(item=item).count() == 2
    edit = client.post(
        reverse("remediation:item_edit", args=[item.pk]), {**data, "status": "in_progress", "result": "Tiến bộ"}
    )
    assert edit.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.done_on, item.result) == (ItemStatus.IN_PROGRESS, None, "Tiến bộ")


def test_item_without_progress_can_be_removed(env: Env) -> None:
    plan = make_plan(OwnerKind.BRANCH, env.org.branch_a)
    item = make_item(plan, "x")
    kept = make_item(plan, "y")
    ProgressEntry.objects.create(item=kept, on=date(2026, 1, 1), note="n")
    client = env.client("secretary_a")
    assert client.post(reverse("remediation:item_delete", args=[kept.pk])).status_code == 302
    assert client.post(reverse("remediation:item_delete", args=[item.pk])).status_code == 302
    assert list(plan.items.values_list("shortcoming", flat=True)) == ["y"]


def test_branch_page_for_its_committee(env: Env) -> None:
    m = env.member("member_a")
    plan = make_plan(OwnerKind.MEMBER, env.org.branch_a, member=m)
    make_item(plan, "a", deadline=date(2020, 1, 1))
    make_item(plan, "b", status=ItemStatus.DONE, done_on=date(2026, 1, 1))
    url = reverse("remediation:branch", args=[env.org.branch_a.pk]) + f"?year={YEAR}"
    body = env.client("secretary_a").get(url).content.decode()
    assert f'id="member-plan-{m.pk}"' in body
    assert f'id="btn-seed-members-{env.session_a.pk}"' in body
    for name in ("member_a", "secretary_b", "bloc_office"):
        assert env.client(name).get(url).status_code == 404
    created = env.client("secretary_a").post(
        reverse("remediation:plan_create"), {"unit": env.org.branch_a.pk, "year": YEAR}
    )
    assert created.status_code == 302
    assert RemediationPlan.objects.filter(owner_kind=OwnerKind.BRANCH, unit=env.org.branch_a).exists()
    refused = env.client("member_a").post(
        reverse("remediation:plan_create"), {"unit": env.org.branch_b.pk, "year": YEAR}
    )
    assert refused.status_code == 404
    nonsense = env.client("secretary_a").post(reverse("remediation:plan_create"), {"unit": "abc", "year": YEAR})
    assert nonsense.status_code == 404


def test_subtree_overview_for_offices(env: Env) -> None:
    plan = make_plan(OwnerKind.MEMBER, env.org.branch_c1, member=env.member("member_c1"))
    make_item(plan, "MARKER-C1", deadline=date(2020, 1, 1))
    body = env.client("committee_office").get(
        reverse("remediation:subtree", args=[env.org.committee_c.pk]) + f"?year={YEAR}"
    )
    assert body.status_code == 200
    html = body.content.decode()
    assert f'id="row-{env.org.branch_c1.pk}"' in html and "MARKER-C1" not in html
    assert env.client("committee_office").get(reverse("remediation:subtree", args=[env.org.bloc.pk])).status_code == 404
    assert env.client("bloc_office").get(reverse("remediation:subtree", args=[env.org.bloc.pk])).status_code == 200
    assert (
        env.client("bloc_office").get(reverse("remediation:subtree", args=[env.org.bloc.pk]) + "?year=abc").status_code
        == 404
    )
