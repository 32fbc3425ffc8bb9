"""The introductory report: generating the draft from the aggregate and a template, editing it part
by part (a stale save is refused and shown beside the newer text), and keeping every version."""

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tusoi.campaigns.models import BranchSession, SessionStatus
from tusoi.core.numbers import grouped

from ..models import IntroReport, ReportSection, ReportTemplate, ReportVersion
from ..selectors import Aggregate, session_aggregate
from .common import lock_session, record, session_move
from .templates import template_for_branch

# While the meeting has not been held, the committee may still change the draft.
EDITABLE_STATUSES = (SessionStatus.DRAFTING, SessionStatus.CONSULTING, SessionStatus.SCHEDULED)
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


class EditConflictError(Exception):
    """Someone saved the part since the editor loaded it: nothing is overwritten."""

    def __init__(self, current: ReportSection) -> None:
        super().__init__("stale section")
        self.current = current


def figures(aggregate: Aggregate) -> dict[str, str]:
    """The generated parts: figures and neutral sentences, in the active language, naming no one."""
    group_lines = [
        gettext("Group %(code)s — %(title)s: %(count)s member(s) identified at least one manifestation.")
        % {"code": g.code, "title": g.title, "count": grouped(g.members_with_any)}
        for g in aggregate.groups
    ]
    return {
        "enrolled": grouped(aggregate.enrolled),
        "submitted": grouped(aggregate.submitted),
        "submission_sentence": gettext(
            "%(submitted)s/%(enrolled)s members have submitted their self-reflection, self-correction report."
        )
        % {"submitted": grouped(aggregate.submitted), "enrolled": grouped(aggregate.enrolled)},
        "group_summary": "\n".join(group_lines),
        "manifestation_summary": _manifestation_summary(aggregate),
    }


def _manifestation_summary(aggregate: Aggregate) -> str:
    lines: list[str] = []
    for group in aggregate.groups:
        lines.append(f"{group.code}. {group.title}")
        found = [m for m in group.manifestations if m.identified]
        if not found:
            lines.append(gettext("No member identified a manifestation of this group."))
        for m in found:
            levels = "; ".join(
                gettext("%(level)s: %(count)s member(s)") % {"level": label, "count": grouped(count)}
                for (_code, label), count in zip(aggregate.levels[1:], m.counts[1:], strict=True)
                if count
            )
            lines.append(f"- {m.code} {m.text}: {levels}.")
    return "\n".join(lines)


def fill_placeholders(body: str, values: dict[str, str]) -> str:
    """Replace {{name}} by its figure; unknown names are left for the committee to see."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), body).strip()


def snapshot(report: IntroReport) -> list[dict[str, str]]:
    return [{"key": s.key, "heading": s.heading, "body": s.body} for s in report.sections.order_by("position")]


def version_create(*, report: IntroReport, actor: Any, note: str) -> ReportVersion:
    """Keep the report's current text as its next version (the report row is locked by the caller)."""
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return ReportVersion.objects.create(
        report=report, number=number, sections=snapshot(report), note=note[:255], created_by=actor
    )


@transaction.atomic
def report_create_draft(*, session: BranchSession, actor: Any, template: ReportTemplate | None = None) -> IntroReport:
    """Generate the draft from the aggregate and the template: the round moves to drafting."""
    session = lock_session(session)
    if IntroReport.objects.filter(session=session).exists():
        raise ValidationError(_("The draft introductory report has already been created."), code="exists")
    session_move(session, SessionStatus.DRAFTING, actor=actor)
    template = template or template_for_branch(session.branch)
    report = IntroReport.objects.create(
        session=session, branch_path=session.branch_path, template=template, created_by=actor
    )
    with translation.override(settings.LANGUAGE_CODE):
        values = figures(session_aggregate(session))
        ReportSection.objects.bulk_create(
            ReportSection(
                report=report,
                key=s.key,
                position=s.position,
                heading=s.heading,
                guidance=s.guidance,
                body=fill_placeholders(s.body, values),
                updated_by=actor,
            )
            for s in template.sections.order_by("position")
        )
        version_create(report=report, actor=actor, note=gettext("Generated from the self-reviews"))
    record(actor, "draft.create", report, session, detail={"template": template.pk})
    return report


def check_editable(session: BranchSession) -> None:
    if session.status not in EDITABLE_STATUSES:
        raise ValidationError(_("The introductory report can no longer be changed at this step."), code="locked")


@transaction.atomic
def section_save(*, section: ReportSection, actor: Any, heading: str, body: str, base_version: int) -> ReportVersion:
    """Save one part if nobody saved it since `base_version`; keep the whole report as a new version."""
    report = IntroReport.objects.select_for_update().select_related("session").get(pk=section.report_id)
    check_editable(report.session)
    current = ReportSection.objects.get(pk=section.pk)
    if current.version != base_version:
        raise EditConflictError(current)
    if current.heading == heading.strip() and current.body == body.strip():
        raise ValidationError(_("Nothing has changed in this part."), code="unchanged")
    current.heading = heading.strip()
    current.body = body.strip()
    current.updated_by = actor
    current.full_clean()
    current.save(update_fields=["heading", "body", "updated_by", "updated_at"])
    ReportSection.objects.filter(pk=current.pk).update(version=F("version") + 1)
    with translation.override(settings.LANGUAGE_CODE):
        note = gettext("Edited: %(part)s") % {"part": current.heading[:200]}
    version = version_create(report=report, actor=actor, note=note)
    record(actor, "draft.section_save", current, report.session, detail={"version": version.number})
    return version


def section_append(*, report: IntroReport, key: str, text: str, actor: Any) -> ReportSection:
    """Append a paragraph to a part (the report row is locked by the caller)."""
    section = ReportSection.objects.get(report=report, key=key)
    section.body = f"{section.body}\n\n{text}".strip()
    section.updated_by = actor
    section.save(update_fields=["body", "updated_by", "updated_at"])
    ReportSection.objects.filter(pk=section.pk).update(version=F("version") + 1)
    return section
