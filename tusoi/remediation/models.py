"""Remediation plans (kế hoạch khắc phục, sửa chữa), inspection and supervision (kiểm tra, giám sát),
and the mapping between catalogue versions that keeps yearly figures comparable.

A plan belongs to a member, a branch, or a committee (or the bloc) for one year. Its items are tracked
to closure with dated progress entries; so are the actions a supervision requests. "Overdue" is never
stored: it is derived from the deadline and the status on the day asked (`selectors.with_state`).
Rows carry the unit's path and the year, so counts are taken by subtree without joins.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tusoi.campaigns.models import BranchSession, Campaign
from tusoi.catalog.models import CatalogVersion
from tusoi.org.models import Member, Unit
from tusoi.reviews.models import SelfReview

from .storage import private_storage


class OwnerKind(models.TextChoices):
    MEMBER = "member", _("Member")
    BRANCH = "branch", _("Branch")
    COMMITTEE = "committee", _("Committee or bloc")


class ItemStatus(models.TextChoices):
    """What is stored. "Overdue" is derived (see `State`)."""

    NOT_STARTED = "not_started", pgettext_lazy("remediation state", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("remediation state", "In progress")
    DONE = "done", pgettext_lazy("remediation state", "Done")


class State(models.TextChoices):
    """What is shown: the stored status, or "overdue" when not done and past the deadline."""

    NOT_STARTED = "not_started", pgettext_lazy("remediation state", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("remediation state", "In progress")
    DONE = "done", pgettext_lazy("remediation state", "Done")
    OVERDUE = "overdue", pgettext_lazy("remediation state", "Overdue")


class ItemSource(models.TextChoices):
    MANUAL = "manual", _("Entered in the plan")
    COMMITMENT = "commitment", _("Commitment in the self-review")
    CONCLUSION = "conclusion", _("Conclusion of the meeting")
    PROPOSAL = "proposal", _("Task or solution accepted in the consultation")


class RemediationPlan(models.Model):
    """One owner's remediation plan for one year: a member's, a branch's or a committee's (or the bloc's).

    A member's plan is kept by the branch where it was made (`unit`): only the member and that branch's
    committee read it; above the branch it is seen as counts only.
    """

    owner_kind = models.CharField(_("owner"), max_length=16, choices=OwnerKind.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("remediation plan")
        verbose_name_plural = _("remediation plans")
        ordering = ["-year", "unit_path", "owner_kind", "member__name_sort"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_kind="member") & Q(member__isnull=False))
                | (~Q(owner_kind="member") & Q(member__isnull=True)),
                name="remediation_plan_member_iff_member_owner",
            ),
            models.UniqueConstraint(
                fields=["member", "year"],
                condition=Q(owner_kind="member"),
                name="remediation_plan_one_per_member_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "owner_kind", "year"],
                condition=~Q(owner_kind="member"),
                name="remediation_plan_one_per_unit_year",
            ),
        ]
        indexes = [models.Index(fields=["year", "unit_path"], name="remediation_plan_year_path")]

    def __str__(self) -> str:
        owner = self.member.full_name if self.member_id and self.member else self.unit.name
        return f"{owner} — {self.year}"

    @property
    def is_member_plan(self) -> bool:
        return self.owner_kind == OwnerKind.MEMBER


class TrackedTask(models.Model):
    """What a remediation item and a requested action share: a deadline and a status to closure."""

    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED)
    done_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class RemediationItem(TrackedTask):
    """One row of a plan: the shortcoming, its cause, the measures, who is responsible, the deadline,
    who supervises, and the result carried to the year-end review."""

    plan = models.ForeignKey(RemediationPlan, on_delete=models.CASCADE, related_name="items")
    # Denormalised from the plan for counts by subtree, year and owner without joins.
    unit_path = models.CharField(max_length=255, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    owner_kind = models.CharField(max_length=16, choices=OwnerKind.choices, editable=False)
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("round"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    indicator_code = models.CharField(_("indicator"), max_length=24, blank=True)
    shortcoming = models.TextField(_("shortcoming or manifestation"), blank=True)
    cause = models.TextField(_("cause"), blank=True)
    measures = models.TextField(_("measures"))
    responsible = models.CharField(_("responsible"), max_length=255, blank=True)
    supervisor = models.CharField(_("supervised by"), max_length=255, blank=True)
    result = models.TextField(_("result"), blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    source = models.CharField(_("source"), max_length=16, choices=ItemSource.choices, default=ItemSource.MANUAL)
    source_review = models.ForeignKey(
        SelfReview, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    source_session = models.ForeignKey(
        BranchSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # What the item was seeded from ("review:12:0", "meeting:4:1", "comment:9"): seeding twice adds nothing.
    source_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("remediation item")
        verbose_name_plural = _("remediation items")
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "source_key"], condition=~Q(source_key=""), name="remediation_item_seeded_once"
            ),
        ]
        indexes = [
            models.Index(fields=["year", "unit_path", "owner_kind", "status"], name="remediation_item_counts"),
            models.Index(fields=["status", "deadline"], name="remediation_item_due"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        text = self.shortcoming.strip() or self.measures.strip()
        head = text.splitlines()[0] if text else ""
        return f"{self.indicator_code}. {head}" if self.indicator_code else head


class SupervisionKind(models.TextChoices):
    SUPERVISION = "supervision", _("Supervision")
    INSPECTION = "inspection", _("Inspection")


class SupervisingBody(models.TextChoices):
    COMMITTEE = "committee", _("The party committee (its standing committee)")
    INSPECTION_COMMITTEE = "inspection_committee", _("Its inspection committee")


class SupervisionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONCLUDED = "concluded", _("Concluded")


class Supervision(models.Model):
    """An inspection or supervision by a committee (or its inspection committee) of a unit in its
    subtree: period, content and who supervises; then findings, a conclusion and requested actions."""

    by_unit = models.ForeignKey(Unit, verbose_name=_("supervising unit"), on_delete=models.PROTECT, related_name="+")
    by_path = models.CharField(max_length=255, editable=False, db_index=True)
    body = models.CharField(
        _("conducted by"), max_length=24, choices=SupervisingBody.choices, default=SupervisingBody.COMMITTEE
    )
    kind = models.CharField(
        pgettext_lazy("supervision", "kind"),
        max_length=16,
        choices=SupervisionKind.choices,
        default=SupervisionKind.SUPERVISION,
    )
    target = models.ForeignKey(Unit, verbose_name=_("supervised unit"), on_delete=models.PROTECT, related_name="+")
    target_path = models.CharField(max_length=255, editable=False, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    content = models.TextField(_("content"))
    supervisors = models.CharField(_("who supervises"), max_length=500)
    status = models.CharField(
        _("status"), max_length=16, choices=SupervisionStatus.choices, default=SupervisionStatus.PLANNED
    )
    findings = models.TextField(_("findings"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("inspection or supervision")
        verbose_name_plural = _("inspections and supervisions")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="remediation_supervision_period_ordered",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.target.name} ({self.period_start:%d/%m/%Y})"


class SupervisionAction(TrackedTask):
    """An action the supervision requests of the supervised unit, answered by it and closed by the
    supervising committee."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="actions")
    target_path = models.CharField(max_length=255, editable=False, db_index=True)
    description = models.TextField(_("action requested"))
    closing_note = models.TextField(_("closing note"), blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("requested action")
        verbose_name_plural = _("requested actions")
        ordering = ["supervision", "position", "id"]
        indexes = [models.Index(fields=["status", "deadline"], name="remediation_action_due")]

    def __str__(self) -> str:
        return self.description.splitlines()[0] if self.description else str(self.pk)


class ProgressEntry(models.Model):
    """A dated note on an item's progress (or a supervised unit's answer to an action), with an
    optional evidence file kept privately and served only through an access-checked view."""

    item = models.ForeignKey(RemediationItem, null=True, blank=True, on_delete=models.CASCADE, related_name="entries")
    action = models.ForeignKey(
        SupervisionAction, null=True, blank=True, on_delete=models.CASCADE, related_name="entries"
    )
    on = models.DateField(_("date"))
    note = models.TextField(pgettext_lazy("progress entry", "note"))
    evidence = models.FileField(_("evidence file"), storage=private_storage, upload_to="remediation", blank=True)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_type = models.CharField(max_length=16, blank=True, editable=False)
    evidence_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["-on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(item__isnull=False) & Q(action__isnull=True))
                | (Q(item__isnull=True) & Q(action__isnull=False)),
                name="remediation_entry_item_xor_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} — {self.note[:40]}"


class IndicatorMapping(models.Model):
    """Which indicator of a newer catalogue version an indicator of an older one corresponds to, so
    figures stay comparable year on year. An empty `to_code` means the indicator has no successor."""

    from_version = models.ForeignKey(
        CatalogVersion, verbose_name=_("older version"), on_delete=models.CASCADE, related_name="+"
    )
    to_version = models.ForeignKey(
        CatalogVersion, verbose_name=_("newer version"), on_delete=models.CASCADE, related_name="+"
    )
    from_code = models.CharField(_("indicator in the older version"), max_length=24)
    to_code = models.CharField(_("indicator in the newer version"), max_length=24, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("indicator mapping")
        verbose_name_plural = _("indicator mappings")
        ordering = ["from_version", "to_version", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_version", "to_version", "from_code"], name="remediation_mapping_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_code} → {self.to_code or '∅'}"
