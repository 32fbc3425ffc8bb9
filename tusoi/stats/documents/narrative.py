"""The generated text of a summary report, from its frozen figures, in the register of the Party's
reports ("Trong quý IV/2021, đã có 38/38 chi bộ cơ sở; 183/183 chi bộ trực thuộc 30/30 đảng ủy cơ
sở … tổ chức sinh hoạt chuyên đề …"). Always in the project's language (Vietnamese), numbers as
"1.699". Every figure comes from `figures` (a `CampaignStats.as_dict()`); the office edits the text
before issuing it.
"""

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from tusoi.campaigns.models import Campaign
from tusoi.core.numbers import grouped
from tusoi.org.models import Sector, Unit, UnitKind

from ..models import SectionKey

TOP_MANIFESTATIONS = 3


def fraction(part: dict[str, int], done: str = "held") -> str:
    return f"{grouped(part[done])}/{grouped(part['total'])}"


def _period(campaign: Campaign) -> str:
    """ "quý IV/2021" from "Quý IV/2021" (it follows "Trong"), or "năm 2021"."""
    if campaign.period:
        return campaign.period[:1].lower() + campaign.period[1:]
    return _("the year %(year)s") % {"year": campaign.year}


def _sectors(campaign: Campaign, sector: str) -> str:
    labels = dict(Sector.choices)
    chosen = [sector] if sector else [s for s in campaign.target_sectors if s in labels]
    return ", ".join(str(labels[s]).lower() for s in chosen)


def held_sentence(figures: dict[str, Any], campaign: Campaign, unit: Unit) -> str:
    """ "In Q4/2021, 38/38 grassroots branches; 183/183 affiliated branches of 30/30 grassroots
    committees of the administrative agency, public service unit sectors held the thematic meeting
    under plan no. 31-KH/ĐUK." (the parts that apply to the unit)."""
    parts = []
    if figures["grassroots_branches"]["total"]:
        parts.append(_("%(fraction)s grassroots branches") % {"fraction": fraction(figures["grassroots_branches"])})
    if figures["affiliated_branches"]["total"]:
        affiliated = _("%(fraction)s affiliated branches") % {"fraction": fraction(figures["affiliated_branches"])}
        if unit.kind == UnitKind.BLOC and figures["grassroots_committees"]["total"]:
            affiliated = _("%(branches)s of %(committees)s grassroots committees") % {
                "branches": affiliated,
                "committees": fraction(figures["grassroots_committees"], "completed"),
            }
        parts.append(affiliated)
    if not parts:
        return _("No branch of %(unit)s was targeted by plan no. %(plan)s.") % {
            "unit": unit.name,
            "plan": campaign.plan_number,
        }
    values = {"period": _period(campaign), "parts": "; ".join(parts), "plan": campaign.plan_number}
    if unit.kind != UnitKind.BLOC:  # a committee's own branches: their sectors go without saying
        return _("In %(period)s, %(parts)s held the thematic meeting under plan no. %(plan)s.") % values
    return _(
        "In %(period)s, %(parts)s of the %(sectors)s sectors held the thematic meeting under plan no. %(plan)s."
    ) % {**values, "sectors": _sectors(campaign, figures.get("sector") or "")}


def _top_manifestations(figures: dict[str, Any]) -> str:
    levels = figures.get("levels")
    if not levels:
        return ""
    items = [m for g in levels["groups"] for m in g["manifestations"] if m["identified"]]
    items.sort(key=lambda m: -m["identified"])
    if not items:
        return _(
            "No manifestation of degradation was self-identified by %(k)s or more members (smaller counts are "
            "not reported)."
        ) % {"k": levels["k"]}
    listed = [
        _("manifestation %(code)s (%(count)s members)") % {"code": m["code"], "count": grouped(m["identified"])}
        for m in items[:TOP_MANIFESTATIONS]
    ]
    return _("The manifestations most often self-identified were: %(items)s.") % {"items": "; ".join(listed)}


def results_text(figures: dict[str, Any], campaign: Campaign, unit: Unit) -> str:
    members = figures["members"]
    lines = [
        held_sentence(figures, campaign, unit),
        _(
            "At %(meetings)s thematic meetings there were %(opinions)s discussion opinions; members made "
            "%(comments)s comments on the draft introductory reports."
        )
        % {
            "meetings": grouped(figures["meetings"]),
            "opinions": grouped(figures["opinions"]),
            "comments": grouped(figures["comments"]),
        },
        _(
            "%(submitted)s/%(enrolled)s members submitted their self-reflection, self-correction report; members "
            "present at the meetings: %(present)s."
        )
        % {
            "submitted": grouped(members["submitted"]),
            "enrolled": grouped(members["enrolled"]),
            "present": grouped(members["present"]),
        },
        _top_manifestations(figures),
        _("%(received)s/%(expected)s branches have sent their results report to the superior level.")
        % {"received": grouped(figures["reports"]["received"]), "expected": grouped(figures["reports"]["expected"])},
    ]
    return "\n".join(line for line in lines if line)


def deployment_text(campaign: Campaign, unit: Unit) -> str:
    if unit.pk == campaign.issuer_id:
        plan = _("Implementing plan no. %(plan)s") % {"plan": campaign.plan_number}
    else:
        plan = _("Implementing plan no. %(plan)s of %(issuer)s") % {
            "plan": campaign.plan_number,
            "issuer": campaign.issuer.name,
        }
    return _(
        "%(plan)s, the committees and branches of %(unit)s prepared and held the thematic meeting "
        "“self-reflection, self-correction”: members examined themselves against the manifestations of "
        "degradation and sent their personal reports to the branch committee; the branch committees aggregated "
        "the results into a draft introductory report and sent it to the members for comment before the meeting."
    ) % {"plan": plan, "unit": unit.name}


def assessment_text(figures: dict[str, Any], campaign: Campaign) -> str:
    sessions = figures["sessions"]
    missing = sessions["total"] - sessions["held"]
    if sessions["total"] and not missing:
        first = _(
            "Every targeted branch held the thematic meeting, in line with the purpose and requirements of plan "
            "no. %(plan)s."
        ) % {"plan": campaign.plan_number}
    else:
        first = _(
            "%(missing)s of the %(total)s targeted branches have not yet held the thematic meeting; the committees "
            "concerned are to direct them to complete it."
        ) % {"missing": grouped(missing), "total": grouped(sessions["total"])}
    return "\n".join(
        [
            first,
            _(
                "The discussion concentrated on the draft introductory reports, on the manifestations identified "
                "by members themselves and by others, and on the tasks and solutions to remedy them."
            ),
        ]
    )


def directions_text() -> str:
    return _(
        "Committees, branches and members make remediation plans and regularly inspect and supervise their "
        "implementation; the results of the remediation are linked to the year-end review. Every branch holds "
        "the thematic meeting “self-reflection, self-correction” at least once a year."
    )


def generate_sections(figures: dict[str, Any], campaign: Campaign, unit: Unit) -> list[tuple[str, str, str]]:
    """(key, heading, body) of each part, in order, in the project's language."""
    with translation.override(settings.LANGUAGE_CODE):
        headings = {key: str(label) for key, label in SectionKey.choices}
        bodies: dict[str, str] = {
            SectionKey.DEPLOYMENT: deployment_text(campaign, unit),
            SectionKey.RESULTS: results_text(figures, campaign, unit),
            SectionKey.ASSESSMENT: assessment_text(figures, campaign),
            SectionKey.DIRECTIONS: directions_text(),
        }
        return [(key, headings[key], bodies[key]) for key in SectionKey.values]


def default_summary(campaign: Campaign) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Results of the thematic meetings “self-reflection, self-correction” under plan no. %(plan)s") % {
            "plan": campaign.plan_number
        }
