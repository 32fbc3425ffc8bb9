"""What a user is, organisationally: their member, branch and the units where they hold a role.

Computed once per user object (cached on it), from active committee roles on today's date.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from tusoi.org.models import COMMITTEE_ROLES, CommitteeRole, Member, Unit, UnitKind


@dataclass(frozen=True)
class Scope:
    """The organisational reach of one user."""

    authenticated: bool = False
    is_admin: bool = False
    member: Member | None = None
    # Branches whose committee the user sits on: they see those branches' personal content.
    branch_committee: tuple[Unit, ...] = ()
    # Committees, sub-committees and the bloc where the user holds a role: aggregates of the subtree.
    offices: tuple[Unit, ...] = ()
    roles: tuple[str, ...] = field(default=())

    @property
    def branch(self) -> Unit | None:
        return self.member.branch if self.member else None

    @property
    def is_bloc_office(self) -> bool:
        return any(u.kind == UnitKind.BLOC for u in self.offices)

    @property
    def manages_anything(self) -> bool:
        return self.is_admin or bool(self.branch_committee or self.offices)

    def managed_paths(self) -> list[str]:
        """Path prefixes of the subtrees this user manages (none for an administrator: all)."""
        return [u.path for u in (*self.offices, *self.branch_committee)]

    def subtree_q(self, prefix: str = "") -> Q:
        """Filter for units (via `prefix`) inside any managed subtree; matches nothing if none."""
        q = Q(pk__in=[])
        for path in self.managed_paths():
            q |= Q(**{f"{prefix}path__startswith": path})
        return q


_ANON = Scope()


def user_scope(user: Any) -> Scope:
    if not getattr(user, "is_authenticated", False):
        return _ANON
    cached = getattr(user, "_tusoi_scope", None)
    if cached is not None:
        return cached
    member = user.member if user.member_id else None
    branch_committee: list[Unit] = []
    offices: list[Unit] = []
    roles: list[str] = []
    if member is not None:
        active = CommitteeRole.objects.filter(CommitteeRole.active_q(timezone.localdate()), member=member)
        for role in active.select_related("unit").filter(unit__is_active=True):
            roles.append(role.role)
            if role.unit.kind == UnitKind.BRANCH:
                if role.role in COMMITTEE_ROLES:
                    branch_committee.append(role.unit)
            else:
                offices.append(role.unit)
    scope = Scope(
        authenticated=True,
        is_admin=bool(user.is_superuser),
        member=member,
        branch_committee=tuple(branch_committee),
        offices=tuple(offices),
        roles=tuple(roles),
    )
    user._tusoi_scope = scope
    return scope
