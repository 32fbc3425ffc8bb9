"""Roster pages: upload a file, map its columns, read the dry run, apply it; ask for an export.

An import belongs to its uploader (404 for anyone else); the rows it may touch are decided by the
uploader's scope when its jobs run. Checking and applying are background jobs whose progress shows
on the import's page.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tusoi.jobs.services import job_create
from tusoi.policy import can_import_roster, user_scope, visible_roster_imports

from . import selectors, services
from .columns import COLUMNS, missing_required
from .forms import ExportForm, MappingForm, UploadForm
from .jobs import EXPORT_JOB
from .models import ImportStatus, RosterImport, RowAction

ROWS_PER_PAGE = 100


def _index(request: HttpRequest, upload_form: UploadForm | None = None, status: int = 200) -> HttpResponse:
    context = {
        "upload_form": upload_form or UploadForm(),
        "export_form": ExportForm(user=request.user),
        "can_import": can_import_roster(request.user),
        "imports": selectors.own_imports(request.user)[:20],
    }
    return render(request, "roster/index.html", context, status=status)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not user_scope(request.user).manages_anything:
        return render(request, "roster/nothing_to_manage.html")
    return _index(request)


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    if not can_import_roster(request.user):
        raise Http404
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _index(request, form, status=400)
    file = form.cleaned_data["file"]
    try:
        roster_import = services.roster_import_upload(owner=request.user, filename=file.name, content=file.read())
    except ValidationError as error:
        form.add_error("file", error)
        return _index(request, form, status=400)
    if missing_required(roster_import.mapping):
        messages.info(request, _("Some columns were not recognised: tell which column holds what."))
        return redirect("roster:mapping", pk=roster_import.pk)
    services.roster_import_check_start(roster_import=roster_import, actor=request.user)
    return redirect("roster:import", pk=roster_import.pk)


def _own_import(request: HttpRequest, pk: int) -> RosterImport:
    # The kept plan is the apply job's (read by the service from its own query).
    return get_object_or_404(visible_roster_imports(request.user).select_related("job").defer("planned"), pk=pk)


@never_cache
@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    roster_import = _own_import(request, pk)
    action = request.GET.get("action", "")
    rows = selectors.report_rows(roster_import, action)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    labels = dict(RowAction.choices)
    shown = [{**row, "action_label": labels.get(row["action"], row["action"])} for row in page.object_list]
    busy = roster_import.job is not None and roster_import.job.is_active
    context: dict[str, Any] = {
        "imp": roster_import,
        "busy": busy,
        "page": page,
        "rows": shown,
        "action": action if action in RowAction.values else "",
        "actions": [(a, a.label, roster_import.counts.get(a.value, 0)) for a in RowAction],
        "mapped": [
            (c, roster_import.headers[roster_import.mapping[c.key]]) for c in COLUMNS if c.key in roster_import.mapping
        ],
        "checked": roster_import.status in (ImportStatus.CHECKED, ImportStatus.APPLIED),
    }
    return render(request, "roster/import.html", context)


@login_required
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    roster_import = _own_import(request, pk)
    if roster_import.status == ImportStatus.APPLIED:
        raise Http404
    form = MappingForm(request.POST or None, headers=roster_import.headers, mapping=roster_import.mapping)
    if request.method == "POST" and form.is_valid():
        try:
            services.roster_import_check_start(roster_import=roster_import, actor=request.user, mapping=form.mapping())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("roster:import", pk=roster_import.pk)
    return render(request, "roster/mapping.html", {"imp": roster_import, "form": form})


@login_required
@require_POST
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    roster_import = _own_import(request, pk)
    try:
        services.roster_import_apply_start(roster_import=roster_import, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("roster:import", pk=roster_import.pk)


@login_required
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    if not user_scope(request.user).manages_anything:
        raise Http404
    form = ExportForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose what to export and the format."))
        return redirect("roster:index")
    params = {"what": form.cleaned_data["what"], "format": form.cleaned_data["format"]}
    if form.cleaned_data.get("unit") is not None:
        params["unit_id"] = form.cleaned_data["unit"].pk
    job = job_create(kind=EXPORT_JOB, owner=request.user, params=params)
    messages.success(request, _("The export is being prepared; download it here when it is ready."))
    return redirect("jobs:detail", pk=job.pk)
