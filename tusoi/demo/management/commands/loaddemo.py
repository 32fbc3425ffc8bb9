"""`manage.py loaddemo`: the demo province (a bloc, its units, ~5,000 members, demo accounts, catalogue)."""

from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from tusoi.demo.loader import DemoAlreadyLoadedError, DemoCannotLoadError, load_demo
from tusoi.demo.report import accounts_markdown, accounts_table, write_accounts_file
from tusoi.demo.units import BLOC_CODE


class Command(BaseCommand):
    help = (
        "Load the demo province into an empty database: the bloc with 38 grassroots branches, 30 grassroots "
        "committees (183 affiliated branches) and a few enterprises, about 5,000 synthetic members, committee "
        "roles, demo accounts for every role (with public passwords and TOTP secrets, printed at the end) and "
        "the NQ04-XII catalogue. The same data on every run (fixed random seed; dates relative to --today). "
        "If the demo is already loaded it says so and changes nothing; to start again, delete the database "
        "and migrate. Never run it on a production database."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--accounts-file", type=Path, help="Also write the demo accounts to this JSON file.")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help="Load as of this day (YYYY-MM-DD; default: today). Only dates depend on it.",
        )
        parser.add_argument(
            "--markdown", action="store_true", help="Print the accounts as the README's Markdown table."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # call_command() passes keyword options as given, not through the argument types.
        today = options["today"] or timezone.localdate()
        if isinstance(today, str):
            today = date.fromisoformat(today)
        accounts_file = Path(options["accounts_file"]) if options["accounts_file"] else None
        if not settings.TUSOI_DEMO_ALLOWED:
            raise CommandError(
                _(
                    "The demo's accounts have public passwords: loading it is refused with these settings "
                    "(production). Set TUSOI_DEMO_ALLOWED=1 only on a server meant as a public demo."
                )
            )
        try:
            result = load_demo(today=today, progress=self.stdout.write)
        except DemoAlreadyLoadedError:
            self.stdout.write(
                _("The demo province is already loaded (unit %(code)s exists): nothing was changed.")
                % {"code": BLOC_CODE}
            )
            return
        except DemoCannotLoadError as error:
            raise CommandError(str(error)) from error
        if accounts_file is not None:
            write_accounts_file(accounts_file, result.accounts)
            self.stdout.write(_("Accounts written to %(path)s") % {"path": accounts_file})
        self.stdout.write("")
        self.stdout.write(_("Demo accounts (demo only: these passwords and TOTP secrets are public):"))
        table = accounts_markdown if options["markdown"] else accounts_table
        self.stdout.write(table(result.accounts))
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(_("Demo province loaded in %(seconds).1f s.") % {"seconds": result.seconds})
        )
