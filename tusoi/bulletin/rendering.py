"""How a post reads on the page: its body as escaped paragraphs, its dateline in the portal's style.

The body is plain text: paragraphs separated by a blank line, a line break kept inside a paragraph,
and a paragraph starting with "## " shown as a subheading. Every character the editor typed is
escaped; there is no way to put HTML on the public page.
"""

import re
from datetime import datetime

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

SUBHEADING = "## "
_BLANK_LINE = re.compile(r"\n\s*\n")
LINE_BREAK = SafeString("<br>")

# Python's weekday() order: Monday is 0.
WEEKDAYS = (
    pgettext_lazy("bulletin weekday", "Monday"),
    pgettext_lazy("bulletin weekday", "Tuesday"),
    pgettext_lazy("bulletin weekday", "Wednesday"),
    pgettext_lazy("bulletin weekday", "Thursday"),
    pgettext_lazy("bulletin weekday", "Friday"),
    pgettext_lazy("bulletin weekday", "Saturday"),
    pgettext_lazy("bulletin weekday", "Sunday"),
)


def body_blocks(text: str) -> list[tuple[str, str]]:
    """The body as ("h", text) subheadings and ("p", text) paragraphs."""
    blocks = []
    for raw in _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        block = raw.strip()
        if not block:
            continue
        if block.startswith(SUBHEADING) and "\n" not in block:
            blocks.append(("h", block[len(SUBHEADING) :].strip()))
        else:
            blocks.append(("p", block))
    return blocks


def render_body(text: str) -> SafeString:
    """Escaped HTML: <h2> for subheadings, <p> (with <br>) for paragraphs."""
    parts = []
    for kind, content in body_blocks(text):
        if kind == "h":
            parts.append(format_html('<h2 class="h5 fw-bold mt-4">{}</h2>', content))
        else:
            lines = ((line.strip(),) for line in content.split("\n"))
            parts.append(format_html("<p>{}</p>", format_html_join(LINE_BREAK, "{}", lines)))
    return format_html_join("\n", "{}", ((part,) for part in parts))


def dateline(moment: datetime) -> str:
    """ "Thứ Năm, ngày 20/1/2022 - 09:38": weekday, day and month without leading zeros, local time."""
    local = timezone.localtime(moment)
    return _("%(weekday)s, %(day)s/%(month)s/%(year)s - %(time)s") % {
        "weekday": WEEKDAYS[local.weekday()],
        "day": local.day,
        "month": local.month,
        "year": local.year,
        "time": local.strftime("%H:%M"),
    }
