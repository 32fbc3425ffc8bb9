"""`manage.py campaign_stats --campaign 31-KH/ĐUK [--unit CODE] [--sector S] --json`: a campaign's figures."""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tusoi.core.numbers import grouped
from tusoi.org.models import Sector, Unit
from tusoi.stats.selectors import campaign_stats

from ._campaign import campaign_by_plan


class Command(BaseCommand):
    help = (
        "Print a campaign's figures for a unit's subtree (default: the issuing unit), from the tallies: "
        "branches held, grassroots committees completed, meetings, opinions, members, reports and the "
        "members at each level (counts below the small-cell threshold shown as null)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--campaign", required=True, help="Plan number, e.g. 31-KH/ĐUK.")
        parser.add_argument("--issuer", default="", help="Code of the issuing unit, if the plan number is ambiguous.")
        parser.add_argument("--unit", default="", help="Code of the unit (default: the issuer).")
        parser.add_argument("--sector", default="", choices=["", *Sector.values], help="Only this sector's branches.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--no-levels", action="store_true", help="Leave out the members at each level.")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = campaign_by_plan(options["campaign"], options["issuer"])
        unit = campaign.issuer
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None or not unit.path.startswith(campaign.issuer.path):
                raise CommandError(
                    _("No unit %(code)s in the subtree of %(issuer)s.")
                    % {"code": options["unit"], "issuer": campaign.issuer.code}
                )
        stats = campaign_stats(campaign, unit, sector=options["sector"], levels=not options["no_levels"])
        if options["json"]:
            self.stdout.write(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))
            return
        lines = [
            (_("Campaign"), f"{campaign.plan_number} — {unit.name}"),
            (
                _("Grassroots branches held"),
                f"{grouped(stats.grassroots_branches.done)}/{grouped(stats.grassroots_branches.total)}",
            ),
            (
                _("Affiliated branches held"),
                f"{grouped(stats.affiliated_branches.done)}/{grouped(stats.affiliated_branches.total)}",
            ),
            (
                _("Grassroots committees completed"),
                f"{grouped(stats.grassroots_committees.done)}/{grouped(stats.grassroots_committees.total)}",
            ),
            (_("Meetings"), grouped(stats.meetings)),
            (_("Discussion opinions"), grouped(stats.opinions)),
            (_("Comments on the draft"), grouped(stats.comments)),
            (_("Members enrolled"), grouped(stats.enrolled)),
            (_("Self-reviews submitted"), grouped(stats.submitted)),
            (_("Members present"), grouped(stats.present)),
            (_("Results reports received"), f"{grouped(stats.reports_received)}/{grouped(stats.sessions.total)}"),
        ]
        width = max(len(label) for label, _value in lines)
        for label, value in lines:
            self.stdout.write(f"{label.ljust(width)}  {value}")
