"""The results report: the branch committee writes and sends it; the superior's inbox lists the
reports of its subtree and acknowledges or returns each."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tusoi.campaigns.models import BranchSession, SessionStatus
from tusoi.policy import can_acknowledge_results_report, inbox_results_reports, user_scope, visible_results_reports

from ..forms import ResultsReportForm, ReturnForm
from ..models import ReportStatus, ResultsReport
from ..selectors import round_counts
from ..services import (
    results_report_acknowledge,
    results_report_return,
    results_report_save,
    results_report_send,
)
from .common import attach_errors, flash_errors, round_view

PAGE_SIZE = 30


@round_view(committee=True)
def results(request: HttpRequest, session: BranchSession) -> HttpResponse:
    """Write the report (figures shown live until it is sent, then frozen) and send it."""
    report = ResultsReport.objects.filter(session=session).first()
    if session.status not in (SessionStatus.HELD, SessionStatus.REPORTED):
        messages.info(request, _("The results report is written after the meeting has been held."))
        return redirect("rounds:round", session.pk)
    initial = {}
    if report is not None:
        initial = {
            "number": report.number,
            "general_assessment": report.general_assessment,
            "remediation_headlines": report.remediation_headlines,
        }
    form = ResultsReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = results_report_save(session=session, actor=request.user, **form.cleaned_data)
            if request.POST.get("send"):
                results_report_send(report=report, actor=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            sent = bool(request.POST.get("send"))
            messages.success(request, _("The report has been sent to the superior.") if sent else _("Draft saved."))
            return redirect("rounds:results", session.pk)
    live = report is None or report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
    return render(
        request,
        "rounds/results.html",
        {"session": session, "report": report, "form": form, "counts": round_counts(session) if live else None},
    )


@login_required
@never_cache
def inbox(request: HttpRequest) -> HttpResponse:
    """Results reports sent from the branches of the subtrees the user's offices manage."""
    if not user_scope(request.user).offices:
        raise Http404
    reports = inbox_results_reports(request.user).select_related("session__branch", "campaign")
    status = request.GET.get("status", "")
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    page = Paginator(reports.order_by("-sent_at", "branch_path"), PAGE_SIZE).get_page(request.GET.get("page"))
    statuses = [c for c in ReportStatus.choices if c[0] != ReportStatus.DRAFT]
    return render(request, "rounds/inbox.html", {"page": page, "status": status, "statuses": statuses})


def _visible_report(request: HttpRequest, pk: int) -> ResultsReport:
    return get_object_or_404(
        visible_results_reports(request.user).select_related("session__branch", "campaign", "sent_by", "decided_by"),
        pk=pk,
    )


@login_required
@never_cache
def results_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    return render(
        request,
        "rounds/results_detail.html",
        {
            "report": report,
            "can_decide": can_acknowledge_results_report(request.user, report),
            "return_form": ReturnForm(),
        },
    )


@login_required
@require_POST
def results_decide(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    if not can_acknowledge_results_report(request.user, report):
        messages.error(request, _("This report cannot be acknowledged or returned now."))
        return redirect("rounds:results_detail", report.pk)
    try:
        if request.POST.get("decision") == "return":
            form = ReturnForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            results_report_return(report=report, actor=request.user, reason=reason)
            messages.success(request, _("The report has been returned to the branch."))
        else:
            results_report_acknowledge(report=report, actor=request.user)
            messages.success(request, _("The report has been acknowledged."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("rounds:results_detail", report.pk)
