"""Access to the organisation: units, members, rosters and the catalogue."""

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from tusoi.org.models import CommitteeRole, Member, Unit, UnitKind

from .scope import user_scope


def managed_units(user: Any) -> QuerySet[Unit]:
    """Units whose roster and structure the user manages: an administrator all; office staff and
    committees their subtree; a branch committee its branch."""
    scope = user_scope(user)
    if scope.is_admin:
        return Unit.objects.all()
    return Unit.objects.filter(scope.subtree_q())


def visible_units(user: Any) -> QuerySet[Unit]:
    """Units the user may look at: what they manage, plus their own branch and its ancestors' names."""
    scope = user_scope(user)
    if scope.is_admin:
        return Unit.objects.all()
    q = scope.subtree_q()
    if scope.branch is not None:
        q |= Q(pk=scope.branch.pk)
    return Unit.objects.filter(q)


def can_manage_unit(user: Any, unit: Unit) -> bool:
    scope = user_scope(user)
    return scope.is_admin or any(unit.path.startswith(p) for p in scope.managed_paths())


def managed_members(user: Any) -> QuerySet[Member]:
    """Members on the rosters the user manages (names and card data, never personal reports)."""
    scope = user_scope(user)
    if scope.is_admin:
        return Member.objects.all()
    return Member.objects.filter(scope.subtree_q("branch__"))


def can_manage_member(user: Any, member: Member) -> bool:
    return member.branch is not None and can_manage_unit(user, member.branch)


def managed_branches(user: Any) -> QuerySet[Unit]:
    """Active branches on whose rosters the user may add or transfer members."""
    return managed_units(user).filter(kind=UnitKind.BRANCH, is_active=True)


def role_assignable_units(user: Any) -> QuerySet[Unit]:
    """Units whose committee roles the user may assign or end.

    A committee's composition is confirmed by the level above it (chuẩn y), so an office assigns roles
    strictly below its own unit, never in it; a branch committee assigns none; an administrator all.
    """
    scope = user_scope(user)
    if scope.is_admin:
        return Unit.objects.all()
    q = Q(pk__in=[])
    for office in scope.offices:
        q |= Q(path__startswith=office.path) & ~Q(pk=office.pk)
    return Unit.objects.filter(q)


def can_assign_role(user: Any, unit: Unit) -> bool:
    scope = user_scope(user)
    return scope.is_admin or any(unit.path.startswith(u.path) and unit.pk != u.pk for u in scope.offices)


def managed_roles(user: Any) -> QuerySet[CommitteeRole]:
    """Committee roles the user may end: those in units where they may assign roles."""
    return CommitteeRole.objects.filter(unit__in=role_assignable_units(user))


def can_edit_catalog(user: Any) -> bool:
    """Catalogues are the bloc's: its office staff and administrators author them."""
    scope = user_scope(user)
    return scope.is_admin or scope.is_bloc_office


def requires_second_factor(user: Any) -> bool:
    """TOTP is required for administrators and office roles always, and for branch committee
    roles while `TUSOI_OTP_FOR_BRANCH_COMMITTEE` is on."""
    scope = user_scope(user)
    if not scope.authenticated:
        return False
    if scope.is_admin or user.is_staff or scope.offices:
        return True
    return bool(scope.branch_committee) and settings.TUSOI_OTP_FOR_BRANCH_COMMITTEE
