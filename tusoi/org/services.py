"""Writes to the organisation: units, members, memberships and committee roles.

Every change keeps `Member.branch` and the open `Membership` row together, and leaves an audit row.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from tusoi.core.audit import audit_record

from .models import CommitteeRole, Member, Membership, Unit, UnitKind


def unit_create(
    *, parent: Unit | None, code: str, name: str, kind: str, sector: str, symbol: str = "", actor: Any = None
) -> Unit:
    """Add a unit under `parent` (or a new root)."""
    fields: dict[str, Any] = {"code": code, "name": name, "kind": kind, "sector": sector, "symbol": symbol}
    if parent is None:
        unit = Unit(**fields)
        unit.full_clean(exclude=["path", "depth", "numchild"])
        unit = Unit.add_root(instance=unit)
    else:
        fields["is_grassroots_branch"] = kind == UnitKind.BRANCH and parent.kind == UnitKind.BLOC
        unit = Unit(**fields)
        unit.full_clean(exclude=["path", "depth", "numchild"])
        unit = parent.add_child(instance=unit)
    audit_record(actor=actor, action="unit.create", obj=unit, unit_path=unit.path)
    return unit


@transaction.atomic
def member_create(*, branch: Unit, joined_on: date | None = None, actor: Any = None, **fields: Any) -> Member:
    """Create a member in `branch`, opening their first membership."""
    member = Member(branch=branch, **fields)
    member.refresh_name_keys()
    member.full_clean()
    member.save()
    Membership.objects.create(member=member, unit=branch, started_on=joined_on or timezone.localdate())
    audit_record(actor=actor, action="member.create", obj=member, unit_path=branch.path)
    return member


@transaction.atomic
def member_update(*, member: Member, actor: Any = None, **fields: Any) -> Member:
    """Change a member's personal data (not their branch: that is a transfer)."""
    fields.pop("branch", None)
    for name, value in fields.items():
        setattr(member, name, value)
    member.refresh_name_keys()
    member.full_clean()
    member.save()
    audit_record(
        actor=actor,
        action="member.update",
        obj=member,
        unit_path=member.branch.path if member.branch else "",
        detail={"fields": sorted(fields)},
    )
    return member


@transaction.atomic
def member_transfer(
    *, member: Member, to_branch: Unit, on: date | None = None, reason: str = "", actor: Any = None
) -> Membership:
    """Move a member to another branch: close the open membership, open a new one."""
    on = on or timezone.localdate()
    member = Member.objects.select_for_update().get(pk=member.pk)
    from_branch = member.branch
    Membership.objects.filter(member=member, ended_on__isnull=True).update(ended_on=on, end_reason=reason)
    membership = Membership.objects.create(member=member, unit=to_branch, started_on=on)
    member.branch = to_branch
    member.save(update_fields=["branch"])
    # A branch committee role does not travel with the member.
    if from_branch is not None:
        CommitteeRole.objects.filter(member=member, unit=from_branch, ended_on__isnull=True).update(ended_on=on)
    audit_record(
        actor=actor,
        action="member.transfer",
        obj=member,
        unit_path=to_branch.path,
        detail={"from": from_branch.code if from_branch else None, "to": to_branch.code},
    )
    return membership


def role_assign(
    *, member: Member, unit: Unit, role: str, started_on: date | None = None, actor: Any = None
) -> CommitteeRole:
    """Give a member a committee or office role in a unit from a date."""
    assignment = CommitteeRole(member=member, unit=unit, role=role, started_on=started_on or timezone.localdate())
    assignment.full_clean()
    assignment.save()
    audit_record(actor=actor, action="role.assign", obj=assignment, unit_path=unit.path)
    return assignment
