"""Campaigns (the bloc's plan), their deadlines as cascaded by committees, and branch sessions.

Publishing a campaign creates one `BranchSession` per targeted branch and enrols its members (a
`reviews.SelfReview` per member). Rows carry the campaign id and the branch path, so the data can be
partitioned by campaign and filtered by subtree without joins.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tusoi.catalog.models import CatalogVersion
from tusoi.org.models import Unit


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class BranchScope(models.TextChoices):
    """Which branches of the targeted sectors take part."""

    GRASSROOTS = "grassroots", _("Grassroots branches")
    AFFILIATED = "affiliated", _("Affiliated branches")


class DeadlineFields(models.Model):
    """The round's deadlines, shared by a campaign and a committee's cascaded override."""

    self_review_due = models.DateField(_("self-reviews due"), null=True, blank=True)
    draft_due = models.DateField(_("draft introductory report due"), null=True, blank=True)
    consultation_due = models.DateField(_("consultation ends"), null=True, blank=True)
    meeting_due = models.DateField(_("thematic meeting by"), null=True, blank=True)
    report_due = models.DateField(_("results report due"), null=True, blank=True)

    DEADLINE_NAMES = ("self_review_due", "draft_due", "consultation_due", "meeting_due", "report_due")

    class Meta:
        abstract = True


class Campaign(DeadlineFields):
    """A plan issued by the bloc (or a grassroots committee for its subtree), e.g. "31-KH/ĐUK"."""

    issuer = models.ForeignKey(Unit, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="campaigns")
    plan_number = models.CharField(_("plan number and symbol"), max_length=64)
    title = models.CharField(pgettext_lazy("campaign", "title"), max_length=500)
    legal_bases = models.TextField(_("legal bases"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=64, blank=True, help_text=_("e.g. Q4/2021"))
    catalog = models.ForeignKey(
        CatalogVersion, verbose_name=_("catalogue version"), on_delete=models.PROTECT, related_name="campaigns"
    )
    target_sectors = models.JSONField(_("targeted sectors"), default=list)
    target_scopes = models.JSONField(_("targeted branches"), default=list)
    instructions = models.TextField(_("instructions"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "plan_number"], name="campaign_plan_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_number} — {self.title}"


class DeadlineOverride(DeadlineFields):
    """A grassroots committee's earlier deadlines and instructions for the branches below it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="overrides")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    instructions = models.TextField(_("instructions"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("cascaded deadlines")
        verbose_name_plural = _("cascaded deadlines")
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="campaign_override_unique")]

    def __str__(self) -> str:
        return f"{self.campaign.plan_number} / {self.unit}"


class SessionStatus(models.TextChoices):
    """A branch's progress through the round (later steps are driven by the branch-round work)."""

    SELF_REVIEW = "self_review", _("Self-review under way")
    DRAFTING = "drafting", _("Drafting the introductory report")
    CONSULTING = "consulting", pgettext_lazy("session status", "Consultation on the draft")
    SCHEDULED = "scheduled", _("Meeting scheduled")
    HELD = "held", _("Meeting held")
    REPORTED = "reported", _("Results reported")


class BranchSession(models.Model):
    """One branch's round of a campaign (its "sinh hoạt chuyên đề")."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sessions")
    branch = models.ForeignKey(Unit, verbose_name=_("branch"), on_delete=models.PROTECT, related_name="sessions")
    branch_path = models.CharField(max_length=255, editable=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.SELF_REVIEW
    )
    held_on = models.DateField(_("meeting date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("branch session")
        verbose_name_plural = _("branch sessions")
        ordering = ["campaign", "branch_path"]
        constraints = [models.UniqueConstraint(fields=["campaign", "branch"], name="campaign_session_unique")]
        indexes = [models.Index(fields=["campaign", "branch_path"], name="campaign_session_path")]

    def __str__(self) -> str:
        return f"{self.campaign.plan_number} / {self.branch}"

    @staticmethod
    def in_subtree_q(path: str) -> Q:
        return Q(branch_path__startswith=path)
