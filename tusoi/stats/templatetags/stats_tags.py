"""Counts on statistics pages: a suppressed count (None) shows as "—", a number in the Vietnamese way."""

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def count(value: Any) -> SafeString:
    """A count, or "—" (with its meaning for screen readers) where it is suppressed."""
    if value is None:
        return format_html('<span title="{0}" aria-label="{0}">—</span>', _("fewer than the threshold: not shown"))
    return format_html("{}", number_format(value, force_grouping=True))


@register.filter
def ratio(value: Any) -> str:
    """ "38/38" for a `Ratio`."""
    return f"{number_format(value.done, force_grouping=True)}/{number_format(value.total, force_grouping=True)}"
