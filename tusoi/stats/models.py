"""Roll-up statistics: counts kept per branch session, summed over subtrees, and the summary report.

The tallies are a cache of the raw records (self-reviews, meetings, attendance, opinions, comments,
results reports) kept in step by `tusoi.stats.tallies`, one statement per event inside the event's own
transaction; `manage.py rebuild_tallies` recomputes them from the raw records and reports any drift.
Every row carries the campaign and the branch path, so a subtree's figures are one aggregate query
(`campaign = … AND branch_path LIKE 'prefix%'`) whatever the number of branches or members.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tusoi.campaigns.models import BranchSession, Campaign
from tusoi.org.models import Unit

# On PostgreSQL a `LIKE 'prefix%'` filter uses a b-tree index only with a pattern operator class
# (other backends ignore `opclasses`).
PREFIX_OPS = ["int8_ops", "varchar_pattern_ops"]


class SessionTally(models.Model):
    """The counts of one branch session (one row per `BranchSession`).

    Self-review counts are over the session's active reviews. `opinions` and `present` count what was
    recorded at the session's meeting; the roll-up takes them only once the meeting is closed
    (`meetings > 0`), as the round counts only meetings held.
    """

    session = models.OneToOneField(BranchSession, on_delete=models.CASCADE, related_name="tally")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    branch_path = models.CharField(max_length=255)
    # The grassroots committee (directly under the bloc) the branch belongs to; "" for a grassroots branch.
    committee_path = models.CharField(max_length=255, blank=True)
    is_grassroots = models.BooleanField(_("grassroots branch"), default=False)
    sector = models.CharField(_("sector"), max_length=16)
    enrolled = models.IntegerField(_("members enrolled"), default=0)
    submitted = models.IntegerField(_("self-reviews submitted"), default=0)
    # Returned for revision and not submitted again yet.
    returned = models.IntegerField(_("self-reviews returned"), default=0)
    meetings = models.IntegerField(_("meetings held"), default=0)
    opinions = models.IntegerField(_("discussion opinions"), default=0)
    present = models.IntegerField(_("members present"), default=0)
    comments = models.IntegerField(_("comments on the draft"), default=0)
    held = models.BooleanField(_("meeting held"), default=False)
    held_on = models.DateField(_("meeting date"), null=True, blank=True)
    report_sent = models.BooleanField(_("results report received"), default=False)
    report_acknowledged = models.BooleanField(_("results report acknowledged"), default=False)

    # The columns `rebuild_tallies` compares with the raw records.
    COUNTED = (
        "enrolled",
        "submitted",
        "returned",
        "meetings",
        "opinions",
        "present",
        "comments",
        "held",
        "held_on",
        "report_sent",
        "report_acknowledged",
    )
    PLACED = ("campaign_id", "branch_path", "committee_path", "is_grassroots", "sector")

    class Meta:
        verbose_name = _("session tally")
        verbose_name_plural = _("session tallies")
        indexes = [
            models.Index(fields=["campaign", "branch_path"], name="stats_tally_campaign_path", opclasses=PREFIX_OPS)
        ]

    def __str__(self) -> str:
        return f"tally {self.session_id}"


class ItemKind(models.TextChoices):
    GROUP = "g", _("Group")
    MANIFESTATION = "m", _("Manifestation")
    INDICATOR = "i", _("Indicator")


class LevelTally(models.Model):
    """How many submitted self-reviews put a catalogue item at a level, for one unit's subtree and
    one sector: kept for every unit on a branch's path (the branch itself included), so the bloc's
    counts are the bloc's own rows, whatever the number of branches.

    For an indicator, the level answered; for a manifestation or a group, the highest level among its
    indicators (so each member counts once per item). Only the levels above the first ("none") are
    stored: the "none" count is the submitted count minus the others, since a submitted review answers
    every indicator. Rows are created on first use (an upsert adds to `n`).
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255)
    sector = models.CharField(max_length=16)
    kind = models.CharField(_("kind"), max_length=1, choices=ItemKind.choices)
    code = models.CharField(_("code"), max_length=24)
    level = models.CharField(_("level"), max_length=16)
    n = models.IntegerField(_("members"), default=0)

    class Meta:
        verbose_name = _("level tally")
        verbose_name_plural = _("level tallies")
        constraints = [
            # Also the index of the reads: campaign, unit path (and sector).
            models.UniqueConstraint(
                fields=["campaign", "unit_path", "sector", "kind", "code", "level"], name="stats_level_unit_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}/{self.level}: {self.n}"


class SubmissionDay(models.Model):
    """Self-reviews submitted (and still submitted) on one local day in one unit's subtree and sector,
    kept for every unit on a branch's path: the progress series."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255)
    sector = models.CharField(max_length=16)
    day = models.DateField(_("day"))
    n = models.IntegerField(_("self-reviews submitted"), default=0)

    class Meta:
        verbose_name = _("submissions of a day")
        verbose_name_plural = _("submissions per day")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit_path", "sector", "day"], name="stats_day_unit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.n}"


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class SummaryReport(models.Model):
    """A unit's summary report on a campaign (báo cáo tổng hợp kết quả): figures frozen when generated,
    a narrative in editable sections, locked once issued."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    number = models.CharField(pgettext_lazy("document", "number"), max_length=16, blank=True, help_text=_("e.g. 12"))
    place = models.CharField(_("place name in the heading"), max_length=64, blank=True, help_text=_("e.g. Tuyên Quang"))
    report_date = models.DateField(_("date of the report"))
    summary = models.CharField(_("summary line"), max_length=500)
    status = models.CharField(_("status"), max_length=16, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT)
    # `CampaignStats.as_dict()` when the text was generated: the document's figures.
    figures = models.JSONField(_("figures"), default=dict)
    sector = models.CharField(_("sector"), max_length=16, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("summary report")
        verbose_name_plural = _("summary reports")
        ordering = ["-report_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number"],
                condition=Q(status="issued"),
                name="stats_summary_issued_number_unique",
                violation_error_message=_("This unit has already issued a report with this number."),
            ),
        ]

    def __str__(self) -> str:
        return self.symbol or str(self.summary)

    @property
    def symbol(self) -> str:
        """ "12-BC/ĐUK": number, document type and the unit's abbreviation (36-HD/VPTW)."""
        if not self.number:
            return ""
        return f"{self.number}-BC/{self.unit.symbol}" if self.unit.symbol else f"{self.number}-BC"

    @property
    def is_editable(self) -> bool:
        return self.status == SummaryStatus.DRAFT


class SectionKey(models.TextChoices):
    DEPLOYMENT = "deployment", _("I. Organisation of the round")
    RESULTS = "results", _("II. Results")
    ASSESSMENT = "assessment", _("III. General assessment")
    DIRECTIONS = "directions", _("IV. Directions and tasks ahead")


class SummarySection(models.Model):
    """One part of a summary report: generated text the unit's office edits before issuing."""

    report = models.ForeignKey(SummaryReport, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("part"), max_length=16, choices=SectionKey.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    heading = models.CharField(_("heading"), max_length=255)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("summary report part")
        verbose_name_plural = _("summary report parts")
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="stats_summary_section_unique")]

    def __str__(self) -> str:
        return self.heading
