"""`manage.py enqueue_job campaigns.reminders`: queue a system job (e.g. from cron) for the worker."""

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tusoi.jobs.kinds import REMINDERS, TALLIES
from tusoi.jobs.registry import get_kind
from tusoi.jobs.services import job_create


class Command(BaseCommand):
    help = "Queue a reminder run or a tally rebuild as a background job (run_worker runs it)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", choices=[REMINDERS, TALLIES])
        parser.add_argument("--owner", default="", help="Username of the job's owner (default: none, a system job).")

    def handle(self, *args: Any, **options: Any) -> None:
        if get_kind(options["kind"]) is None:
            raise CommandError(f"{options['kind']} is not available here")
        owner = None
        if options["owner"]:
            owner = get_user_model().objects.filter(username=options["owner"]).first()
            if owner is None:
                raise CommandError(f"no user {options['owner']!r}")
        with transaction.atomic():
            job = job_create(kind=options["kind"], owner=owner)
        self.stdout.write(f"job {job.pk} queued")
