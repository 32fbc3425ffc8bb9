"""Job kinds that only call other apps' services: reminder runs, tally rebuilds, and the personal
reports of a branch session as one .zip."""

import io
import zipfile

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tusoi.core.text import fold
from tusoi.policy import visible_self_reviews

from .context import JobContext
from .models import Job
from .registry import register

REMINDERS = "campaigns.reminders"
TALLIES = "stats.rebuild_tallies"
REVIEW_REPORTS = "reviews.reports_zip"


@register(REMINDERS, gettext_lazy("Self-review reminders due today"))
def run_reminders(job: Job, context: JobContext) -> None:
    """`send_reminders`: each reminder goes out once whatever the number of runs (idempotent)."""
    from tusoi.campaigns.reminders import send_due_reminders

    context.progress(0, 1)
    run = send_due_reminders(today=timezone.localdate())
    context.log(
        _("%(sent)s reminders sent; %(unreachable)s members have neither an account nor an e-mail address.")
        % {"sent": run.total, "unreachable": run.unreachable}
    )
    context.progress(1, 1)


def run_tally_rebuild(job: Job, context: JobContext) -> None:
    """`rebuild_tallies` for every campaign: recomputed from the raw records, so a rerun is harmless."""
    from tusoi.stats.rebuild import rebuild_tallies

    context.progress(0, 1)
    result = rebuild_tallies(campaign=None)
    for line in result.differences[:200]:
        context.log(line)
    context.log(
        _("%(sessions)s sessions recounted, %(differences)s differences corrected.")
        % {"sessions": result.sessions, "differences": len(result.differences)}
    )
    context.progress(1, 1)


if apps.is_installed("tusoi.stats"):
    register(TALLIES, gettext_lazy("Rebuild the statistics tallies"))(run_tally_rebuild)


@register(REVIEW_REPORTS, gettext_lazy("Personal reports of a branch (.zip)"))
def run_review_reports(job: Job, context: JobContext) -> None:
    """Every started self-review of a session the owner's branch committee runs, as .docx files in one
    .zip. Access is decided now, not when the job was asked for; each read is audited as the single
    download is (`review_for_reader`)."""
    from tusoi.reviews.documents.personal_report import render_personal_report
    from tusoi.reviews.models import ReviewStatus
    from tusoi.reviews.selectors import review_for_reader, session_for_committee

    owner = job.owner
    try:
        session = session_for_committee(owner, int(job.params.get("session_id", 0)))
    except Http404 as exc:
        raise ValidationError(_("You no longer have access to this branch's personal reports.")) from exc
    ids = list(
        visible_self_reviews(owner)
        .filter(session=session)
        .exclude(status=ReviewStatus.NOT_STARTED)
        .order_by("member__name_sort", "pk")
        .values_list("pk", flat=True)
    )
    context.progress(0, len(ids))
    out = io.BytesIO()
    written = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, pk in enumerate(ids, 1):
            try:
                review = review_for_reader(owner, pk, via="zip")
            except Http404:
                continue  # access lost meanwhile
            name = fold(review.member.full_name).replace(" ", "-") or "dang-vien"
            archive.writestr(f"{number:03d}-{name}-{pk}.docx", render_personal_report(review))
            written += 1
            context.progress(number)
    code = fold(session.branch.code).replace(" ", "-")
    context.save_result(f"ban-tu-soi-tu-sua-{code}-{session.pk}.zip", out.getvalue())
    context.log(_("%(count)s personal reports put in the .zip file.") % {"count": written})
