"""The audit log page: who reads it, which entries each reader sees, filters, paging, no detail."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tusoi.core.audit import audit_record
from tusoi.core.models import AuditEvent
from tusoi.policy import can_view_audit_log, visible_audit_events
from tusoi.testing import Org

URL = "/audit/"


def _mark(org: Org) -> dict[str, AuditEvent]:
    """One entry per unit of the test organisation, and one with no unit."""
    units = {
        "bloc": org.bloc,
        "a": org.branch_a,
        "b": org.branch_b,
        "c": org.committee_c,
        "c1": org.branch_c1,
    }
    events = {
        key: audit_record(actor=None, action=f"campaign.mark_{key}", unit_path=unit.path) for key, unit in units.items()
    }
    events["none"] = audit_record(actor=None, action="campaign.mark_none")
    return events


EXPECTED = {
    "admin": {"bloc", "a", "b", "c", "c1", "none"},
    "bloc_office": {"bloc", "a", "b", "c", "c1"},
    "committee_office": {"c", "c1"},
    "secretary_a": {"a"},
    "secretary_b": {"b"},
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_reader_sees_exactly_the_entries_of_their_scope(org: Org, persona: str) -> None:
    events = _mark(org)
    expected = EXPECTED[persona]
    marked = visible_audit_events(org.users[persona]).filter(action__startswith="campaign.mark_")
    assert {e.action.removeprefix("campaign.mark_") for e in marked} == expected
    page = org.client_for(persona).get(URL, {"kind": "campaign"})
    assert page.status_code == 200
    html = page.content.decode()
    for key, event in events.items():
        assert (f'title="{event.action}"' in html) == (key in expected), (persona, key)


@pytest.mark.parametrize("persona", ["member_a", "member_b", "member_c1"])
def test_members_without_a_committee_role_get_404_and_no_menu_entry(org: Org, persona: str) -> None:
    client = org.client_for(persona)
    assert not can_view_audit_log(org.users[persona])
    assert client.get(URL).status_code == 404
    assert 'id="nav-audit"' not in client.get("/").content.decode()


def test_staff_see_the_menu_entry(org: Org) -> None:
    html = org.client_for("secretary_a").get("/").content.decode()
    assert 'id="nav-audit"' in html and 'href="/audit/"' in html


def test_anonymous_goes_to_the_login_page() -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_newest_first_and_paginated_in_pages_of_fifty(org: Org) -> None:
    start = timezone.now() - timedelta(days=1)
    for n in range(60):
        event = AuditEvent(action=f"campaign.n{n:02d}", unit_path=org.branch_a.path, at=start + timedelta(minutes=n))
        event.save()
    client = org.client_for("secretary_a")
    first = client.get(URL, {"kind": "campaign"}).content.decode()
    assert first.count('class="list-group-item audit-entry"') == 50
    assert first.index('title="campaign.n59"') < first.index('title="campaign.n58"')
    assert 'title="campaign.n09"' not in first
    assert "Tổng số: 60 | Trang: 1 trên tổng số 2 trang" in first
    second = client.get(URL, {"kind": "campaign", "page": "2"}).content.decode()
    assert second.count('class="list-group-item audit-entry"') == 10
    assert 'title="campaign.n00"' in second
    assert "Trang: 2 trên tổng số 2 trang" in second


def test_filters_by_kind_dates_and_actor(org: Org) -> None:
    secretary = org.users["secretary_a"]
    member = org.users["member_a"]
    now = timezone.now()
    old = AuditEvent(action="review.read", actor=secretary, unit_path=org.branch_a.path, at=now - timedelta(days=40))
    old.save()
    audit_record(actor=member, action="auth.login", obj=member, unit_path=org.branch_a.path)
    audit_record(actor=secretary, action="review.return", unit_path=org.branch_a.path)
    client = org.client_for("secretary_a")

    def codes(**query: str) -> set[str]:
        html = client.get(URL, query).content.decode()
        return {c for c in ("review.read", "auth.login", "review.return") if f'title="{c}"' in html}

    assert codes() == {"review.read", "auth.login", "review.return"}
    assert codes(kind="review") == {"review.read", "review.return"}
    assert codes(kind="auth") == {"auth.login"}
    day = (now - timedelta(days=40)).astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y")
    assert codes(start=day, end=day) == {"review.read"}
    assert codes(start=timezone.localdate().strftime("%d/%m/%Y")) == {"auth.login", "review.return"}
    # By user name, or by part of a member's name typed without diacritics.
    assert codes(actor="member_a") == {"auth.login"}
    # (The secretary's own sign-in, by the test client, is theirs too.)
    assert codes(actor="thien anh") == {"review.read", "review.return", "auth.login"}
    assert codes(actor="thien anh", kind="review") == {"review.read", "review.return"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"kind": "nonsense"}, "Hãy chọn"),
        ({"start": "31/02/2026"}, "ngày/tháng/năm"),
        ({"start": "02/03/2026", "end": "01/03/2026"}, "sau ngày kết thúc"),
        ({"actor": "x" * 129}, "129"),
        ({"actor": "a\nb"}, "ký tự điều khiển"),
    ],
)
def test_invalid_filters_are_refused_with_a_message_and_list_nothing(org: Org, query: dict, message: str) -> None:
    audit_record(actor=None, action="campaign.visible", unit_path=org.branch_a.path)
    html = org.client_for("secretary_a").get(URL, query).content.decode()
    assert message in html
    assert 'title="campaign.visible"' not in html
    assert 'id="audit-empty"' in html


def test_entries_name_people_and_actions_but_never_show_the_detail(org: Org) -> None:
    member = org.users["member_a"].member
    audit_record(
        actor=org.users["secretary_a"],
        action="review.read",
        subject_member_id=member.pk,
        unit_path=org.branch_a.path,
        detail={"answer": "MARKER-ADMISSION-7731"},
    )
    html = org.client_for("bloc_office").get(URL).content.decode()
    assert "MARKER-ADMISSION-7731" not in html
    assert "Nguyễn Thiện Anh" in html  # who
    assert "Trần Thị Bình" in html  # whose
    assert org.branch_a.name in html  # where
    assert "Đọc bản tự soi" in html  # what, in Vietnamese


@pytest.mark.parametrize("action", ["review.save", "review.return", "remediation.item.create"])
def test_what_only_the_branch_may_know_of_a_member_stays_with_the_branch(org: Org, action: str) -> None:
    audit_record(
        actor=org.users["secretary_a"],
        action=action,
        subject_member_id=org.users["member_a"].member.pk,
        unit_path=org.branch_a.path,
    )
    audit_record(actor=org.users["member_a"], action="review.submit", unit_path=org.branch_a.path)
    for persona, sees in {"secretary_a": True, "admin": True, "bloc_office": False, "secretary_b": False}.items():
        visible = set(visible_audit_events(org.users[persona]).values_list("action", flat=True))
        assert (action in visible) is sees, persona
        # That a member submitted is what the levels above may know.
        assert ("review.submit" in visible) is (persona != "secretary_b"), persona
    html = org.client_for("bloc_office").get(URL, {"kind": action.split(".")[0]}).content.decode()
    assert f'title="{action}"' not in html


def test_reading_the_log_is_not_itself_logged(org: Org) -> None:
    client = org.client_for("secretary_a")
    before = AuditEvent.objects.count()
    client.get(URL)
    assert AuditEvent.objects.count() == before


def test_sign_ins_and_failures_belong_to_the_members_branch(org: Org) -> None:
    from tusoi.accounts.tests.helpers import login

    login("member_a")
    login("member_a", password="WRONG-PASSWORD-MARKER-55")
    login("nobody-at-all", password="WRONG-PASSWORD-MARKER-56")
    own = org.client_for("secretary_a").get(URL, {"kind": "auth"}).content.decode()
    assert 'title="auth.login"' in own and 'title="auth.login_failed"' in own
    assert "Trần Thị Bình" in own
    assert "WRONG-PASSWORD-MARKER" not in own and "nobody-at-all" not in own
    other = org.client_for("secretary_b").get(URL, {"kind": "auth"}).content.decode()
    assert "Trần Thị Bình" not in other and 'title="auth.login_failed"' not in other
    # A failure against no account belongs to no unit: the administrator's only.
    assert AuditEvent.objects.filter(action="auth.login_failed", unit_path="").count() == 1
