"""Introductory-report templates: the bloc office keeps the default, a branch committee its copy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tusoi.org.models import Unit, UnitKind
from tusoi.policy import can_edit_report_template, editable_template_units

from ..forms import TemplateForm
from ..models import ReportTemplate
from ..services import template_adapt_for_branch, template_ensure_default, template_update
from .common import attach_errors

PLACEHOLDERS = ("submitted", "enrolled", "submission_sentence", "group_summary", "manifestation_summary")


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    units = editable_template_units(request.user)
    if not units:
        raise Http404
    templates = {t.unit_id: t for t in ReportTemplate.objects.filter(unit__in=units)}
    rows = [(unit, templates.get(unit.pk)) for unit in units]
    return render(request, "rounds/template_list.html", {"rows": rows, "BRANCH": UnitKind.BRANCH})


def _editable_unit(request: HttpRequest, unit_id: int) -> Unit:
    unit = get_object_or_404(Unit, pk=unit_id)
    if not can_edit_report_template(request.user, unit):
        raise Http404
    return unit


@login_required
def template_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _editable_unit(request, unit_id)
    if unit.kind == UnitKind.BLOC:
        template = template_ensure_default(bloc=unit)
    else:
        template = get_object_or_404(ReportTemplate, unit=unit)
    form = TemplateForm(request.POST or None, template=template)
    if request.method == "POST" and form.is_valid():
        try:
            template_update(
                template=template, actor=request.user, title=form.cleaned_data["title"], sections=form.section_data()
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The template has been saved."))
            return redirect("rounds:template_edit", unit.pk)
    placeholders = ", ".join(f"{{{{{name}}}}}" for name in PLACEHOLDERS)
    return render(
        request,
        "rounds/template_edit.html",
        {"unit": unit, "template": template, "form": form, "placeholders": placeholders},
    )


@login_required
@require_POST
def template_adapt(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Give the branch its own copy of the bloc's default template."""
    unit = _editable_unit(request, unit_id)
    try:
        template_adapt_for_branch(branch=unit, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("rounds:templates")
    messages.success(request, _("The branch now has its own copy of the template to adapt."))
    return redirect("rounds:template_edit", unit.pk)
