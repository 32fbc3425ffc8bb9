"""Restore an archive: verify everything first, refuse what would lose data, then load and check."""

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from tusoi.core.numbers import grouped

from . import engines
from .archive import Progress, media_files, read_archive
from .errors import BackupError
from .manifest import Manifest, unknown_migrations, user_rows


@dataclass
class RestoreReport:
    manifest: Manifest
    counts: dict[str, int]
    mismatches: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    media_set_aside: Path | None = None
    pending_migrations: list[str] = field(default_factory=list)


def _check_target(connection: BaseDatabaseWrapper, media_root: Path, manifest: Manifest, force: bool) -> None:
    newer = unknown_migrations(manifest.migrations)
    if newer:
        raise BackupError(
            _(
                "The archive comes from a newer version of tusoi (%(version)s): this code does not know the "
                "migrations %(migrations)s. Install that version first, then restore."
            )
            % {"version": manifest.tusoi_version, "migrations": ", ".join(newer[:5])}
        )
    rows = user_rows(engines.live_counts(connection))
    files = len(media_files(media_root))
    if (rows or files) and not force:
        raise BackupError(
            _(
                "The database already holds data (%(rows)s rows) or the media folder holds files (%(files)s): "
                "a restore would replace them. Nothing was changed. Back them up first, then run again with "
                "--force."
            )
            % {"rows": grouped(rows), "files": grouped(files)}
        )


def _replace_media(extracted: Path, media_root: Path) -> Path | None:
    """Put the archive's media in place; the current files are moved aside, never deleted."""
    aside = None
    if media_root.is_dir() and any(not path.is_dir() or path.is_symlink() for path in media_root.rglob("*")):
        aside = media_root.with_name(f"{media_root.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
        aside.mkdir(mode=0o700)
        for entry in list(media_root.iterdir()):
            shutil.move(entry, aside / entry.name)
    elif media_root.is_dir():
        for entry in list(media_root.iterdir()):
            shutil.rmtree(entry)  # empty folders only (the media root itself may be a mount point)
    media_root.mkdir(parents=True, exist_ok=True)
    if extracted.is_dir():
        for entry in list(extracted.iterdir()):
            shutil.move(entry, media_root / entry.name)
    return aside


def _pending(manifest: Manifest) -> list[str]:
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    applied = {(app, name) for app, names in manifest.migrations.items() for name in names}
    return sorted(f"{app}.{name}" for app, name in on_disk if (app, name) not in applied)


def restore_archive(
    connection: BaseDatabaseWrapper, archive: Path, media_root: Path, *, force: bool, progress: Progress
) -> RestoreReport:
    if not archive.is_file():
        raise BackupError(_("%(path)s is not a file.") % {"path": archive})
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Extracted next to the media folder: its files are then moved in place, not copied.
    with tempfile.TemporaryDirectory(prefix=".tusoi-restore-", dir=media_root.parent) as work:
        verified = read_archive(archive, Path(work), connection.vendor, progress)
        manifest = verified.manifest
        _check_target(connection, media_root, manifest, force)
        progress(_("Restoring the database from the backup of %(date)s…") % {"date": manifest.created})
        engines.load(connection, verified.database)
        ContentType.objects.clear_cache()
        progress(_("Restoring the media files…"))
        aside = _replace_media(verified.media, media_root)
    counts = engines.live_counts(connection)
    mismatches = {
        label: (rows, counts.get(label)) for label, rows in manifest.counts.items() if counts.get(label) != rows
    }
    return RestoreReport(
        manifest=manifest,
        counts=counts,
        mismatches=mismatches,
        media_set_aside=aside,
        pending_migrations=_pending(manifest),
    )
