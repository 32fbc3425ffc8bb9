"""Access to the organisation: units, members, rosters and the catalogue."""

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from tusoi.org.models import Member, Unit

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
