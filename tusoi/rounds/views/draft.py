"""The committee's draft: create it, edit it part by part, list its versions and compare two."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tusoi.campaigns.models import BranchSession

from ..diff import version_diff
from ..forms import SectionForm
from ..models import IntroReport, ReportSection
from ..selectors import comment_counts_by_section, report_sections, report_versions
from ..services import EditConflictError, report_create_draft, section_save
from ..services.draft import EDITABLE_STATUSES
from .common import attach_errors, flash_errors, round_view


def _report(session: BranchSession) -> IntroReport:
    return get_object_or_404(IntroReport.objects.select_related("circulated_version"), session=session)


@require_POST
@round_view(committee=True)
def draft_create(request: HttpRequest, session: BranchSession) -> HttpResponse:
    try:
        report_create_draft(session=session, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("rounds:round", session.pk)
    messages.success(request, _("The draft introductory report has been created from the self-reviews."))
    return redirect("rounds:draft", session.pk)


@round_view(committee=True)
def draft(request: HttpRequest, session: BranchSession) -> HttpResponse:
    report = _report(session)
    sections = report_sections(report)
    counts = comment_counts_by_section(report)
    for section in sections:
        section.comments = counts.get(section.key, {"total": 0, "open": 0})  # type: ignore[attr-defined]
    return render(
        request,
        "rounds/draft.html",
        {
            "session": session,
            "report": report,
            "sections": sections,
            "editable": session.status in EDITABLE_STATUSES,
            "latest": report.versions.order_by("-number").first(),
        },
    )


@round_view(committee=True)
def section_edit(request: HttpRequest, session: BranchSession, key: str) -> HttpResponse:
    """Edit one part. A save made after someone else's is refused; both texts are shown."""
    report = _report(session)
    section = get_object_or_404(ReportSection, report=report, key=key)
    conflict = None
    if request.method == "POST":
        form = SectionForm(request.POST)
        if form.is_valid():
            try:
                version = section_save(
                    section=section,
                    actor=request.user,
                    heading=form.cleaned_data["heading"],
                    body=form.cleaned_data["body"],
                    base_version=form.cleaned_data["base_version"],
                )
            except EditConflictError as exc:
                conflict = exc.current
                # The user's text stays in the form; the newer text is shown beside it.
                form = SectionForm(
                    initial={
                        "heading": form.cleaned_data["heading"],
                        "body": form.cleaned_data["body"],
                        "base_version": conflict.version,
                    }
                )
                messages.warning(
                    request,
                    _(
                        "Someone else saved this part while you were editing it. Your text is below, next to "
                        "the newer one: merge them and save again."
                    ),
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("Saved as version %(number)s.") % {"number": version.number})
                return redirect("rounds:draft", session.pk)
    else:
        form = SectionForm(initial={"heading": section.heading, "body": section.body, "base_version": section.version})
    return render(
        request,
        "rounds/section_edit.html",
        {
            "session": session,
            "section": section,
            "form": form,
            "conflict": conflict,
            "editable": session.status in EDITABLE_STATUSES,
        },
    )


@round_view(committee=True)
def versions(request: HttpRequest, session: BranchSession) -> HttpResponse:
    report = _report(session)
    return render(
        request, "rounds/versions.html", {"session": session, "report": report, "versions": report_versions(report)}
    )


@round_view(committee=True)
def version_detail(request: HttpRequest, session: BranchSession, number: int) -> HttpResponse:
    report = _report(session)
    version = get_object_or_404(report.versions, number=number)
    return render(request, "rounds/version_detail.html", {"session": session, "report": report, "version": version})


@round_view(committee=True)
def version_compare(request: HttpRequest, session: BranchSession) -> HttpResponse:
    """A word-level diff between any two versions (?a=…&b=…)."""
    report = _report(session)
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError as exc:
        raise Http404 from exc
    old = get_object_or_404(report.versions, number=min(a, b))
    new = get_object_or_404(report.versions, number=max(a, b))
    return render(
        request,
        "rounds/version_diff.html",
        {"session": session, "old": old, "new": new, "parts": version_diff(old.sections, new.sections)},
    )
