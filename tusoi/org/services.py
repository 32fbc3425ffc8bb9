"""Writes to the organisation: units, members, memberships and committee roles.

Every change keeps `Member.branch` and the open `Membership` row together, and leaves an audit row.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from tusoi.core.audit import audit_record
from tusoi.core.text import fold

from .models import CommitteeRole, Member, Membership, RoleKind, Unit, UnitKind


def unit_create(
    *, parent: Unit | None, code: str, name: str, kind: str, sector: str, symbol: str = "", actor: Any = None
) -> Unit:
    """Add a unit under `parent` (or a new root)."""
    name = " ".join(name.split())
    fields: dict[str, Any] = {
        "code": code,
        "name": name,
        "kind": kind,
        "sector": sector,
        "symbol": symbol,
        "name_fold": fold(name),
    }
    if parent is None:
        unit = Unit(**fields)
        unit.full_clean(exclude=["path", "depth", "numchild"])
        unit = Unit.objects.add_root(instance=unit)
    else:
        fields["is_grassroots_branch"] = kind == UnitKind.BRANCH and parent.kind == UnitKind.BLOC
        unit = Unit(**fields)
        unit.full_clean(exclude=["path", "depth", "numchild"])
        unit = Unit.objects.add_child(parent, instance=unit)
    audit_record(actor=actor, action="unit.create", obj=unit, unit_path=unit.path)
    return unit


@transaction.atomic
def member_create(*, branch: Unit, joined_on: date | None = None, actor: Any = None, **fields: Any) -> Member:
    """Create a member in `branch`, opening their first membership."""
    _check_open_branch(branch, field="branch")
    joined_on = joined_on or timezone.localdate()
    if joined_on > timezone.localdate():
        raise ValidationError({"joined_on": _("This date cannot be in the future.")})
    member = Member(branch=branch, **fields)
    member.refresh_name_keys()
    member.full_clean()
    member.save()
    Membership.objects.create(member=member, unit=branch, started_on=joined_on)
    audit_record(actor=actor, action="member.create", obj=member, unit_path=branch.path)
    _sync_round_enrolment(member, actor)
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
    _check_transfer(member, to_branch, on)
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
    _sync_round_enrolment(member, actor)
    return membership


def _sync_round_enrolment(member: Member, actor: Any) -> None:
    """A member who joins or leaves a branch during an open round is enrolled there, not lost."""
    # Imported here: campaigns builds on the organisation, not the other way round.
    from tusoi.campaigns.services import enrolment_sync_member

    enrolment_sync_member(member=member, actor=actor)


def _check_open_branch(unit: Unit, *, field: str) -> None:
    if unit.kind != UnitKind.BRANCH:
        raise ValidationError({field: _("Members belong to a party branch, not to a committee.")})
    if not unit.is_active:
        raise ValidationError({field: _("This branch is no longer active.")})


def _check_transfer(member: Member, to_branch: Unit, on: date) -> None:
    _check_open_branch(to_branch, field="to_branch")
    if member.branch_id == to_branch.pk:
        raise ValidationError({"to_branch": _("The member is already in this branch.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("This date cannot be in the future.")})
    current = Membership.objects.filter(member=member, ended_on__isnull=True).first()
    if current is not None and on < current.started_on:
        raise ValidationError(
            {
                "on": _("The transfer date cannot be before the member joined the current branch (%(date)s).")
                % {"date": date_format(current.started_on, "SHORT_DATE_FORMAT")}
            }
        )


def _overlapping_roles(unit: Unit, started_on: date) -> QuerySet[CommitteeRole]:
    """Roles in `unit` still running on or after `started_on`."""
    return CommitteeRole.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=started_on), unit=unit)


@transaction.atomic
def role_assign(
    *, member: Member, unit: Unit, role: str, started_on: date | None = None, actor: Any = None
) -> CommitteeRole:
    """Give a member a committee or office role in a unit from a date.

    The member must belong to the unit (their branch is in its subtree); a member holds a role in a
    unit once at a time, and a unit has one secretary at a time.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)  # serialise assignments in one unit
    started_on = started_on or timezone.localdate()
    if member.branch is None or not member.branch.path.startswith(unit.path):
        raise ValidationError({"unit": _("A role in a unit goes to a member of that unit or of a unit below it.")})
    running = _overlapping_roles(unit, started_on)
    if running.filter(member=member, role=role).exists():
        raise ValidationError({"role": _("This member already holds this role in this unit for that period.")})
    if role == RoleKind.SECRETARY and running.filter(role=RoleKind.SECRETARY).exists():
        raise ValidationError({"role": _("This unit already has a secretary for that period: end that term first.")})
    assignment = CommitteeRole(member=member, unit=unit, role=role, started_on=started_on)
    assignment.full_clean()
    assignment.save()
    audit_record(actor=actor, action="role.assign", obj=assignment, unit_path=unit.path)
    return assignment


@transaction.atomic
def role_end(*, assignment: CommitteeRole, ended_on: date | None = None, actor: Any = None) -> CommitteeRole:
    """End a role's term on a date (the last day in the role)."""
    assignment = CommitteeRole.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_on is not None and assignment.ended_on < timezone.localdate():
        raise ValidationError({"ended_on": _("This term has already ended.")})
    ended_on = ended_on or timezone.localdate()
    if ended_on < assignment.started_on:
        raise ValidationError({"ended_on": _("The term cannot end before it starts.")})
    assignment.ended_on = ended_on
    assignment.full_clean()
    assignment.save(update_fields=["ended_on"])
    audit_record(
        actor=actor,
        action="role.end",
        obj=assignment,
        unit_path=assignment.unit.path,
        detail={"ended_on": ended_on.isoformat()},
    )
    return assignment
