"""Each member's self-review ("bản tự soi, tự sửa") in a branch session, and its kept versions.

The answers are stored compactly as {indicator code: level code} on the row; the whole review is one
row with a `version` counter, so a save from a stale page is detected and never overwrites silently.
Only the member and the committee of the branch where it was written may read it (tusoi.policy).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tusoi.campaigns.models import BranchSession, Campaign
from tusoi.org.models import Member


class ReviewStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")


class SelfReview(models.Model):
    """A member's self-review in one branch session (created at enrolment, status not_started)."""

    session = models.ForeignKey(BranchSession, on_delete=models.CASCADE, related_name="reviews")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="reviews")
    # Denormalised for scoping and partitioning without joins.
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+", editable=False)
    branch_path = models.CharField(max_length=255, editable=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.NOT_STARTED
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    other_shortcomings = models.TextField(_("other shortcomings in carrying out duties"), blank=True)
    causes = models.TextField(_("causes"), blank=True)
    # [{"indicator": code or None, "shortcoming": str, "measure": str, "deadline": "YYYY-MM-DD"}]
    commitments = models.JSONField(_("commitments"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    # The open form (a random id per page load) that wrote the current version: that same page may
    # save again over its own write even if its last autosave's answer has not reached it yet.
    page_token = models.CharField(max_length=32, blank=True, editable=False)
    # False when the member left the branch during the round: kept, but no longer expected.
    is_active = models.BooleanField(_("enrolled"), default=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered on behalf by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("self-review")
        verbose_name_plural = _("self-reviews")
        ordering = ["session", "member__name_sort"]
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="review_one_per_member_session")]
        indexes = [models.Index(fields=["campaign", "branch_path", "status"], name="review_campaign_path_status")]

    def __str__(self) -> str:
        return f"{self.member} / {self.session}"


class SelfReviewVersion(models.Model):
    """A snapshot of a self-review each time it is submitted (kept for ever, never edited)."""

    review = models.ForeignKey(SelfReview, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("submission number"))
    data = models.JSONField(_("content"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["review", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="review_version_unique")]

    def __str__(self) -> str:
        return f"{self.review} #{self.number}"
