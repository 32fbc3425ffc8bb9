"""`manage.py backup`: the database and the media folder in one archive (mode 0600)."""

import stat
from argparse import ArgumentParser
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from tusoi.core.backup import BackupError, write_archive
from tusoi.core.backup.manifest import file_sha256
from tusoi.core.numbers import grouped

PREFIX = "tusoi-"
SUFFIX = ".tar.gz"


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: an online consistent copy; PostgreSQL: pg_dump --format=custom) and "
        "every file under MEDIA_ROOT into one .tar.gz archive readable by its owner only, with a manifest "
        "(version, migrations, rows per model, checksums). Restore it with `manage.py restore ARCHIVE`. "
        "The archive holds personal data: keep it as carefully as the database."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="The archive to write (must not exist). Default: DIR/tusoi-<time>.tar.gz."
        )
        parser.add_argument(
            "--dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "var" / "backups",
            help="Directory of the archive when --output is not given (default: var/backups).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="After a successful backup, keep only the N newest tusoi-*.tar.gz archives of that directory.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias (default: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["dir"])
        target = Path(options["output"]) if options["output"] else None
        if target is None:
            target = directory / f"{PREFIX}{datetime.now():%Y%m%d-%H%M%S}{SUFFIX}"
        connection = connections[options["database"]]
        try:
            manifest = write_archive(connection, target, Path(settings.MEDIA_ROOT), progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if target.parent.stat().st_mode & (stat.S_IROTH | stat.S_IWOTH):
            self.stderr.write(
                _("Warning: other users can list or write %(dir)s; keep backups in a directory only tusoi can read.")
                % {"dir": target.parent}
            )
        media = sum(1 for name in manifest.sha256 if name.startswith("media/"))
        self.stdout.write(
            _("%(models)s tables, %(rows)s rows, %(files)s media files.")
            % {
                "models": grouped(len(manifest.counts)),
                "rows": grouped(sum(manifest.counts.values())),
                "files": grouped(media),
            }
        )
        self.stdout.write(_("sha256 of the archive: %(sha)s") % {"sha": file_sha256(target)})
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(path)s (%(size)s MB).")
                % {"path": target, "size": number_format(target.stat().st_size / 1024 / 1024, 1)}
            )
        )
        if options["keep"] > 0:
            self._prune(target.parent, options["keep"])

    def _prune(self, directory: Path, keep: int) -> None:
        archives = sorted(directory.glob(f"{PREFIX}*{SUFFIX}"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in archives[keep:]:
            old.unlink()
            self.stdout.write(_("Old backup deleted: %(path)s") % {"path": old})
