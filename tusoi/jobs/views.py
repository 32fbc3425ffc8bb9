"""Job pages: the owner's list, a job with its live progress (an htmx partial polled every second
while it runs; a refresh link without JavaScript), cancel, and the result download (owner only).

Jobs are started by the pages of what they work on (a roster import, an export); this app starts the
personal reports .zip of a branch committee and, for administrators, reminder runs and tally rebuilds.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors
from .kinds import REVIEW_REPORTS
from .registry import kind_link
from .services import job_cancel, job_create


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.own_jobs(request.user), 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "system_kinds": selectors.system_kinds(request.user),
        "report_sessions": selectors.report_sessions(request.user),
    }
    return render(request, "jobs/list.html", context)


def _progress_context(request: HttpRequest, pk: int) -> dict[str, object]:
    job = selectors.job_for_owner(request.user, pk)
    return {"job": job, "link": kind_link(job)}


@never_cache
@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jobs/detail.html", _progress_context(request, pk))


@never_cache
@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress partial alone (htmx polls it; it stops polling once the job has finished). A page
    that shows what the job produces (an import's report) asks to be reloaded when it is done."""
    job = selectors.job_for_owner(request.user, pk)
    reload_when_done = request.GET.get("reload") == "1"
    link = kind_link(job)
    context: dict[str, object] = {"job": job, "link": link, "reload_when_done": reload_when_done}
    if reload_when_done:  # polled from the page the link leads to: refresh that page, no link to itself
        context.update(link=None, refresh_url=link)
    response = render(request, "jobs/_progress.html", context)
    if reload_when_done and not job.is_active:
        response["HX-Refresh"] = "true"
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
@require_POST
def job_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_for_owner(request.user, pk)
    try:
        job = job_cancel(job=job, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if job.is_active:
            messages.info(request, _("Cancellation requested: the job stops at its next step."))
        else:
            messages.success(request, _("The job was cancelled."))
    return redirect("jobs:detail", pk=job.pk)


@never_cache
@login_required
def job_result(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The result file, for the job's owner only (404 for anyone else or while there is none)."""
    job = selectors.job_for_owner(request.user, pk)
    if not job.result:
        raise Http404
    try:
        handle = job.result.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=job.result.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def start_system_job(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in dict(selectors.system_kinds(request.user)):
        raise Http404
    job = job_create(kind=kind, owner=request.user)
    messages.success(request, _("The job is queued."))
    return redirect("jobs:detail", pk=job.pk)


@login_required
@require_POST
def start_review_reports(request: HttpRequest, session_pk: int) -> HttpResponse:
    session = selectors.report_sessions(request.user).filter(pk=session_pk).first()
    if session is None:
        raise Http404
    job = job_create(kind=REVIEW_REPORTS, owner=request.user, params={"session_id": session.pk})
    messages.success(request, _("The job is queued."))
    return redirect("jobs:detail", pk=job.pk)
