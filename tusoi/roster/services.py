"""Writes for roster imports: upload, map the columns, check (dry run) and apply — all rows or none.

Upload checks the file (size, real type, zip bomb, XML entities) and reads only its header; the
dry run and the application run as background jobs over the whole file. The dry run keeps its plan
(`RosterImport.planned`); applying writes that plan if the roster still matches it (else it plans the
file again and applies only what the report said), in one transaction through the bulk member
services (`tusoi.org.bulk`), after making sure no member it touches changed since it was planned.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tusoi.core import uploads
from tusoi.core.audit import audit_record
from tusoi.core.spreadsheets import Limits, Table, read_table
from tusoi.jobs.models import Job
from tusoi.jobs.services import job_create
from tusoi.org.bulk import chunked, members_bulk_create, members_bulk_transfer, members_bulk_update
from tusoi.org.models import Member, Unit, UnitKind

from .columns import COLUMNS, match_headers, missing_required
from .models import ImportStatus, RosterImport, RowAction
from .planning import TRACKED, Plan, Planner, Progress, stored_plan

MAX_FILE_BYTES = 10 * uploads.MB
LIMITS = Limits(max_bytes=MAX_FILE_BYTES, max_rows=50_000, max_zip_entries=500, max_unzipped=100 * uploads.MB)
CHECK_JOB, APPLY_JOB = "roster.import_check", "roster.import_apply"


def _header_score(headers: list[str]) -> int:
    """How many member columns a row names: the header is the best row (title rows above are skipped)."""
    return len(match_headers(headers))


def _read(roster_import: RosterImport, *, header_only: bool = False) -> Table:
    content = bytes(roster_import.content)
    return read_table(roster_import.filename, content, LIMITS, header_only=header_only, header_score=_header_score)


def roster_import_upload(*, owner: Any, filename: str, content: bytes) -> RosterImport:
    """Keep an uploaded file after checking it and reading its header; its columns are matched to
    member data where the headers say which is which."""
    table = read_table(filename, content, LIMITS, header_only=True, header_score=_header_score)
    roster_import = RosterImport.objects.create(
        owner=owner,
        filename=filename[-255:],
        content=content,
        headers=table.headers,
        header_row=table.header_row,
        mapping=match_headers(table.headers),
    )
    audit_record(
        actor=owner, action="roster.upload", obj=roster_import, detail={"file": filename, "bytes": len(content)}
    )
    return roster_import


def _busy(roster_import: RosterImport) -> bool:
    return roster_import.job is not None and roster_import.job.is_active


def _check_mapping(roster_import: RosterImport, mapping: dict[str, int]) -> dict[str, int]:
    known = {c.key for c in COLUMNS}
    clean = {k: int(v) for k, v in mapping.items() if k in known and 0 <= int(v) < len(roster_import.headers)}
    problems = [
        _("Choose the column that holds “%(column)s”.") % {"column": column.header}
        for column in missing_required(clean)
    ]
    if len(set(clean.values())) != len(clean):
        problems.append(_("A column of the file can hold only one kind of data."))
    if problems:
        raise ValidationError(problems)
    return clean


@transaction.atomic
def roster_import_check_start(*, roster_import: RosterImport, actor: Any, mapping: dict[str, int] | None = None) -> Job:
    """Confirm the column mapping and start the dry run."""
    roster_import = RosterImport.objects.select_for_update(of=("self",)).select_related("job").get(pk=roster_import.pk)
    if roster_import.status == ImportStatus.APPLIED:
        raise ValidationError(_("This file has already been imported."))
    if _busy(roster_import):
        raise ValidationError(_("This file is already being processed; wait until it finishes."))
    roster_import.mapping = _check_mapping(roster_import, roster_import.mapping if mapping is None else mapping)
    roster_import.status = ImportStatus.MAPPING
    roster_import.job = job_create(kind=CHECK_JOB, owner=actor, params={"import_id": roster_import.pk})
    roster_import.save(update_fields=["mapping", "status", "job"])
    return roster_import.job


@transaction.atomic
def roster_import_apply_start(*, roster_import: RosterImport, actor: Any) -> Job:
    """Start applying a file whose dry run found no error."""
    roster_import = RosterImport.objects.select_for_update(of=("self",)).select_related("job").get(pk=roster_import.pk)
    if _busy(roster_import):
        raise ValidationError(_("This file is already being processed; wait until it finishes."))
    if not roster_import.can_apply:
        raise ValidationError(_("Only a file checked without any error can be imported."))
    roster_import.job = job_create(kind=APPLY_JOB, owner=actor, params={"import_id": roster_import.pk})
    roster_import.save(update_fields=["job"])
    return roster_import.job


def _save_plan(roster_import: RosterImport, plan: Plan, status: str, *, report: bool = True) -> None:
    """Keep the plan's report and counts; a checked file also keeps what applying needs (`planned`),
    an applied one no longer does. `report=False`: the report kept is already the plan's."""
    if report:
        roster_import.report = [row.as_dict() for row in plan.rows]
    roster_import.counts = plan.counts
    roster_import.status = status
    roster_import.planned = plan.stored() if status == ImportStatus.CHECKED else {}
    now = timezone.now()
    roster_import.checked_at = now
    fields = ["report"] if report else []
    fields += ["counts", "status", "planned", "checked_at"]
    if status == ImportStatus.APPLIED:
        roster_import.applied_at = now
        fields.append("applied_at")
    roster_import.save(update_fields=fields)


def roster_import_check(*, roster_import: RosterImport, progress: Progress | None = None) -> Plan:
    """The dry run: plan every row against the current roster and keep the report (nothing else is
    written; running it again gives the same report for the same roster)."""
    if roster_import.status == ImportStatus.APPLIED:
        raise ValidationError(_("This file has already been imported."))
    plan = Planner(roster_import.owner, _read(roster_import), roster_import.mapping).plan(progress)
    _save_plan(roster_import, plan, ImportStatus.CHECKED)
    return plan


def _validated_today(roster_import: RosterImport) -> dict[int, str]:
    """{row: "create"} for the new members the dry run found valid, if it ran today on this file and
    mapping: their validation depends on the row alone (and on the day: "not in the future"). An
    update or a transfer merges the row with the member as found, so it is validated again."""
    if not _checked_today(roster_import):
        return {}
    return {row["row"]: row["action"] for row in roster_import.report if row["action"] == RowAction.CREATE}


def _checked_today(roster_import: RosterImport) -> bool:
    """The dry run's outcome still holds for the day (its validation includes "not in the future")."""
    checked = roster_import.checked_at
    return (
        roster_import.status == ImportStatus.CHECKED
        and checked is not None
        and timezone.localdate(checked) == timezone.localdate()
    )


def summary(counts: dict[str, int]) -> str:
    return _(
        "%(rows)s rows: %(create)s new members, %(update)s updated, %(transfer)s transferred, "
        "%(unchanged)s unchanged, %(error)s with errors."
    ) % {key: counts.get(key, 0) for key in ("rows", "create", "update", "transfer", "unchanged", "error")}


def roster_import_apply(
    *,
    roster_import: RosterImport,
    progress: Progress | None = None,
    before_write: Callable[[], None] | None = None,
) -> Plan | None:
    """Apply the file as its dry run reported it, writing every row in one transaction, or nothing.

    The dry run's plan is applied as kept when it still holds against the roster (checked today, no
    branch closed or out of reach, no new card taken, every member found unchanged); otherwise the
    file is planned again, and applied only if that gives the same report (else the new report is
    kept for the user to check). None if it was already applied (a second run changes nothing).
    `before_write` is called just before the transaction (a job checks for cancellation there).
    """
    if roster_import.status == ImportStatus.APPLIED:
        return None
    kept = _kept_plan(roster_import)
    plan = kept or _plan_again(roster_import, progress)
    if kept is not None and progress is not None:
        progress(len(plan.rows), len(plan.rows))
    if before_write is not None:
        before_write()
    with transaction.atomic():
        locked = RosterImport.objects.select_for_update().only("status").get(pk=roster_import.pk)
        if locked.status == ImportStatus.APPLIED:
            return None
        _write(roster_import, plan)
        _save_plan(roster_import, plan, ImportStatus.APPLIED, report=kept is None)
    return plan


def _kept_plan(roster_import: RosterImport) -> Plan | None:
    """The dry run's plan, if it ran today (its validation holds for the day) and still holds."""
    if not roster_import.planned or not _checked_today(roster_import):
        return None
    return stored_plan(roster_import.owner, roster_import.report, roster_import.planned)


def _plan_again(roster_import: RosterImport, progress: Progress | None) -> Plan:
    """Plan the file against the current roster; refuse (keeping the new report) if a row now has an
    error or the file would no longer do what its dry run reported."""
    validated = _validated_today(roster_import)
    plan = Planner(roster_import.owner, _read(roster_import), roster_import.mapping, validated=validated).plan(progress)
    if plan.has_errors:
        _save_plan(roster_import, plan, ImportStatus.CHECKED)
        errors = plan.counts["error"]
        raise ValidationError(
            ngettext(
                "%(count)s row has an error against the current roster; nothing was written.",
                "%(count)s rows have errors against the current roster; nothing was written.",
                errors,
            )
            % {"count": errors}
        )
    if roster_import.status == ImportStatus.CHECKED and [row.as_dict() for row in plan.rows] != roster_import.report:
        _save_plan(roster_import, plan, ImportStatus.CHECKED)
        raise ValidationError(
            _(
                "The roster changed since the file was checked: the import would no longer do what its "
                "report says, so nothing was written. Check the new report, then import again."
            )
        )
    return plan


def _write(roster_import: RosterImport, plan: Plan) -> None:
    _check_unchanged(plan)
    _check_targets(plan)
    source = f"roster_import:{roster_import.pk}"
    actor = roster_import.owner
    moves = [(row.member, row.target) for row in plan.of(RowAction.TRANSFER)]
    if moves:
        members_bulk_transfer(moves=moves, actor=actor, source=source, reason=_("Roster import"))  # type: ignore[arg-type]
    updated = [row for row in plan.rows if row.action in (RowAction.UPDATE, RowAction.TRANSFER) and row.changed_fields]
    if updated:
        fields = sorted({name for row in updated for name in row.changed_fields})
        members_bulk_update(
            members=[row.member for row in updated],  # type: ignore[misc]
            fields=fields,
            actor=actor,
            source=source,
            validated=True,  # by the plan, just now
        )
    new = [row.member for row in plan.of(RowAction.CREATE)]
    if new:
        members_bulk_create(members=new, actor=actor, source=source, validated=True)  # type: ignore[arg-type]
    audit_record(actor=actor, action="roster.import", obj=roster_import, detail=plan.counts)


def _check_unchanged(plan: Plan) -> None:
    """Lock the members the import changes and make sure they are as they were when planned."""
    rows = {row.member.pk: row for row in plan.rows if row.member is not None and row.member.pk and row.original}
    rows = {pk: row for pk, row in rows.items() if row.action in (RowAction.UPDATE, RowAction.TRANSFER)}
    for chunk in chunked(sorted(rows)):
        current = Member.objects.select_for_update().filter(pk__in=chunk).values_list("pk", *TRACKED, "branch_id")
        for pk, *values in current:
            if tuple(values) != rows[pk].original:
                raise ValidationError(
                    _("The member on row %(row)s changed while the file was being checked; run the import again.")
                    % {"row": rows[pk].row}
                )


def _check_targets(plan: Plan) -> None:
    """The branches written to are still open branches."""
    targets = {row.target.pk for row in plan.rows if row.target is not None and row.action != RowAction.UNCHANGED}
    open_ids = set(
        Unit.objects.filter(pk__in=targets, kind=UnitKind.BRANCH, is_active=True).values_list("pk", flat=True)
    )
    if targets - open_ids:
        raise ValidationError(_("A branch of the file was closed while the file was being checked; run it again."))
