"""Refusals reach the audit log once, safely, and the log itself cannot be changed by anyone."""

import pytest
from django.contrib import admin

from tusoi.core.audit import audit_record
from tusoi.core.denials import DENIAL_ACTION, DENIAL_LIMIT
from tusoi.core.models import AppendOnlyError, AuditEvent
from tusoi.testing import Org


def _denials(user) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=DENIAL_ACTION, actor=user))


def test_a_denied_object_answers_404_and_is_logged_for_the_actors_committee(org: Org) -> None:
    outsider = org.users["member_a"]
    target = org.users["member_b"].member
    response = org.client_for("member_a").get(f"/org/members/{target.pk}/")
    assert response.status_code == 404
    [row] = _denials(outsider)
    assert row.unit_path == org.branch_a.path
    assert row.detail == {"route": "org:member", "args": {"pk": str(target.pk)}, "status": 404, "method": "GET"}
    # The actor's branch committee sees the attempt; the other branch's does not.
    html = org.client_for("secretary_a").get("/audit/", {"kind": "access"}).content.decode()
    assert f'title="{DENIAL_ACTION}"' in html and "Trần Thị Bình" in html
    assert f'title="{DENIAL_ACTION}"' not in org.client_for("secretary_b").get("/audit/").content.decode()


def test_an_api_refusal_is_logged_too(org: Org) -> None:
    target = org.users["member_b"].member
    response = org.client_for("secretary_a").get(f"/api/v1/members/{target.pk}")
    assert response.status_code == 404
    [row] = _denials(org.users["secretary_a"])
    assert row.detail["status"] == 404 and row.detail["args"] == {"id": str(target.pk)}


def test_an_unknown_address_or_an_anonymous_visitor_is_not_a_refusal(org: Org) -> None:
    before = AuditEvent.objects.filter(action=DENIAL_ACTION).count()
    assert org.client_for("member_a").get("/no-such-page/").status_code == 404
    from django.test import Client

    assert Client().get(f"/org/members/{org.users['member_b'].member.pk}/").status_code == 302
    assert AuditEvent.objects.filter(action=DENIAL_ACTION).count() == before


def test_route_arguments_cannot_forge_lines_or_grow_without_bound(org: Org) -> None:
    client = org.client_for("member_a")
    response = client.get("/org/units/code/X%0AFAKE%20audit%20line%0D" + "y" * 300 + "/")
    assert response.status_code == 404
    [row] = _denials(org.users["member_a"])
    code = row.detail["args"]["code"]
    assert "\n" not in code and "\r" not in code
    assert code.startswith("X?FAKE audit line?") and len(code) == 64


def test_a_scripted_walk_over_ids_leaves_a_bounded_number_of_rows(org: Org) -> None:
    client = org.client_for("member_a")
    for pk in range(900_000, 900_000 + DENIAL_LIMIT + 15):
        assert client.get(f"/org/members/{pk}/").status_code == 404
    assert len(_denials(org.users["member_a"])) == DENIAL_LIMIT
    # One user's flood does not use up another's quota.
    org.client_for("member_b").get("/org/members/900000/")
    assert len(_denials(org.users["member_b"])) == 1


def test_rows_can_be_neither_updated_nor_deleted(org: Org) -> None:
    event = audit_record(actor=None, action="campaign.x", unit_path=org.bloc.path)
    event.action = "campaign.y"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="campaign.y")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "campaign.x"


def test_the_admin_site_offers_no_path_to_the_audit_log(org: Org) -> None:
    assert not admin.site.is_registered(AuditEvent)
    event = audit_record(actor=None, action="campaign.x", unit_path=org.bloc.path)
    client = org.client_for("admin")
    for url in (
        "/admin/core/auditevent/",
        f"/admin/core/auditevent/{event.pk}/change/",
        f"/admin/core/auditevent/{event.pk}/delete/",
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"post": "yes", "action": "campaign.y"}).status_code == 404, url
    assert AuditEvent.objects.get(pk=event.pk).action == "campaign.x"
