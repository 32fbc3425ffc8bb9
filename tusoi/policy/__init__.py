"""The one place that decides access (DESIGN.md §4).

Every view, partial, API endpoint, export and job asks here: scoped querysets (`visible_*`,
`managed_*`) and predicates (`can_*`). Nothing fetches an object another way.
"""

from .org import (
    can_edit_catalog,
    can_manage_member,
    can_manage_unit,
    managed_members,
    managed_units,
    requires_second_factor,
    visible_units,
)
from .scope import Scope, user_scope

__all__ = [
    "Scope",
    "can_edit_catalog",
    "can_manage_member",
    "can_manage_unit",
    "managed_members",
    "managed_units",
    "requires_second_factor",
    "user_scope",
    "visible_units",
]
