"""The worker's daily duty sends the automatic reminders without anyone running a command, once a
day, and a second worker or a restart the same day sends nothing twice."""

from datetime import timedelta
from unittest import mock

from tusoi.jobs.daily import DailyDuties
from tusoi.notifications.models import ReminderLog
from tusoi.reviews.models import ReviewStatus, SelfReview


def _review_reminders() -> int:
    return ReminderLog.objects.filter(key__startswith="review-due:").count()


def test_the_worker_sends_the_due_reminders_once_a_day(org, published):
    pending = SelfReview.objects.filter(campaign=published).exclude(status=ReviewStatus.SUBMITTED).count()
    assert pending > 0
    three_days_before = published.self_review_due - timedelta(days=3)
    with mock.patch("django.utils.timezone.localdate", return_value=three_days_before):
        duties = DailyDuties()
        assert duties.run_if_due() is True
        assert _review_reminders() == pending
        assert duties.run_if_due() is False  # the same day: not again
        assert DailyDuties().run_if_due() is True  # a restarted (or second) worker runs it…
        assert _review_reminders() == pending  # …and sends nothing twice
    with mock.patch("django.utils.timezone.localdate", return_value=published.self_review_due - timedelta(days=1)):
        assert duties.run_if_due() is True  # the next day's turn
    assert _review_reminders() == 2 * pending
