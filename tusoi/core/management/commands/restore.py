"""`manage.py restore ARCHIVE`: put back the database and the media folder of a `manage.py backup`."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from tusoi.core.backup import BackupError, restore_archive
from tusoi.core.numbers import grouped


def _count(value: int | None) -> str:
    return "—" if value is None else grouped(value)


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup`: verify every checksum first, refuse an archive of "
        "the other database vendor or of a newer version, refuse a database or media folder that holds data "
        "unless --force, then replace the database and the media files (the current media files are moved "
        "aside, not deleted) and compare the rows per model with the manifest. Stop the web server and the "
        "job worker first."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("archive", type=Path, help="The .tar.gz archive written by `manage.py backup`.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database and media folder that already hold data."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias (default: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        try:
            report = restore_archive(
                connection,
                Path(options["archive"]),
                Path(settings.MEDIA_ROOT),
                force=options["force"],
                progress=self.stdout.write,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        if report.media_set_aside is not None:
            self.stdout.write(
                _("The media files that were there are kept in %(path)s: delete them when no longer needed.")
                % {"path": report.media_set_aside}
            )
        if report.mismatches:
            for label, (expected, found) in report.mismatches.items():
                self.stderr.write(
                    _("%(model)s: %(expected)s rows in the backup, %(found)s after the restore.")
                    % {"model": label, "expected": _count(expected), "found": _count(found)}
                )
            raise CommandError(_("The restored database does not match the backup's manifest (see above)."))
        manifest = report.manifest
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the backup of %(date)s (tusoi %(version)s): %(rows)s rows in %(models)s tables, "
                    "every count equal to the manifest; %(files)s media files."
                )
                % {
                    "date": manifest.created,
                    "version": manifest.tusoi_version,
                    "rows": _count(sum(manifest.counts.values())),
                    "models": _count(len(manifest.counts)),
                    "files": _count(sum(1 for name in manifest.sha256 if name.startswith("media/"))),
                }
            )
        )
        if report.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _("The backup predates %(count)s migrations of this version: run `manage.py migrate` now.")
                    % {"count": _count(len(report.pending_migrations))}
                )
            )
