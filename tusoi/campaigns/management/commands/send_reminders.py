"""Send the automatic self-review reminders due today (run it daily; reruns send nothing new)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from tusoi.campaigns.reminders import AFTER, BEFORE_1, BEFORE_3, send_due_reminders


class Command(BaseCommand):
    help = "Remind members whose self-review is not submitted: 3 days and 1 day before the deadline, once after."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError("--today must be a date written YYYY-MM-DD") from error
        with translation.override(settings.LANGUAGE_CODE):
            run = send_due_reminders(today=today)
        self.stdout.write(
            f"{today.isoformat()}: {run.total} reminders sent "
            f"(3 days before: {run.sent[BEFORE_3]}, 1 day before: {run.sent[BEFORE_1]}, "
            f"after the deadline: {run.sent[AFTER]}); {run.unreachable} members unreachable"
        )
