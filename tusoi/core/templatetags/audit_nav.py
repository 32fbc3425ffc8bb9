"""The navigation entry to the audit log, for those the policy lets read it."""

from typing import Any

from django import template

from tusoi.policy import can_view_audit_log

register = template.Library()


@register.inclusion_tag("core/audit_nav.html", takes_context=True)
def audit_nav(context: dict[str, Any]) -> dict[str, Any]:
    return {"show": can_view_audit_log(context.get("user"))}
