"""Organisation services: the rules hold whoever calls them (views, API, demo loader)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tusoi.org.models import CommitteeRole, Membership, RoleKind
from tusoi.org.services import member_create, member_transfer, member_update, role_assign, role_end
from tusoi.testing import Org


def test_transfer_closes_and_opens_memberships_and_ends_branch_roles(org: Org) -> None:
    secretary = org.users["secretary_a"].member
    on = timezone.localdate()
    member_transfer(member=secretary, to_branch=org.branch_b, on=on, reason="Chuyển công tác")
    secretary.refresh_from_db()
    assert secretary.branch == org.branch_b
    assert Membership.objects.filter(member=secretary, ended_on__isnull=True).get().unit == org.branch_b
    assert Membership.objects.get(member=secretary, unit=org.branch_a).ended_on == on
    assert CommitteeRole.objects.get(member=secretary, unit=org.branch_a).ended_on == on


@pytest.mark.parametrize("target", ["committee_c", "branch_a"])
def test_transfer_refuses_a_committee_or_the_same_branch(org: Org, target: str) -> None:
    with pytest.raises(ValidationError) as error:
        member_transfer(member=org.users["member_a"].member, to_branch=getattr(org, target))
    assert "to_branch" in error.value.message_dict


def test_transfer_refuses_a_future_date(org: Org) -> None:
    with pytest.raises(ValidationError):
        member_transfer(
            member=org.users["member_a"].member, to_branch=org.branch_b, on=timezone.localdate() + timedelta(days=1)
        )


def test_member_create_refuses_inactive_branch(org: Org) -> None:
    org.branch_b.is_active = False
    org.branch_b.save(update_fields=["is_active"])
    with pytest.raises(ValidationError):
        member_create(branch=org.branch_b, full_name="Mai Văn Sơn", card_number="99999999")


def test_member_update_applies_date_rules(org: Org) -> None:
    member = org.users["member_a"].member
    with pytest.raises(ValidationError) as error:
        member_update(
            member=member, is_probationary=True, admitted_on=date(2024, 1, 1), full_member_on=date(2025, 1, 1)
        )
    assert "full_member_on" in error.value.message_dict


def test_role_assign_refuses_duplicates_and_a_second_secretary(org: Org) -> None:
    member = org.users["member_a"].member
    role_assign(member=member, unit=org.branch_a, role=RoleKind.COMMITTEE_MEMBER, started_on=date(2024, 1, 1))
    with pytest.raises(ValidationError):
        role_assign(member=member, unit=org.branch_a, role=RoleKind.COMMITTEE_MEMBER, started_on=date(2024, 6, 1))
    with pytest.raises(ValidationError):
        role_assign(member=member, unit=org.branch_a, role=RoleKind.SECRETARY, started_on=date(2024, 6, 1))


def test_role_assign_after_the_previous_term_ends(org: Org) -> None:
    old = CommitteeRole.objects.get(member=org.users["secretary_a"].member)
    role_end(assignment=old, ended_on=date(2024, 12, 31))
    new = role_assign(
        member=org.users["member_a"].member, unit=org.branch_a, role=RoleKind.SECRETARY, started_on=date(2025, 1, 1)
    )
    assert new.pk is not None
    with pytest.raises(ValidationError):  # the old secretary again, overlapping the new term
        role_assign(
            member=org.users["secretary_a"].member,
            unit=org.branch_a,
            role=RoleKind.SECRETARY,
            started_on=date(2025, 6, 1),
        )


def test_role_goes_to_a_member_of_the_unit(org: Org) -> None:
    with pytest.raises(ValidationError) as error:
        role_assign(member=org.users["member_b"].member, unit=org.branch_a, role=RoleKind.COMMITTEE_MEMBER)
    assert "unit" in error.value.message_dict


def test_role_end_twice_is_refused(org: Org) -> None:
    role = CommitteeRole.objects.get(member=org.users["secretary_a"].member)
    role_end(assignment=role, ended_on=date(2024, 12, 31))
    with pytest.raises(ValidationError):
        role_end(assignment=role, ended_on=date(2025, 1, 31))


def test_unit_create_fills_the_search_key(org: Org) -> None:
    assert org.branch_a.name_fold == "chi bo so alpha"
    assert org.committee_c.name_fold == "dang uy benh vien gamma"
