"""Remind branches that have not held a round this year (run it daily; reruns send nothing new)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from tusoi.remediation.reminders import rhythm_stage, send_rhythm_reminders

from .send_remediation_reminders import parse_today


class Command(BaseCommand):
    help = (
        "Remind every branch with no “tự soi, tự sửa” round held this year (from TUSOI_RHYTHM_REMIND_FROM), "
        "and from TUSOI_RHYTHM_ESCALATE_FROM tell its superior too. Each notice goes out once per stage."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_today(options["today"])
        with translation.override(settings.LANGUAGE_CODE):
            run = send_rhythm_reminders(today=today)
        self.stdout.write(
            f"{today.isoformat()} ({rhythm_stage(today) or 'too early'}): {run.branches} branches without a round; "
            f"{run.branch_notices} notices to branch committees, {run.superior_notices} to superiors"
        )
