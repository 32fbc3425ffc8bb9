"""Access to the audit log (issue 8).

Committee staff read the entries of their own scope: the bloc office its whole tree, a grassroots
committee's office its committee's subtree, a branch committee its branch. An entry belongs to the unit
recorded in its `unit_path`; entries with no unit (failed logins under an unknown name, system jobs)
are the administrator's only, who reads everything. Members without a committee role read nothing.
"""

from typing import Any

from django.db.models import QuerySet

from tusoi.core.models import AuditEvent

from .scope import user_scope


def can_view_audit_log(user: Any) -> bool:
    """Administrators, office staff and branch committees: whoever manages some unit."""
    return user_scope(user).manages_anything


def visible_audit_events(user: Any) -> QuerySet[AuditEvent]:
    """The entries whose unit lies in a subtree the user manages (all of them for an administrator)."""
    scope = user_scope(user)
    if scope.is_admin:
        return AuditEvent.objects.all()
    # `unit_path` is a unit's materialised path: a subtree is a path prefix (never an empty one).
    return AuditEvent.objects.filter(scope.subtree_q("unit_")).exclude(unit_path="")
