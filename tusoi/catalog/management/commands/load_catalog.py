"""`manage.py load_catalog PATH [--draft]`: load a catalogue file (YAML or XLSX), idempotently."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tusoi.catalog.importers import import_catalog_file


class Command(BaseCommand):
    help = (
        "Load a catalogue from a YAML or XLSX file. Loading the same content again creates nothing; "
        "changed content becomes the next version of the catalogue code."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="catalogue file (.yaml, .yml or .xlsx)")
        parser.add_argument("--draft", action="store_true", help="store a new version as a draft, not published")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            result = import_catalog_file(path, publish=not options["draft"])
        except ValidationError as exc:
            raise CommandError("The file was not loaded:\n  " + "\n  ".join(exc.messages)) from exc
        version = result.version
        counts = (
            f"{version.groups.count()} groups, {version.manifestations.count()} manifestations, "
            f"{version.indicators.count()} indicators, {version.levels.count()} levels"
        )
        verified = "verified" if version.verified else "NOT verified against the official text"
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Created {version} ({version.status}, {verified}): {counts}."))
        else:
            self.stdout.write(
                f"Unchanged: {version} ({version.status}) already holds this content; nothing was created ({counts})."
            )
