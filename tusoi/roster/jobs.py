"""The roster's job kinds: check (dry run) and apply an import, export members or units.

Each runner fetches what it works on through the owner's scope at run time, then calls a service.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tusoi.core.audit import audit_record
from tusoi.jobs.context import JobContext
from tusoi.jobs.models import Job
from tusoi.jobs.registry import register
from tusoi.policy import visible_roster_imports

from . import exports, selectors, services
from .models import RosterImport

EXPORT_JOB = "roster.export"


def _import_page(job: Job) -> str | None:
    pk = job.params.get("import_id")
    return reverse("roster:import", args=[pk]) if pk else None


def _roster_import(job: Job) -> RosterImport:
    found = visible_roster_imports(job.owner).filter(pk=job.params.get("import_id")).first()
    if found is None:
        raise ValidationError(_("The file of this import no longer exists."))
    return found


@register(services.CHECK_JOB, gettext_lazy("Check a roster file"), link=_import_page)
def run_check(job: Job, context: JobContext) -> None:
    roster_import = _roster_import(job)
    context.log(_("Checking %(file)s…") % {"file": roster_import.filename})
    plan = services.roster_import_check(roster_import=roster_import, progress=context.progress)
    context.log(services.summary(plan.counts))


@register(services.APPLY_JOB, gettext_lazy("Import a roster file"), link=_import_page)
def run_apply(job: Job, context: JobContext) -> None:
    roster_import = _roster_import(job)
    context.log(_("Checking %(file)s against the current roster…") % {"file": roster_import.filename})

    def before_write() -> None:
        context.check_cancel()
        context.log(_("Writing to the database (all rows or none)…"))

    plan = services.roster_import_apply(
        roster_import=roster_import, progress=context.progress, before_write=before_write
    )
    if plan is None:
        context.log(_("This file had already been imported; nothing was changed."))
    else:
        context.log(services.summary(plan.counts))


@register(EXPORT_JOB, gettext_lazy("Export the roster"))
def run_export(job: Job, context: JobContext) -> None:
    what = job.params.get("what", exports.MEMBERS)
    fmt = job.params.get("format", exports.XLSX)
    if what not in (exports.MEMBERS, exports.UNITS) or fmt not in (exports.XLSX, exports.CSV):
        raise ValidationError(_("Unknown kind of export."))
    root = selectors.export_root(job.owner, job.params.get("unit_id"))
    if job.params.get("unit_id") and root is None:
        raise ValidationError(_("You no longer manage this unit."))
    context.progress(0, 1)
    if what == exports.MEMBERS:
        rows = list(exports.member_rows(selectors.members_for_export(job.owner, root)))
    else:
        units, parents, counts = selectors.units_for_export(job.owner, root)
        rows = list(exports.unit_rows(units, parents, counts))
    content, filename = exports.write(what, fmt, rows)
    context.save_result(filename, content)
    audit_record(
        actor=job.owner,
        action="roster.export",
        obj=job,
        unit_path=root.path if root else "",
        detail={"what": what, "format": fmt, "rows": len(rows)},
    )
    context.log(_("%(count)s rows exported.") % {"count": len(rows)})
    context.progress(1, 1)
