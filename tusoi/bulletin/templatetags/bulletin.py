"""Bulletin template helpers: the portal's dateline, the escaped body, the editors' nav entry."""

from datetime import datetime
from typing import Any

from django import template
from django.utils.safestring import SafeString

from tusoi.policy import can_edit_bulletin as _can_edit_bulletin

from ..rendering import dateline as _dateline
from ..rendering import render_body

register = template.Library()


@register.filter
def dateline(moment: datetime | None) -> str:
    """ "Thứ Năm, ngày 20/1/2022 - 09:38"."""
    return _dateline(moment) if moment else ""


@register.filter
def post_body(text: str) -> SafeString:
    """Paragraphs and subheadings of a post's plain-text body, every character escaped."""
    return render_body(text or "")


@register.inclusion_tag("bulletin/_nav.html", takes_context=True)
def bulletin_nav(context: dict[str, Any]) -> dict[str, Any]:
    """The navigation entry to the editors' pages, for editors only."""
    return {"show": _can_edit_bulletin(context.get("user"))}
