"""Access to the audit log (issue 8).

Committee staff read the entries of their own scope: the bloc office its whole tree, a grassroots
committee's office its committee's subtree, a branch committee its branch. An entry belongs to the unit
recorded in its `unit_path`; entries with no unit (failed logins under an unknown name, system jobs)
are the administrator's only, who reads everything. Members without a committee role read nothing.

Offices above a branch see that a member signed in, submitted or had their review read, as they may see
who submitted; what only the branch may know of one member (a review saved as a draft or returned for
revision, an item added to their remediation plan) stays with the branch committee (DESIGN.md, roles).
"""

from typing import Any

from django.db.models import Q, QuerySet

from tusoi.core.models import AuditEvent

from .scope import Scope, user_scope

# Entries about one member's review or plan that only the branch committee reads.
BRANCH_ONLY_ACTIONS = frozenset({"review.save", "review.return", "remediation.item.create"})


def can_view_audit_log(user: Any) -> bool:
    """Administrators, office staff and branch committees: whoever manages some unit."""
    return user_scope(user).manages_anything


def visible_audit_events(user: Any) -> QuerySet[AuditEvent]:
    """The entries whose unit lies in a subtree the user manages (all of them for an administrator)."""
    scope = user_scope(user)
    if scope.is_admin:
        return AuditEvent.objects.all()
    # `unit_path` is a unit's materialised path: a subtree is a path prefix (never an empty one).
    return AuditEvent.objects.filter(_branch_q(scope) | _office_q(scope)).exclude(unit_path="")


def _branch_q(scope: Scope) -> Q:
    q = Q(pk__in=[])
    for unit in scope.branch_committee:
        q |= Q(unit_path__startswith=unit.path)
    return q


def _office_q(scope: Scope) -> Q:
    q = Q(pk__in=[])
    for unit in scope.offices:
        q |= Q(unit_path__startswith=unit.path)
    return q & ~Q(action__in=BRANCH_ONLY_ACTIONS)
