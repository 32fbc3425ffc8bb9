"""Template helpers of the remediation pages."""

from django import template

from ..models import State

register = template.Library()


@register.filter
def state_label(state: str) -> str:
    """The translated label of a derived state ("overdue", …)."""
    try:
        return str(State(state).label)
    except ValueError:
        return state
