"""Automatic reminders about self-reviews: three days and one day before the deadline that applies
to the member's branch, and once after it. Each goes out once, whatever the number of runs: the
`ReminderLog` key "review-due:<stage>:<review id>" is unique per member."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tusoi.notifications.models import ReminderLog
from tusoi.reviews.models import ReviewStatus, SelfReview

from .models import Campaign, CampaignStatus
from .selectors import CONTENT_FIELDS, campaign_overrides, deadlines_at_path
from .services import deliver_review_reminder

KEY_PREFIX = "review-due:"
BEFORE_3, BEFORE_1, AFTER = "-3", "-1", "after"


def stage_for(due: date, today: date) -> str | None:
    """Which reminder is due today: from 3 days before, from 1 day before, or after the deadline."""
    days_left = (due - today).days
    if days_left < 0:
        return AFTER
    if days_left <= 1:
        return BEFORE_1
    if days_left <= 3:
        return BEFORE_3
    return None


def reminder_key(stage: str, review_id: int) -> str:
    return f"{KEY_PREFIX}{stage}:{review_id}"


def due_text(campaign: Campaign, due: date, today: date) -> str:
    values = {"plan": campaign.plan_number, "due": date_format(due, "SHORT_DATE_FORMAT")}
    days_left = (due - today).days
    if days_left < 0:
        return (
            _(
                "Your self-review for plan %(plan)s was due on %(due)s and has not been submitted yet. "
                "Please complete and submit it."
            )
            % values
        )
    if days_left == 0:
        return _("Reminder: your self-review for plan %(plan)s is due today, %(due)s.") % values
    return ngettext(
        "Reminder: your self-review for plan %(plan)s is due on %(due)s, in %(days)d day.",
        "Reminder: your self-review for plan %(plan)s is due on %(due)s, in %(days)d days.",
        days_left,
    ) % {**values, "days": days_left}


@dataclass
class ReminderRun:
    sent: dict[str, int] = field(default_factory=lambda: {BEFORE_3: 0, BEFORE_1: 0, AFTER: 0})
    unreachable: int = 0

    @property
    def total(self) -> int:
        return sum(self.sent.values())


def send_due_reminders(*, today: date) -> ReminderRun:
    """Send today's reminders for every published campaign."""
    run = ReminderRun()
    for campaign in Campaign.objects.filter(status=CampaignStatus.PUBLISHED).select_related("issuer"):
        _campaign_reminders(campaign, today, run)
    return run


@transaction.atomic
def _campaign_reminders(campaign: Campaign, today: date, run: ReminderRun) -> None:
    overrides = campaign_overrides(campaign)
    due_by_path: dict[str, date | None] = {}
    candidates: list[tuple[SelfReview, str, date]] = []
    reviews = (
        SelfReview.objects.filter(campaign=campaign, is_active=True)
        .exclude(status=ReviewStatus.SUBMITTED)
        .select_related("member", "member__user")
        .defer(*CONTENT_FIELDS)
        .order_by("id")
    )
    for review in reviews:
        if review.branch_path not in due_by_path:
            due_by_path[review.branch_path] = deadlines_at_path(campaign, review.branch_path, overrides)[
                "self_review_due"
            ]
        due = due_by_path[review.branch_path]
        stage = stage_for(due, today) if due else None
        if stage is not None:
            candidates.append((review, stage, due))  # type: ignore[arg-type]  # due is set when stage is
    sent_keys = _existing_keys([reminder_key(stage, review.pk) for review, stage, _due in candidates])
    for review, stage, due in candidates:
        key = reminder_key(stage, review.pk)
        if key in sent_keys:
            continue
        if deliver_review_reminder(review=review, text=due_text(campaign, due, today), key=key):
            run.sent[stage] += 1
        else:
            run.unreachable += 1


def _existing_keys(keys: list[str], chunk: int = 500) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), chunk):
        found |= set(ReminderLog.objects.filter(key__in=keys[start : start + chunk]).values_list("key", flat=True))
    return found
