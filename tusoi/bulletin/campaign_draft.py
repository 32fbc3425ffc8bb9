"""A draft post about a campaign's results, written from its statistics in the portal's register.

Every figure comes from `tusoi.stats.selectors.campaign_stats` for the issuing unit's subtree:
counts only (nothing about a person), numbers grouped the Vietnamese way ("1.699"). The editor
completes the draft (the assessment, quotes, picture) before publishing it.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tusoi.campaigns.models import Campaign
from tusoi.core.numbers import grouped
from tusoi.org.models import Unit

from .rendering import SUBHEADING

_CAPITALISED_WORD = re.compile(r"^[^\W\d_][^\W\d_A-Z]")


@dataclass(frozen=True)
class DraftText:
    title: str
    summary: str
    body: str


def period_phrase(campaign: Campaign) -> str:
    """ "quý IV/2021" from the campaign's period "Quý IV/2021"; "năm 2026" when there is none."""
    period = campaign.period.strip()
    if not period:
        return _("the year %(year)s") % {"year": campaign.year}
    # A period written as a sentence-initial word ("Quý IV/2021", "Năm 2026") reads mid-sentence here.
    return period[:1].lower() + period[1:] if _CAPITALISED_WORD.match(period) else period


def _ratio(figures: dict[str, Any], done: str) -> str:
    return f"{grouped(figures[done])}/{grouped(figures['total'])}"


def _branches_clause(data: dict[str, Any]) -> str:
    """ "38/38 chi bộ cơ sở; 183/183 chi bộ trực thuộc 30/30 đảng ủy cơ sở" (parts without targets left out)."""
    parts = []
    if data["grassroots_branches"]["total"]:
        parts.append(_("%(ratio)s grassroots branches") % {"ratio": _ratio(data["grassroots_branches"], "held")})
    if data["affiliated_branches"]["total"]:
        parts.append(
            _("%(ratio)s affiliated branches of %(committees)s grassroots committees")
            % {
                "ratio": _ratio(data["affiliated_branches"], "held"),
                "committees": _ratio(data["grassroots_committees"], "completed"),
            }
        )
    return "; ".join(parts)


def campaign_draft(campaign: Campaign, unit: Unit) -> DraftText:
    """Title, summary and body of a draft post on `campaign`'s results in `unit`'s subtree."""
    from tusoi.stats.selectors import campaign_stats  # the statistics app is optional for the bulletin

    data = campaign_stats(campaign, unit, levels=False).as_dict()
    values = {
        "unit": unit.name,
        "plan": campaign.plan_number,
        "period": period_phrase(campaign),
        "meetings": grouped(data["meetings"]),
        "opinions": grouped(data["opinions"]),
        "branches": _branches_clause(data),
    }
    title = _("%(unit)s holds %(meetings)s thematic “self-reflection, self-correction” meetings in %(period)s")
    summary = _(
        "In %(period)s the branches of %(unit)s held %(meetings)s thematic “self-reflection, "
        "self-correction” meetings, with %(opinions)s discussion opinions."
    )
    paragraphs = [
        SUBHEADING + _("Results of the thematic meetings"),
        _(
            "Implementing Plan No. %(plan)s, in %(period)s %(branches)s held the thematic “self-reflection, "
            "self-correction” meeting, with %(meetings)s thematic meetings and %(opinions)s discussion opinions."
        )
        % values,
    ]
    members = data["members"]
    if members["enrolled"]:
        paragraphs.append(
            _(
                "%(submitted)s of %(enrolled)s members sent their personal self-reflection report to the branch "
                "committee; the meetings counted %(present)s attendances of members."
            )
            % {key: grouped(value) for key, value in members.items()}
        )
    reports = data["reports"]
    if reports["expected"]:
        paragraphs.append(
            _("%(received)s of %(expected)s branches have sent their results report to the level above.")
            % {"received": grouped(reports["received"]), "expected": grouped(reports["expected"])}
        )
    return DraftText(title=title % values, summary=summary % values, body="\n\n".join(paragraphs))
