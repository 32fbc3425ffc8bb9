"""`manage.py rebuild_tallies [--campaign PLAN] [--check]`: recompute the tallies from the raw records."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tusoi.stats.rebuild import rebuild_tallies

from ._campaign import campaign_by_plan


class Command(BaseCommand):
    help = (
        "Recompute the statistics tallies of one campaign (or all) from the raw records (self-reviews, "
        "meetings, attendance, opinions, comments, results reports), list every difference with the stored "
        "tallies and replace them. With --check, only list the differences and exit with status 1 if any."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--campaign", default="", help="Plan number, e.g. 31-KH/ĐUK (default: every campaign).")
        parser.add_argument("--issuer", default="", help="Code of the issuing unit, if the plan number is ambiguous.")
        parser.add_argument("--check", action="store_true", help="Report differences only; exit 1 if there are any.")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = campaign_by_plan(options["campaign"], options["issuer"]) if options["campaign"] else None
        result = rebuild_tallies(campaign=campaign, check=options["check"])
        for line in result.differences:
            self.stdout.write(line)
        summary = _("%(sessions)s sessions checked, %(differences)s differences.") % {
            "sessions": result.sessions,
            "differences": len(result.differences),
        }
        if options["check"]:
            if result.differences:
                raise CommandError(summary, returncode=1)
            self.stdout.write(self.style.SUCCESS(summary))
            return
        self.stdout.write(self.style.SUCCESS(summary + " " + _("The tallies were rebuilt.")))
