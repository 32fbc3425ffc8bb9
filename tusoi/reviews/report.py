"""The personal report ("bản tự soi, tự sửa") as data: what the printable page and the .docx show.

Built from a review (or one of its submitted snapshots) and the pinned catalogue; pure, no access
decisions (the caller got the review from `review_for_reader`).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from tusoi.core.docx import date_parts
from tusoi.org.models import COMMITTEE_ROLES, CommitteeRole, Unit

from .models import ReviewStatus, SelfReview
from .structure import CatalogStructure, IndicatorItem
from .validation import ReviewData, parse_deadline, review_data

DEFAULT_PLACE = "Tuyên Quang"


@dataclass
class ReportItem:
    code: str
    text: str
    level: str


@dataclass
class ReportGroup:
    code: str
    title: str
    items: list[ReportItem] = field(default_factory=list)
    answered_none: int = 0
    unanswered: int = 0


@dataclass
class ReportCommitment:
    number: int
    shortcoming: str
    measure: str
    deadline: str


@dataclass
class PersonalReport:
    superior_name: str
    branch_name: str
    place: str
    day: str
    month: str
    year: str
    plan_number: str
    period_line: str
    full_name: str
    birth_date: str
    party_position: str
    gov_position: str
    workplace: str
    branch: str
    none_label: str
    groups: list[ReportGroup]
    other_shortcomings: list[str]
    causes: list[str]
    commitments: list[ReportCommitment]
    is_final: bool

    def as_context(self) -> dict[str, Any]:
        """Plain values for the Word template (docxtpl renders them escaped)."""
        return {**self.__dict__}


def indicator_label(item: IndicatorItem) -> str:
    return item.text or _("Indicator %(code)s (text not yet entered from the source document)") % {"code": item.code}


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def document_date(on: date) -> tuple[str, str, str]:
    """Day and month as the Party's format writes them: a leading 0 for days 1–9 and months 1–2."""
    return date_parts(on)


def party_position(review: SelfReview) -> str:
    roles = CommitteeRole.objects.filter(
        CommitteeRole.active_q(timezone.localdate()), member=review.member, role__in=COMMITTEE_ROLES
    ).select_related("unit")
    names = [f"{role.get_role_display()} {role.unit.name}" for role in roles]
    if names:
        return "; ".join(names)
    return _("Probationary party member") if review.member.is_probationary else _("Party member")


def workplace(branch: Unit) -> str:
    """Where the member works, read from the branch's name ("Chi bộ Sở Alpha" → "Sở Alpha")."""
    name = branch.name.strip()
    prefix = "chi bộ "
    return name[len(prefix) :].strip() if name.lower().startswith(prefix) else ""


def _groups(data: ReviewData, structure: CatalogStructure) -> list[ReportGroup]:
    groups = []
    for g in structure.groups:
        group = ReportGroup(code=g.code, title=g.title)
        for m in g.manifestations:
            for ind in m.indicators:
                level = structure.level(data["answers"].get(ind.code, ""))
                if level is None:
                    group.unanswered += 1
                elif level.needs_commitment:
                    group.items.append(ReportItem(code=ind.code, text=indicator_label(ind), level=level.label))
                else:
                    group.answered_none += 1
        groups.append(group)
    return groups


def commitment_rows(data: ReviewData, structure: CatalogStructure) -> list[ReportCommitment]:
    rows: list[ReportCommitment] = []
    for c in data["commitments"]:
        code = c["indicator"]
        if code is not None:
            if not structure.needs_commitment(data["answers"].get(code)):
                continue  # a measure left in the draft for an indicator now answered "none"
            item = structure.indicators.get(code)
            shortcoming = f"{code}. {indicator_label(item)}" if item else code
        else:
            shortcoming = c["shortcoming"]
        parsed = parse_deadline(c["deadline"])
        deadline = parsed.strftime("%d/%m/%Y") if parsed else c["deadline"]
        rows.append(ReportCommitment(len(rows) + 1, shortcoming, c["measure"], deadline))
    return rows


def personal_report(
    review: SelfReview,
    structure: CatalogStructure,
    *,
    snapshot: dict[str, Any] | None = None,
    on: date | None = None,
) -> PersonalReport:
    """The report of the review's current content, or of a submitted snapshot."""
    data = review_data(snapshot if snapshot is not None else review)
    branch = review.session.branch
    parent = Unit.objects.filter(path=branch.path[: -Unit.steplen]).first() if branch.depth > 1 else None
    campaign = review.campaign
    when = on or (timezone.localdate(review.submitted_at) if review.submitted_at else timezone.localdate())
    day, month, year = document_date(when)
    member = review.member
    period = (
        _("Period %(period)s") % {"period": campaign.period}
        if campaign.period
        else _("Year %(year)s") % {"year": campaign.year}
    )
    return PersonalReport(
        superior_name=parent.name.upper() if parent else "",
        branch_name=branch.name.upper(),
        place=getattr(settings, "TUSOI_DOCUMENT_PLACE", DEFAULT_PLACE),
        day=day,
        month=month,
        year=year,
        plan_number=campaign.plan_number,
        period_line=period,
        full_name=member.full_name,
        birth_date=member.birth_date.strftime("%d/%m/%Y") if member.birth_date else "",
        party_position=party_position(review),
        gov_position=member.position,
        workplace=workplace(branch),
        branch=branch.name,
        none_label=structure.levels[0].label if structure.levels else "",
        groups=_groups(data, structure),
        other_shortcomings=paragraphs(data["other_shortcomings"]),
        causes=paragraphs(data["causes"]),
        commitments=commitment_rows(data, structure),
        is_final=snapshot is not None or review.status == ReviewStatus.SUBMITTED,
    )
