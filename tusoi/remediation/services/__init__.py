"""Writes for remediation, supervision and the yearly rhythm (one module per area)."""

from .plans import (
    SeedResult,
    entry_add,
    item_create,
    item_delete,
    item_update,
    plan_get_or_create,
    plan_seed_from_review,
    plan_seed_from_session,
    plans_seed_from_session_reviews,
)
from .supervision import (
    action_answered,
    action_close,
    action_create,
    action_reopen,
    supervision_conclude,
    supervision_create,
    supervision_update,
)
from .yearly import campaign_copy_next_year, mapping_autofill, mapping_update

__all__ = [
    "SeedResult",
    "action_answered",
    "action_close",
    "action_create",
    "action_reopen",
    "campaign_copy_next_year",
    "entry_add",
    "item_create",
    "item_delete",
    "item_update",
    "mapping_autofill",
    "mapping_update",
    "plan_get_or_create",
    "plan_seed_from_review",
    "plan_seed_from_session",
    "plans_seed_from_session_reviews",
    "supervision_conclude",
    "supervision_create",
    "supervision_update",
]
