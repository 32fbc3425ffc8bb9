"""Summary reports: the list of the user's units' reports, creating one from a dashboard, editing
the draft, regenerating it from today's figures, issuing it, and its .docx."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tusoi.org.models import Sector
from tusoi.policy import (
    can_edit_summary_report,
    can_write_summary_report,
    stats_campaigns,
    summary_units,
    visible_summary_reports,
)

from ..documents.narrative import fraction
from ..documents.summary import figure_rows, render_summary
from ..forms import SummaryReportForm
from ..models import SummaryReport
from ..services import summary_report_create, summary_report_issue, summary_report_regenerate, summary_report_update
from .dashboard import ascii_name

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _visible_report(request: HttpRequest, pk: int) -> SummaryReport:
    return get_object_or_404(
        visible_summary_reports(request.user).select_related("unit", "campaign__issuer", "issued_by"), pk=pk
    )


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = visible_summary_reports(request.user).select_related("unit", "campaign").order_by("-report_date", "-pk")
    return render(request, "stats/reports.html", {"reports": reports, "units": summary_units(request.user)})


@login_required
@require_POST
def report_create_view(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = next((u for u in summary_units(request.user) if u.pk == unit_pk), None)
    raw = request.POST.get("campaign", "")
    campaign = stats_campaigns(request.user).filter(pk=int(raw)).first() if raw.isdigit() else None
    if unit is None or campaign is None or not can_write_summary_report(request.user, unit):
        raise Http404
    sector = request.POST.get("sector", "")
    try:
        report = summary_report_create(
            campaign=campaign, unit=unit, actor=request.user, sector=sector if sector in Sector.values else ""
        )
    except ValidationError as error:
        _errors(request, error)
        return redirect("stats:dashboard", pk=unit.pk)
    messages.success(request, _("A draft summary report was generated. Check and edit it before issuing it."))
    return redirect("stats:report", pk=report.pk)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    editable = can_edit_summary_report(request.user, report)
    form = SummaryReportForm(request.POST or None, report=report)
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            try:
                summary_report_update(
                    report=report,
                    actor=request.user,
                    number=form.cleaned_data["number"],
                    place=form.cleaned_data["place"],
                    report_date=form.cleaned_data["report_date"],
                    summary=form.cleaned_data["summary"],
                    bodies=form.bodies(),
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("The draft was saved."))
                return redirect("stats:report", pk=pk)
    context: dict[str, Any] = {
        "report": report,
        "form": form,
        "editable": editable,
        "figures": figure_rows(report.figures),
        "headline": fraction(report.figures["sessions"]) if report.figures else "",
        "sections": report.sections.order_by("position"),
    }
    return render(request, "stats/report.html", context)


def _editable_report(request: HttpRequest, pk: int) -> SummaryReport:
    report = _visible_report(request, pk)
    if not can_edit_summary_report(request.user, report):
        raise Http404
    return report


@login_required
@require_POST
def report_regenerate_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _editable_report(request, pk)
    try:
        summary_report_regenerate(report=report, actor=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The figures and the text were generated again from today's figures."))
    return redirect("stats:report", pk=pk)


@login_required
@require_POST
def report_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _editable_report(request, pk)
    try:
        summary_report_issue(report=report, actor=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The report was issued: it can no longer be changed."))
    return redirect("stats:report", pk=pk)


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    response = HttpResponse(render_summary(report), content_type=DOCX)
    name = ascii_name(f"bao-cao-{report.symbol or report.pk}-{report.unit.code}")
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response
