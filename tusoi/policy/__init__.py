"""The one place that decides access (DESIGN.md §4).

Every view, partial, API endpoint, export and job asks here: scoped querysets (`visible_*`,
`managed_*`) and predicates (`can_*`). Nothing fetches an object another way.
"""

from .catalog import editable_catalog_versions, visible_catalog_versions
from .org import (
    can_assign_role,
    can_edit_catalog,
    can_manage_member,
    can_manage_unit,
    managed_branches,
    managed_members,
    managed_roles,
    managed_units,
    requires_second_factor,
    role_assignable_units,
    visible_units,
)
from .rounds import (
    can_edit_self_review,
    can_issue_campaign,
    can_manage_campaign,
    can_oversee_unit,
    can_read_self_review,
    can_return_self_review,
    is_branch_committee,
    is_review_owner,
    issuable_units,
    overseen_sessions,
    visible_campaigns,
    visible_self_reviews,
)
from .scope import Scope, user_scope

__all__ = [
    "Scope",
    "can_assign_role",
    "can_edit_catalog",
    "can_edit_self_review",
    "can_issue_campaign",
    "can_manage_campaign",
    "can_manage_member",
    "can_manage_unit",
    "can_oversee_unit",
    "can_read_self_review",
    "can_return_self_review",
    "editable_catalog_versions",
    "is_branch_committee",
    "is_review_owner",
    "issuable_units",
    "managed_branches",
    "managed_members",
    "managed_roles",
    "managed_units",
    "overseen_sessions",
    "requires_second_factor",
    "role_assignable_units",
    "user_scope",
    "visible_campaigns",
    "visible_catalog_versions",
    "visible_self_reviews",
    "visible_units",
]
