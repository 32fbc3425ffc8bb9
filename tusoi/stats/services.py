"""Writes of the summary report: create (figures frozen, text generated), edit, regenerate, issue.

A report is a draft until issued; issued, it never changes. Access is checked by the views through
`tusoi.policy` (`can_write_summary_report`, `can_edit_summary_report`) and again here.
"""

from collections import Counter
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tusoi.campaigns.models import Campaign
from tusoi.core.audit import audit_record
from tusoi.org.models import Unit
from tusoi.policy import can_edit_summary_report, can_write_summary_report
from tusoi.rounds.models import Meeting

from .documents.narrative import default_summary, generate_sections
from .models import SummaryReport, SummarySection, SummaryStatus
from .selectors import campaign_stats

TRANSITIONS: dict[str, set[str]] = {SummaryStatus.DRAFT: {SummaryStatus.ISSUED}, SummaryStatus.ISSUED: set()}


def _figures(campaign: Campaign, unit: Unit, sector: str) -> dict[str, Any]:
    # A summary report goes upward: level counts are always suppressed below k.
    return campaign_stats(campaign, unit, sector=sector, suppress=True).as_dict()


def _usual_place(campaign: Campaign, unit: Unit) -> str:
    """The place name most used in the headings of the subtree's minutes (e.g. "Tuyên Quang")."""
    places = Meeting.objects.filter(campaign=campaign, branch_path__startswith=unit.path).exclude(locality="")
    counted = Counter(places.values_list("locality", flat=True)[:500])
    return counted.most_common(1)[0][0] if counted else ""


def _next_number(unit: Unit, year: int) -> str:
    issued = SummaryReport.objects.filter(unit=unit, status=SummaryStatus.ISSUED, report_date__year=year).count()
    return f"{issued + 1:02d}"


@transaction.atomic
def summary_report_create(*, campaign: Campaign, unit: Unit, actor: Any, sector: str = "") -> SummaryReport:
    """A draft summary report of `campaign` for `unit`, its figures and text generated now."""
    if not can_write_summary_report(actor, unit):
        raise PermissionDenied
    if not (unit.path.startswith(campaign.issuer.path) or campaign.issuer.path.startswith(unit.path)):
        raise ValidationError(_("This campaign does not concern this unit."))
    today = timezone.localdate()
    figures = _figures(campaign, unit, sector)
    report = SummaryReport(
        campaign=campaign,
        unit=unit,
        unit_path=unit.path,
        number=_next_number(unit, today.year),
        place=_usual_place(campaign, unit),
        report_date=today,
        summary=default_summary(campaign),
        figures=figures,
        sector=sector,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    report.full_clean()
    report.save()
    SummarySection.objects.bulk_create(
        SummarySection(report=report, key=key, position=i, heading=heading, body=body)
        for i, (key, heading, body) in enumerate(generate_sections(figures, campaign, unit))
    )
    audit_record(
        actor=actor, action="summary.create", obj=report, unit_path=unit.path, detail={"plan": campaign.plan_number}
    )
    return report


def _locked(report: SummaryReport, actor: Any) -> SummaryReport:
    report = SummaryReport.objects.select_for_update().select_related("unit", "campaign__issuer").get(pk=report.pk)
    if not report.is_editable:
        raise ValidationError(_("An issued report can no longer be changed."), code="issued")
    if not can_edit_summary_report(actor, report):
        raise PermissionDenied
    return report


@transaction.atomic
def summary_report_update(
    *, report: SummaryReport, actor: Any, number: str, place: str, report_date: date, summary: str,
    bodies: dict[str, str],
) -> SummaryReport:  # fmt: skip
    """Save the heading fields and the text of each part of a draft."""
    report = _locked(report, actor)
    report.number, report.place = number.strip(), place.strip()
    report.report_date, report.summary = report_date, summary.strip()
    report.full_clean()
    report.save(update_fields=["number", "place", "report_date", "summary", "updated_at"])
    for section in report.sections.all():
        if section.key in bodies and bodies[section.key] != section.body:
            section.body = bodies[section.key].replace("\r\n", "\n").strip()
            section.save(update_fields=["body"])
    audit_record(actor=actor, action="summary.update", obj=report, unit_path=report.unit_path)
    return report


@transaction.atomic
def summary_report_regenerate(*, report: SummaryReport, actor: Any) -> SummaryReport:
    """Freeze today's figures and generate the text again (the draft's edits are replaced)."""
    report = _locked(report, actor)
    report.figures = _figures(report.campaign, report.unit, report.sector)
    report.save(update_fields=["figures", "updated_at"])
    bodies = {key: body for key, _heading, body in generate_sections(report.figures, report.campaign, report.unit)}
    for section in report.sections.all():
        section.body = bodies.get(section.key, section.body)
        section.save(update_fields=["body"])
    audit_record(actor=actor, action="summary.regenerate", obj=report, unit_path=report.unit_path)
    return report


@transaction.atomic
def summary_report_issue(*, report: SummaryReport, actor: Any) -> SummaryReport:
    """Issue the draft: it is locked from now on. It needs its number and place."""
    report = _locked(report, actor)
    if SummaryStatus.ISSUED not in TRANSITIONS[report.status]:
        raise ValidationError(_("This report has already been issued."), code="issued")
    errors = {}
    if not report.number:
        errors["number"] = _("Give the report its number before issuing it.")
    if not report.place:
        errors["place"] = _("Give the place name of the heading before issuing it.")
    if errors:
        raise ValidationError(errors)
    report.status = SummaryStatus.ISSUED
    report.issued_at, report.issued_by = timezone.now(), actor
    report.full_clean()
    report.save(update_fields=["status", "issued_at", "issued_by", "updated_at"])
    audit_record(
        actor=actor, action="summary.issue", obj=report, unit_path=report.unit_path, detail={"symbol": report.symbol}
    )
    return report
