"""The worker's daily duties: the automatic reminders (self-review deadlines, remediation deadlines,
the yearly rhythm). Each run is idempotent (every reminder is logged once in ReminderLog), so running
them again the same day, or on two workers, sends nothing twice."""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


def daily_reminders_send(*, today: date) -> dict[str, int]:
    """Send every reminder due `today`; returns how many of each kind went out."""
    from tusoi.campaigns.reminders import send_due_reminders
    from tusoi.remediation.reminders import send_remediation_reminders, send_rhythm_reminders

    with translation.override(settings.LANGUAGE_CODE):
        reviews = send_due_reminders(today=today)
        remediation = send_remediation_reminders(today=today)
        rhythm = send_rhythm_reminders(today=today)
    return {
        "self_review": reviews.total,
        "remediation": remediation.total,
        "rhythm": rhythm.branch_notices + rhythm.superior_notices,
    }


@dataclass
class DailyDuties:
    """Runs `daily_reminders_send` once per local day, at the first chance the worker gives it."""

    last_day: date | None = None

    def run_if_due(self) -> bool:
        today = timezone.localdate()
        if self.last_day == today:
            return False
        try:
            counts = daily_reminders_send(today=today)
        except DatabaseError:  # a locked or restarting database: try again at the next turn
            logger.warning("daily reminders failed; retrying later", exc_info=True)
            return False
        self.last_day = today
        logger.info("daily reminders for %s: %s", today.isoformat(), counts)
        return True
