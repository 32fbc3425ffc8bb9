"""The year-end sheets: what a member, a branch or a committee achieved on its remediation in a year,
to accompany the year-end review (kiểm điểm, đánh giá, xếp loại cuối năm).

A sheet carries RESULTS: each commitment or item, its measures, deadline, state at the end of the year
(or today, for the current year), the result written for it and the last progress entry. It never
carries a self-review's levels or other answers. Items of earlier years not completed before the year
began are carried over. Pure reads: the caller checked access through tusoi.policy.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypedDict

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tusoi.core.docx import date_parts
from tusoi.org.models import COMMITTEE_ROLES, CommitteeRole, Member, Unit, UnitKind
from tusoi.reviews.models import ReviewStatus, SelfReview

from .commitments import review_commitments
from .models import ItemStatus, OwnerKind, ProgressEntry, RemediationItem, SupervisionAction
from .selectors import StateCounts, state_label, state_of
from .suppression import ShownCounts, members_shown

DEFAULT_PLACE = "Tuyên Quang"


@dataclass
class SheetRow:
    number: int
    shortcoming: str
    measures: str
    deadline: str
    state: str
    state_label: str
    result: str
    last_progress: str
    carried_from: str = ""


@dataclass
class YearSheet:
    """Everything the page and the .docx show; `as_context` feeds the Word template."""

    is_member: bool
    sheet_year: int
    as_of: str
    superior_name: str
    branch_name: str
    place: str
    day: str
    month: str
    year: str
    title_line: str
    full_name: str = ""
    birth_date: str = ""
    party_position: str = ""
    branch: str = ""
    unit_name: str = ""
    rows: list[SheetRow] = field(default_factory=list)
    pending: list[SheetRow] = field(default_factory=list)
    actions: list[SheetRow] = field(default_factory=list)
    counts: StateCounts = field(default_factory=StateCounts)
    member_counts: ShownCounts | None = None  # members' items, as the reader may see them

    def as_context(self) -> dict[str, Any]:
        context = dict(self.__dict__)
        context["counts"] = self.counts.as_dict()
        context["member_counts"] = self.member_counts.as_document() if self.member_counts else None
        return context


def as_of_for(year: int, today: date) -> date:
    """A past year is judged on its last day; the current one on today."""
    return min(today, date(year, 12, 31))


def _short(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _carried_q(year: int) -> Q:
    """Items of the year's plans, and earlier ones not completed before the year began."""
    start = date(year, 1, 1)
    still_open = ~Q(status=ItemStatus.DONE) | Q(done_on__gte=start)
    return Q(year=year) | (Q(year__lt=year) & still_open)


def _last_by(ids: list[int], field_name: str, as_of: date) -> dict[int, ProgressEntry]:
    last: dict[int, ProgressEntry] = {}
    entries = ProgressEntry.objects.filter(**{f"{field_name}__in": ids}, on__lte=as_of).order_by("on", "id")
    for entry in entries:
        last[getattr(entry, f"{field_name}_id")] = entry
    return last


def _progress_text(entry: ProgressEntry | None) -> str:
    return f"{_short(entry.on)}: {entry.note}" if entry else ""


def _item_rows(items: QuerySet[RemediationItem], year: int, as_of: date, counts: StateCounts) -> list[SheetRow]:
    loaded = list(items.order_by("year", "plan_id", "position", "id"))
    last = _last_by([i.pk for i in loaded], "item", as_of)
    rows: list[SheetRow] = []
    for item in loaded:
        state = state_of(item, as_of)
        counts.add(state, 1)
        rows.append(
            SheetRow(
                number=len(rows) + 1,
                shortcoming=item.label if item.shortcoming else (item.indicator_code or "—"),
                measures=item.measures,
                deadline=_short(item.deadline),
                state=state,
                state_label=state_label(state),
                result=item.result,
                last_progress=_progress_text(last.get(item.pk)),
                carried_from=str(item.year) if item.year < year else "",
            )
        )
    return rows


class Header(TypedDict):
    superior_name: str
    branch_name: str
    place: str
    day: str
    month: str
    year: str


def _header(unit: Unit, on: date) -> Header:
    parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first() if unit.depth > 1 else None
    day, month, year = date_parts(on)
    return {
        "superior_name": parent.name.upper() if parent else "",
        "branch_name": unit.name.upper(),
        "place": getattr(settings, "TUSOI_DOCUMENT_PLACE", DEFAULT_PLACE),
        "day": day,
        "month": month,
        "year": year,
    }


def _party_position(member: Member, on: date) -> str:
    roles = CommitteeRole.objects.filter(
        CommitteeRole.active_q(on), member=member, role__in=COMMITTEE_ROLES
    ).select_related("unit")
    names = [f"{role.get_role_display()} {role.unit.name}" for role in roles]
    if names:
        return "; ".join(names)
    return _("Probationary party member") if member.is_probationary else _("Party member")


def _pending_commitments(member: Member, year: int, seeded: set[str]) -> list[SheetRow]:
    """Commitments of the member's submitted self-reviews of the year not (yet) in a plan."""
    rows: list[SheetRow] = []
    reviews = SelfReview.objects.filter(
        member=member, campaign__year=year, status=ReviewStatus.SUBMITTED, is_active=True
    ).select_related("campaign__catalog")
    for review in reviews.order_by("submitted_at", "id"):
        for c in review_commitments(review):
            if c.key in seeded:
                continue
            label = f"{c.indicator_code}. {c.shortcoming}" if c.indicator_code else c.shortcoming
            rows.append(
                SheetRow(len(rows) + 1, label or c.indicator_code, c.measure, _short(c.deadline), "", "", "", "")
            )
    return rows


def member_year_sheet(member: Member, year: int, *, today: date | None = None) -> YearSheet:
    """A member's commitments and remediation items for the year, with their results."""
    today = today or timezone.localdate()
    as_of = as_of_for(year, today)
    items = RemediationItem.objects.filter(_carried_q(year), plan__member=member, owner_kind=OwnerKind.MEMBER)
    unit = member.branch or next((i.plan.unit for i in items.select_related("plan__unit")[:1]), None)
    sheet = YearSheet(
        is_member=True,
        sheet_year=year,
        as_of=_short(as_of),
        title_line=_("Year %(year)s") % {"year": year},
        full_name=member.full_name,
        birth_date=_short(member.birth_date),
        party_position=_party_position(member, as_of),
        branch=unit.name if unit else "",
        **(_header(unit, today) if unit else _blank_header(today)),
    )
    sheet.rows = _item_rows(items, year, as_of, sheet.counts)
    seeded = set(items.exclude(source_key="").values_list("source_key", flat=True))
    sheet.pending = _pending_commitments(member, year, seeded)
    return sheet


def _blank_header(on: date) -> Header:
    day, month, year = date_parts(on)
    place = getattr(settings, "TUSOI_DOCUMENT_PLACE", DEFAULT_PLACE)
    return {"superior_name": "", "branch_name": "", "place": place, "day": day, "month": month, "year": year}


def _action_rows(unit: Unit, year: int, as_of: date) -> list[SheetRow]:
    start = date(year, 1, 1)
    still_open = ~Q(status=ItemStatus.DONE) | Q(done_on__gte=start)
    actions = list(
        SupervisionAction.objects.filter(supervision__target=unit)
        .filter(Q(supervision__year=year) | (Q(supervision__year__lt=year) & still_open))
        .select_related("supervision__by_unit")
        .order_by("deadline", "id")
    )
    last = _last_by([a.pk for a in actions], "action", as_of)
    rows: list[SheetRow] = []
    for action in actions:
        state = state_of(action, as_of)
        rows.append(
            SheetRow(
                number=len(rows) + 1,
                shortcoming=action.supervision.by_unit.name,
                measures=action.description,
                deadline=_short(action.deadline),
                state=state,
                state_label=state_label(state),
                result=action.closing_note,
                last_progress=_progress_text(last.get(action.pk)),
                carried_from=str(action.supervision.year) if action.supervision.year < year else "",
            )
        )
    return rows


def unit_year_sheet(
    unit: Unit, year: int, *, today: date | None = None, exact_paths: Collection[str] = ()
) -> YearSheet:
    """A branch's or committee's own plan items for the year with their results, the actions its
    supervisions requested, and its members' items as counts only (no name, no text), each count below
    k hidden unless the reader sees the unit's counts exactly (`exact_paths`: its own branch committee,
    `tusoi.policy.exact_count_paths`), by the same rule as the remediation overview (`suppression`)."""
    today = today or timezone.localdate()
    as_of = as_of_for(year, today)
    kind = OwnerKind.BRANCH if unit.kind == UnitKind.BRANCH else OwnerKind.COMMITTEE
    items = RemediationItem.objects.filter(_carried_q(year), plan__unit=unit, owner_kind=kind)
    sheet = YearSheet(
        is_member=False,
        sheet_year=year,
        as_of=_short(as_of),
        title_line=_("Year %(year)s") % {"year": year},
        unit_name=unit.name,
        **_header(unit, today),
    )
    sheet.rows = _item_rows(items, year, as_of, sheet.counts)
    sheet.actions = _action_rows(unit, year, as_of)
    shown = members_shown(unit, year, today=as_of, exact_paths=exact_paths)
    sheet.member_counts = shown.get(unit.path, ShownCounts())
    return sheet
