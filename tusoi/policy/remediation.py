"""Access to remediation plans, supervision, year-end sheets and the yearly rhythm.

- A member's plan is read and kept by the member and by the committee of the branch where it was
  made. Nobody else reads it: above the branch it is counted, never shown.
- A branch's plan is kept by its committee, read by its members and by every office above it.
- A committee's (or the bloc's) plan is kept by those holding a role in it, read by the offices above.
- A supervision is kept by the supervising unit's office, read by the offices above it, and read and
  answered by the supervised unit's committee (or secretary).
- Administrators see no remediation content by virtue of the role.
"""

from typing import Any

from django.db.models import Q, QuerySet

from tusoi.org.models import Member, Unit, UnitKind
from tusoi.remediation.models import (
    OwnerKind,
    ProgressEntry,
    RemediationItem,
    RemediationPlan,
    Supervision,
    SupervisionAction,
)

from .org import can_edit_catalog
from .rounds import is_branch_committee
from .scope import Scope, user_scope
from .stats import sees_exact_counts


def _paths_q(paths: list[str], field: str) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def _holds_role_in(scope: Scope, unit: Unit) -> bool:
    return any(u.pk == unit.pk for u in (*scope.offices, *scope.branch_committee))


def visible_plans(user: Any) -> QuerySet[RemediationPlan]:
    """Plans whose items the user may read (see the module's rules)."""
    scope = user_scope(user)
    if not scope.authenticated:
        return RemediationPlan.objects.none()
    q = Q(pk__in=[])
    if scope.member is not None:
        q |= Q(owner_kind=OwnerKind.MEMBER, member=scope.member)
        if scope.member.branch_id:
            q |= Q(owner_kind=OwnerKind.BRANCH, unit=scope.member.branch_id)
    if scope.branch_committee:
        q |= Q(owner_kind=OwnerKind.MEMBER, unit__in=[u.pk for u in scope.branch_committee])
    q |= ~Q(owner_kind=OwnerKind.MEMBER) & _paths_q(scope.managed_paths(), "unit_path")
    return RemediationPlan.objects.filter(q)


def can_edit_plan(user: Any, plan: RemediationPlan) -> bool:
    """Member plan: the member or their branch committee. Branch plan: its committee. Committee or
    bloc plan: those holding a role in that unit."""
    scope = user_scope(user)
    if plan.owner_kind == OwnerKind.MEMBER:
        own = scope.member is not None and plan.member_id == scope.member.pk
        return own or is_branch_committee(user, plan.unit)
    return _holds_role_in(scope, plan.unit)


def is_plan_owner(user: Any, plan: RemediationPlan) -> bool:
    member = user_scope(user).member
    return plan.owner_kind == OwnerKind.MEMBER and member is not None and plan.member_id == member.pk


def can_create_unit_plan(user: Any, unit: Unit) -> bool:
    """A branch's committee makes the branch plan; a committee's office (or the bloc's) its own."""
    return _holds_role_in(user_scope(user), unit)


def plan_units(user: Any) -> list[Unit]:
    """Units whose own plan the user keeps."""
    scope = user_scope(user)
    return [*scope.branch_committee, *scope.offices]


def visible_items(user: Any) -> QuerySet[RemediationItem]:
    return RemediationItem.objects.filter(plan__in=visible_plans(user).values("pk"))


def exact_count_paths(user: Any) -> set[str]:
    """The units whose members' remediation counts the user sees exactly: the statistics' rule
    (`sees_exact_counts`: a branch's own committee, for that branch). Above the branch the counts are
    suppressed below k (tusoi.remediation.suppression)."""
    return {u.path for u in user_scope(user).branch_committee if sees_exact_counts(user, u)}


def overseen_units(user: Any) -> list[Unit]:
    """Committees, sub-committees and the bloc whose subtree the user oversees (their offices)."""
    return [u for u in user_scope(user).offices if u.kind != UnitKind.BRANCH]


def can_oversee_subtree(user: Any, unit: Unit) -> bool:
    """An office at or above `unit` (the overdue view and the yearly compliance view)."""
    return any(unit.path.startswith(u.path) for u in overseen_units(user))


# --- Year-end sheets ---------------------------------------------------------------------------------


def can_read_member_year(user: Any, member: Member, plan_units: list[Unit]) -> bool:
    """A member's year-end sheet: the member, or the committee of their branch (now, or of the branch
    that keeps one of their plans that year)."""
    scope = user_scope(user)
    if scope.member is not None and scope.member.pk == member.pk:
        return True
    branches = [u for u in (member.branch, *plan_units) if u is not None]
    return any(is_branch_committee(user, branch) for branch in branches)


def can_read_unit_year(user: Any, unit: Unit) -> bool:
    """A branch's or committee's year-end sheet: whoever reads its plan (roles in it, offices above,
    and for a branch its members)."""
    scope = user_scope(user)
    if any(unit.path.startswith(p) for p in scope.managed_paths()):
        return True
    return unit.kind == UnitKind.BRANCH and scope.branch is not None and scope.branch.pk == unit.pk


# --- Inspection and supervision ----------------------------------------------------------------------


def supervising_units(user: Any) -> list[Unit]:
    """Units for which the user plans supervision: their offices (a committee, sub-committee, the bloc)."""
    return overseen_units(user)


def can_supervise(user: Any, by_unit: Unit, target: Unit) -> bool:
    """An office of `by_unit` supervises units strictly inside its subtree."""
    return any(u.pk == by_unit.pk for u in supervising_units(user)) and (
        target.path.startswith(by_unit.path) and target.pk != by_unit.pk
    )


def visible_supervisions(user: Any) -> QuerySet[Supervision]:
    """Supervisions by units the user's offices oversee (at or below them), and those of which the
    user's own unit (branch committee or office) is the target."""
    scope = user_scope(user)
    if not scope.authenticated:
        return Supervision.objects.none()
    offices = [u.path for u in overseen_units(user)]
    targets = [u.pk for u in (*scope.offices, *scope.branch_committee)]
    return Supervision.objects.filter(_paths_q(offices, "by_path") | Q(target__in=targets))


def can_manage_supervision(user: Any, supervision: Supervision) -> bool:
    return any(u.pk == supervision.by_unit_id for u in supervising_units(user))


def can_answer_supervision(user: Any, supervision: Supervision) -> bool:
    scope = user_scope(user)
    return any(u.pk == supervision.target_id for u in (*scope.offices, *scope.branch_committee))


def visible_actions(user: Any) -> QuerySet[SupervisionAction]:
    return SupervisionAction.objects.filter(supervision__in=visible_supervisions(user).values("pk"))


# --- Evidence files ----------------------------------------------------------------------------------


def visible_entries(user: Any) -> QuerySet[ProgressEntry]:
    """Progress entries (and their evidence files) of the items and actions the user may read."""
    return ProgressEntry.objects.filter(
        Q(item__in=visible_items(user).values("pk")) | Q(action__in=visible_actions(user).values("pk"))
    )


# --- Years, catalogues, campaigns --------------------------------------------------------------------


def can_edit_indicator_mapping(user: Any) -> bool:
    """Catalogue authors keep the mapping between catalogue versions."""
    return can_edit_catalog(user)
