"""A branch's round after the self-reviews: the introductory report (its template, sections and kept
versions), the consultation on the draft, the thematic meeting with its attendance, opinions and
minutes, and the results report sent to the superior.

Everything here except the results report stays inside the branch (tusoi.policy.branch_round).
Rows carry the branch path (and the campaign where it helps), so they can be scoped by subtree and
partitioned by campaign without joins. Status changes happen only in the services, one per transition,
along the mappings below.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tusoi.campaigns.models import BranchSession, Campaign, SessionStatus
from tusoi.org.models import Member, Unit

# The branch session's steps driven by this app: one service per arrow.
SESSION_TRANSITIONS: dict[str, set[str]] = {
    SessionStatus.SELF_REVIEW: {SessionStatus.DRAFTING},
    SessionStatus.DRAFTING: {SessionStatus.CONSULTING},
    SessionStatus.CONSULTING: {SessionStatus.SCHEDULED},
    SessionStatus.SCHEDULED: {SessionStatus.HELD},
    SessionStatus.HELD: {SessionStatus.REPORTED},
    SessionStatus.REPORTED: set(),
}


class SectionKey(models.TextChoices):
    """The standard parts of an introductory report."""

    VIEWS = "views", _("I. Views on self-criticism and criticism")
    ASSESSMENT = "assessment", _("II. Assessment of the branch")
    MANIFESTATIONS = "manifestations", _("III. Manifestations identified")
    TASKS = "tasks", _("IV. Tasks and solutions")


class ReportTemplate(models.Model):
    """The introductory-report template of a unit: the bloc's default, or a branch's adapted copy."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=255)
    based_on = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("introductory report template")
        verbose_name_plural = _("introductory report templates")
        constraints = [models.UniqueConstraint(fields=["unit"], name="rounds_template_one_per_unit")]

    def __str__(self) -> str:
        return self.title


class TemplateSection(models.Model):
    """One part of a template: heading, guidance note for the committee, and a starting body in which
    placeholders such as {{submitted}} are replaced by figures from the self-reviews."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("part"), max_length=16, choices=SectionKey.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    heading = models.CharField(_("heading"), max_length=500)
    guidance = models.TextField(_("guidance note"), blank=True)
    body = models.TextField(_("starting text"), blank=True)

    class Meta:
        verbose_name = _("template part")
        verbose_name_plural = _("template parts")
        ordering = ["template", "position"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="rounds_template_section_unique")]

    def __str__(self) -> str:
        return self.heading


class IntroReport(models.Model):
    """A branch session's introductory report (báo cáo đề dẫn): its working sections and versions."""

    session = models.OneToOneField(BranchSession, on_delete=models.CASCADE, related_name="intro_report")
    branch_path = models.CharField(max_length=255, editable=False, db_index=True)
    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("template"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    circulated_version = models.ForeignKey(
        "ReportVersion",
        verbose_name=_("version circulated"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    consultation_due = models.DateField(_("comments due"), null=True, blank=True)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("introductory report")
        verbose_name_plural = _("introductory reports")

    def __str__(self) -> str:
        return str(self.session)


class ReportSection(models.Model):
    """The current text of one part of a report. `version` counts saves, so a save made from a stale
    page is detected and shown beside the newer text instead of overwriting it."""

    report = models.ForeignKey(IntroReport, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("part"), max_length=16, choices=SectionKey.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    heading = models.CharField(_("heading"), max_length=500)
    guidance = models.TextField(_("guidance note"), blank=True)
    body = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(_("edit number"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report part")
        verbose_name_plural = _("report parts")
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="rounds_report_section_unique")]

    def __str__(self) -> str:
        return self.heading


class ReportVersion(models.Model):
    """A snapshot of the whole report, kept for ever: one per generation, save or accepted proposal."""

    report = models.ForeignKey(IntroReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    # [{"key": ..., "heading": ..., "body": ...}] in the report's order.
    sections = models.JSONField(_("content"))
    note = models.CharField(_("what changed"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="rounds_report_version_unique")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    MANIFESTATION = "manifestation", _("Addition: a manifestation")
    TASK = "task", _("Addition: a task")
    SOLUTION = "solution", _("Addition: a solution")
    CORRECTION = "correction", _("Correction")


# Accepted proposals of these kinds are appended to the next version of the report.
FLOWING_KINDS = {CommentKind.MANIFESTATION, CommentKind.TASK, CommentKind.SOLUTION, CommentKind.CORRECTION}


class CommentStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the committee")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")


COMMENT_TRANSITIONS: dict[str, set[str]] = {
    CommentStatus.OPEN: {CommentStatus.ACCEPTED, CommentStatus.REJECTED},
    CommentStatus.ACCEPTED: set(),
    CommentStatus.REJECTED: set(),
}


class Comment(models.Model):
    """A member's comment or proposal on a part of the circulated draft (ý kiến góp ý)."""

    report = models.ForeignKey(IntroReport, on_delete=models.CASCADE, related_name="comments")
    branch_path = models.CharField(max_length=255, editable=False, db_index=True)
    version = models.ForeignKey(
        ReportVersion, verbose_name=_("on version"), on_delete=models.PROTECT, related_name="comments"
    )
    section_key = models.CharField(_("part"), max_length=16, choices=SectionKey.choices)
    kind = models.CharField(
        _("kind of comment"), max_length=16, choices=CommentKind.choices, default=CommentKind.COMMENT
    )
    about_member = models.ForeignKey(
        Member,
        verbose_name=_("manifestation of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("text"))
    author = models.ForeignKey(Member, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+")
    author_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=CommentStatus.choices, default=CommentStatus.OPEN)
    response = models.TextField(_("committee's reply"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    applied_version = models.ForeignKey(
        ReportVersion,
        verbose_name=_("included in version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment on the draft")
        verbose_name_plural = _("comments on the draft")
        ordering = ["report", "created_at", "id"]
        indexes = [models.Index(fields=["report", "author"], name="rounds_comment_author")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class CommentReply(models.Model):
    """A message in a comment's thread, from its author or from the committee."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField(_("text"))
    author = models.ForeignKey(Member, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+")
    from_committee = models.BooleanField(_("from the committee"), default=False)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["comment", "created_at", "id"]

    def __str__(self) -> str:
        return f"#{self.comment_id} / {self.pk}"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held; minutes open for amendment")
    LOCKED = "locked", _("Minutes closed")


MEETING_TRANSITIONS: dict[str, set[str]] = {
    MeetingStatus.SCHEDULED: {MeetingStatus.HELD},
    MeetingStatus.HELD: {MeetingStatus.LOCKED},
    MeetingStatus.LOCKED: set(),
}


class Meeting(models.Model):
    """The branch's thematic meeting (buổi sinh hoạt chuyên đề) and its minutes."""

    session = models.ForeignKey(BranchSession, on_delete=models.CASCADE, related_name="meetings")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+", editable=False)
    branch_path = models.CharField(max_length=255, editable=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ended at"), null=True, blank=True)
    place = models.CharField(_("venue"), max_length=255)
    locality = models.CharField(
        _("place name in the heading"), max_length=64, blank=True, help_text=_("e.g. Tuyên Quang")
    )
    chair = models.ForeignKey(
        Member, verbose_name=_("chair"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secretary = models.ForeignKey(
        Member, verbose_name=_("minute-taker"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    guests = models.TextField(_("guests from the superior level"), blank=True, help_text=_("One per line."))
    agenda = models.TextField(_("content"), blank=True)
    conclusion = models.TextField(_("chair's conclusion"), blank=True)
    adopted_version = models.ForeignKey(
        ReportVersion,
        verbose_name=_("introductory report adopted"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    scheduled_at = models.DateTimeField(_("scheduled at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    locked_at = models.DateTimeField(_("minutes closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("thematic meeting")
        verbose_name_plural = _("thematic meetings")
        ordering = ["session", "date"]
        # One meeting per session for now; a later issue may allow a continued meeting.
        constraints = [models.UniqueConstraint(fields=["session"], name="rounds_meeting_one_per_session")]
        indexes = [models.Index(fields=["campaign", "branch_path", "status"], name="rounds_meeting_campaign_path")]

    def __str__(self) -> str:
        return f"{self.session} — {self.date:%d/%m/%Y}"

    @property
    def is_editable(self) -> bool:
        return self.status != MeetingStatus.LOCKED


class AttendanceStatus(models.TextChoices):
    NOT_RECORDED = "", _("Not recorded")
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused (with reason)")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    """One member's attendance at the meeting; membership status as it stood when the meeting was set."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("attendance"), max_length=16, choices=AttendanceStatus.choices, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    is_probationary = models.BooleanField(_("probationary member"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "member__name_sort"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="rounds_attendance_unique")]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_status_display()}"


class OpinionKind(models.TextChoices):
    SELF_CRITICISM = "self_criticism", _("Self-criticism")
    CRITICISM = "criticism", _("Criticism of another member")
    ON_REPORT = "on_report", _("On the introductory report")
    PROPOSAL = "proposal", _("Proposal")


class Opinion(models.Model):
    """A discussion opinion at the meeting (ý kiến thảo luận): what the round counts."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="opinions")
    position = models.PositiveIntegerField(_("order"))
    speaker = models.ForeignKey(
        Member, verbose_name=_("speaker"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    speaker_name = models.CharField(_("guest speaker"), max_length=255, blank=True)
    kind = models.CharField(_("kind of opinion"), max_length=16, choices=OpinionKind.choices)
    about_member = models.ForeignKey(
        Member, verbose_name=_("about"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("summary"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("discussion opinion")
        verbose_name_plural = _("discussion opinions")
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker__isnull=False) | ~Q(speaker_name=""), name="rounds_opinion_has_speaker"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.position}"

    @property
    def speaker_label(self) -> str:
        return self.speaker.full_name if self.speaker_id and self.speaker else self.speaker_name


class MinutesAddendum(models.Model):
    """A correction to minutes already closed: appended, dated, audited; the minutes never change."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField(_("correction"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("addendum to the minutes")
        verbose_name_plural = _("addenda to the minutes")
        ordering = ["meeting", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.meeting} + {self.pk}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RETURNED = "returned", _("Returned for revision")


REPORT_TRANSITIONS: dict[str, set[str]] = {
    ReportStatus.DRAFT: {ReportStatus.SENT},
    ReportStatus.SENT: {ReportStatus.ACKNOWLEDGED, ReportStatus.RETURNED},
    ReportStatus.RETURNED: {ReportStatus.SENT},
    ReportStatus.ACKNOWLEDGED: set(),
}


class ResultsReport(models.Model):
    """What a branch reports upward: counts frozen when sent, an assessment written for the purpose and
    the headlines of its remediation. It names no member."""

    session = models.OneToOneField(BranchSession, on_delete=models.CASCADE, related_name="results_report")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+", editable=False)
    branch_path = models.CharField(max_length=255, editable=False, db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    number = models.CharField(_("number and symbol"), max_length=64, blank=True, help_text=_("e.g. 05-BC/CB"))
    general_assessment = models.TextField(_("general assessment"))
    remediation_headlines = models.TextField(
        _("remediation headlines"), blank=True, help_text=_("One headline per line.")
    )
    members_count = models.PositiveIntegerField(_("members"), null=True, blank=True)
    submitted_count = models.PositiveIntegerField(_("self-reviews submitted"), null=True, blank=True)
    present_count = models.PositiveIntegerField(_("members present"), null=True, blank=True)
    opinions_count = models.PositiveIntegerField(_("discussion opinions"), null=True, blank=True)
    comments_count = models.PositiveIntegerField(_("comments on the draft"), null=True, blank=True)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    send_count = models.PositiveSmallIntegerField(_("times sent"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("acknowledged or returned at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("results report")
        verbose_name_plural = _("results reports")
        ordering = ["-sent_at", "branch_path"]
        indexes = [models.Index(fields=["campaign", "branch_path", "status"], name="rounds_result_campaign_path")]

    def __str__(self) -> str:
        return str(self.session)

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    def headline_lines(self) -> list[str]:
        return [line.strip() for line in self.remediation_headlines.splitlines() if line.strip()]
