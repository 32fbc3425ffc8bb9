"""Who sees what: members' plans, items, evidence files and year-end sheets only to the member and
their branch committee; branch and committee plans in full to the levels above; members' plans above
the branch as counts only. A denied object answers 404, like a missing one."""

from datetime import date

import pytest
from django.urls import reverse

from tusoi.core.models import AuditEvent
from tusoi.remediation.models import OwnerKind, ProgressEntry

from .conftest import YEAR, Env, make_item, make_plan, member_plan

PERSONAS = (
    "member_a",
    "member_a2",
    "member_b",
    "secretary_a",
    "secretary_b",
    "committee_office",
    "bloc_office",
    "admin",
    "anonymous",
)
PDF = b"%PDF-1.4\n%%EOF\n"


def _status(env: Env, name: str, url: str) -> int:
    response = env.client(name).get(url)
    if name == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return 404  # counted with those who may not see
    return response.status_code


def _matrix(env: Env, url: str) -> set[str]:
    """The personas that get the page."""
    return {name for name in PERSONAS if _status(env, name, url) == 200}


@pytest.fixture
def plans(env: Env, media: object) -> dict[str, object]:
    """A plan for member_a, member_a2 and member_b (each item with its own marker, member_a's with a
    progress entry and a file), the plans of branch A and committee C."""
    plan_a, item_a = member_plan(env, "member_a", "MARKER-MEMBER-A-51", deadline=date(2020, 1, 1))
    member_plan(env, "member_a2", "MARKER-MEMBER-A2-52", deadline=date(2020, 1, 1))
    member_plan(env, "member_b", "MARKER-MEMBER-B-53", deadline=date(2020, 1, 1))
    from django.core.files.base import ContentFile

    entry = ProgressEntry(item=item_a, on=date(2026, 1, 5), note="MARKER-ENTRY-A-54", evidence_name="a.pdf")
    entry.evidence.save("x.pdf", ContentFile(PDF), save=False)
    entry.evidence_type = "pdf"
    entry.save()
    branch = make_plan(OwnerKind.BRANCH, env.org.branch_a)
    branch_item = make_item(branch, "MARKER-BRANCH-A-55", deadline=date(2020, 1, 1))
    committee = make_plan(OwnerKind.COMMITTEE, env.org.committee_c)
    make_item(committee, "MARKER-COMMITTEE-C-56")
    return {
        "plan_a": plan_a,
        "item_a": item_a,
        "entry_a": entry,
        "branch": branch,
        "branch_item": branch_item,
        "committee": committee,
    }


def test_members_plan_items_and_evidence(env: Env, plans: dict) -> None:
    who = {"member_a", "secretary_a"}
    assert _matrix(env, reverse("remediation:plan", args=[plans["plan_a"].pk])) == who
    assert _matrix(env, reverse("remediation:item", args=[plans["item_a"].pk])) == who
    assert _matrix(env, reverse("remediation:item_edit", args=[plans["item_a"].pk])) == who
    assert _matrix(env, reverse("remediation:evidence", args=[plans["entry_a"].pk])) == who
    assert _matrix(env, reverse("remediation:item_create", args=[plans["plan_a"].pk])) == who


def test_branch_plan_is_read_above_and_by_its_members(env: Env, plans: dict) -> None:
    url = reverse("remediation:plan", args=[plans["branch"].pk])
    assert _matrix(env, url) == {"member_a", "member_a2", "secretary_a", "bloc_office"}
    # Only its committee keeps it.
    edit = reverse("remediation:item_edit", args=[plans["branch_item"].pk])
    assert _matrix(env, edit) == {"secretary_a"}


def test_committee_plan_is_read_by_its_office_and_above(env: Env, plans: dict) -> None:
    url = reverse("remediation:plan", args=[plans["committee"].pk])
    assert _matrix(env, url) == {"committee_office", "bloc_office"}


def test_year_end_sheets(env: Env, plans: dict) -> None:
    member = reverse("remediation:member_year", args=[env.member("member_a").pk, YEAR])
    member_docx = reverse("remediation:member_year_docx", args=[env.member("member_a").pk, YEAR])
    assert _matrix(env, member) == {"member_a", "secretary_a"}
    assert _matrix(env, member_docx) == {"member_a", "secretary_a"}
    unit = reverse("remediation:unit_year", args=[env.org.branch_a.pk, YEAR])
    assert _matrix(env, unit) == {"member_a", "member_a2", "secretary_a", "bloc_office"}
    assert _matrix(env, reverse("remediation:unit_year_docx", args=[env.org.branch_a.pk, YEAR])) == {
        "member_a",
        "member_a2",
        "secretary_a",
        "bloc_office",
    }


def test_markers_appear_only_where_they_may(env: Env, plans: dict) -> None:
    """Every page each persona can open, searched for every member's marker."""
    pages = [
        reverse("remediation:index") + f"?year={YEAR}",
        reverse("remediation:subtree", args=[env.org.bloc.pk]) + f"?year={YEAR}",
        reverse("remediation:subtree", args=[env.org.committee_c.pk]) + f"?year={YEAR}",
        reverse("remediation:overdue", args=[env.org.bloc.pk]),
        reverse("remediation:overdue", args=[env.org.committee_c.pk]),
        reverse("remediation:branch", args=[env.org.branch_a.pk]) + f"?year={YEAR}",
        reverse("remediation:branch", args=[env.org.branch_b.pk]) + f"?year={YEAR}",
        reverse("remediation:unit_year", args=[env.org.branch_a.pk, YEAR]),
        reverse("remediation:unit_year", args=[env.org.bloc.pk, YEAR]),
        reverse("remediation:plan", args=[plans["branch"].pk]),
    ]
    allowed = {
        "MARKER-MEMBER-A-51": {"member_a", "secretary_a"},
        "MARKER-MEMBER-A2-52": {"member_a2", "secretary_a"},
        "MARKER-MEMBER-B-53": {"member_b", "secretary_b"},
        "MARKER-ENTRY-A-54": {"member_a", "secretary_a"},
    }
    for name in PERSONAS[:-1]:
        client = env.client(name)
        seen = "".join(client.get(url).content.decode() for url in pages)
        for _member, plan in (("member_a", plans["plan_a"]),):
            seen += client.get(reverse("remediation:plan", args=[plan.pk])).content.decode()
        for marker, who in allowed.items():
            if name not in who:
                assert marker not in seen, (name, marker)


def test_overdue_view_shows_unit_plans_in_full_and_members_as_counts(env: Env, plans: dict) -> None:
    body = env.client("bloc_office").get(reverse("remediation:overdue", args=[env.org.bloc.pk])).content.decode()
    assert "MARKER-BRANCH-A-55" in body
    # member_a's and member_a2's 2 overdue items: fewer than k, so branch A is not listed above the branch
    # (this asserted the exact ">2<" before members' counts were suppressed below k).
    assert f'id="member-count-{env.org.branch_a.pk}"' not in body and ">2<" not in body
    assert 'id="overdue-member-counts-note"' in body
    assert "MARKER-MEMBER" not in body
    # Committee C's office oversees only its own subtree.
    assert env.client("committee_office").get(reverse("remediation:overdue", args=[env.org.bloc.pk])).status_code == 404
    c_body = env.client("committee_office").get(reverse("remediation:overdue", args=[env.org.committee_c.pk]))
    assert "MARKER-BRANCH-A-55" not in c_body.content.decode()
    for name in ("member_a", "secretary_a", "admin"):
        assert env.client(name).get(reverse("remediation:overdue", args=[env.org.bloc.pk])).status_code == 404


def test_reads_by_the_committee_are_audited(env: Env, plans: dict) -> None:
    env.client("member_a").get(reverse("remediation:plan", args=[plans["plan_a"].pk]))
    assert not AuditEvent.objects.filter(action="remediation.plan.read").exists()
    env.client("secretary_a").get(reverse("remediation:plan", args=[plans["plan_a"].pk]))
    env.client("secretary_a").get(reverse("remediation:evidence", args=[plans["entry_a"].pk]))
    events = AuditEvent.objects.filter(action="remediation.plan.read", actor=env.user("secretary_a"))
    assert events.count() == 2
    assert set(events.values_list("subject_member_id", flat=True)) == {env.member("member_a").pk}
    env.client("secretary_a").get(reverse("remediation:member_year", args=[env.member("member_a").pk, YEAR]))
    assert AuditEvent.objects.filter(
        action="remediation.year_end.read", subject_member_id=env.member("member_a").pk
    ).exists()


def test_writes_are_refused_to_readers(env: Env, plans: dict) -> None:
    """The bloc office reads the branch plan but cannot change it; the member's branch-mate cannot post progress."""
    item = plans["branch_item"]
    response = env.client("bloc_office").post(
        reverse("remediation:item", args=[item.pk]), {"on": "2026-01-01", "note": "x"}
    )
    assert response.status_code == 404
    response = env.client("member_a2").post(
        reverse("remediation:item", args=[plans["item_a"].pk]), {"on": "2026-01-01", "note": "x"}
    )
    assert response.status_code == 404
    assert ProgressEntry.objects.count() == 1
