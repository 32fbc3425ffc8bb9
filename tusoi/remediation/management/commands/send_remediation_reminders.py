"""Send the remediation reminders due today (run it daily; reruns send nothing new)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from tusoi.remediation.reminders import AFTER, BEFORE_1, BEFORE_7, send_remediation_reminders


def parse_today(value: str | None) -> date:
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError("--today must be a date written YYYY-MM-DD") from error


class Command(BaseCommand):
    help = (
        "Remind those responsible for remediation items and requested actions not done: 7 days and 1 day "
        "before the deadline, and once after it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_today(options["today"])
        with translation.override(settings.LANGUAGE_CODE):
            run = send_remediation_reminders(today=today)
        self.stdout.write(
            f"{today.isoformat()}: {run.total} reminders sent "
            f"(7 days before: {run.sent[BEFORE_7]}, 1 day before: {run.sent[BEFORE_1]}, "
            f"after the deadline: {run.sent[AFTER]}); {run.unreachable} items with nobody to remind"
        )
