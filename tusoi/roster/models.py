"""A roster import: the uploaded file, how its columns map to member data, and its row-by-row report."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    """The last step completed (a step in progress is its job's state)."""

    MAPPING = "mapping", _("Not checked yet")
    CHECKED = "checked", _("Checked")
    APPLIED = "applied", _("Applied")


class RowAction(models.TextChoices):
    CREATE = "create", _("New member")
    UPDATE = "update", _("Update")
    TRANSFER = "transfer", _("Transfer")
    UNCHANGED = "unchanged", _("Unchanged")
    ERROR = "error", _("Error")


class RosterImport(models.Model):
    """One uploaded roster file (.xlsx or .csv) on its way into the organisation.

    Upload → column mapping → dry run (a job fills `report`: one entry per row, with what would be
    created, updated or transferred and every error) → apply (a job; all rows or none). The file is kept
    in the database (at most 10 MB) so any worker can read it; only its uploader sees it.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"), editable=False)
    headers = models.JSONField(_("column headers"), default=list, blank=True)
    header_row = models.PositiveIntegerField(_("header row"), default=1)
    # {field key: column index} for the columns the file has.
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.MAPPING)
    # {"rows": n, "create": n, "update": n, "transfer": n, "unchanged": n, "error": n}
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    # [{"row": 5, "action": "create", "card": "…", "name": "…", "branch": "…", "changes": [...], "errors": [...]}]
    report = models.JSONField(_("report"), default=list, blank=True)
    # What applying needs from the dry run, so that it does not read and validate the file again: the
    # values of each new member and, for each member found, what it was (see planning.Plan.stored).
    planned = models.JSONField(_("planned rows"), default=dict, blank=True, editable=False)
    job = models.ForeignKey(
        "jobs.Job", verbose_name=_("latest job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="roster_import_owner_created")]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def error_count(self) -> int:
        return int(self.counts.get("error", 0))

    @property
    def can_apply(self) -> bool:
        return self.status == ImportStatus.CHECKED and bool(self.counts.get("rows")) and not self.error_count
