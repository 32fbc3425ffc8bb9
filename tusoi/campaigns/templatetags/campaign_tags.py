"""Labels and badges for campaign pages (states, sectors, branch kinds)."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import pgettext_lazy

from tusoi.org.models import Sector
from tusoi.reviews.models import ReviewStatus

from ..models import BranchScope

register = template.Library()

# The branch committee's words for a self-review's state (contextual, so other apps keep theirs).
STATE_LABELS: dict[str, Any] = {
    ReviewStatus.NOT_STARTED: pgettext_lazy("self-review state", "Not started"),
    ReviewStatus.DRAFT: pgettext_lazy("self-review state", "In progress"),
    ReviewStatus.SUBMITTED: pgettext_lazy("self-review state", "Submitted"),
    ReviewStatus.RETURNED: pgettext_lazy("self-review state", "Returned"),
}
STATE_CLASSES: dict[str, str] = {
    ReviewStatus.NOT_STARTED: "text-bg-secondary",
    ReviewStatus.DRAFT: "text-bg-info",
    ReviewStatus.SUBMITTED: "text-bg-success",
    ReviewStatus.RETURNED: "text-bg-warning",
}


@register.filter
def review_state(status: str) -> SafeString:
    return format_html(
        '<span class="badge {}">{}</span>', STATE_CLASSES.get(status, "text-bg-light"), STATE_LABELS.get(status, status)
    )


@register.filter
def sector_labels(values: list[str]) -> str:
    labels = dict(Sector.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)


@register.filter
def scope_labels(values: list[str]) -> str:
    labels = dict(BranchScope.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)
