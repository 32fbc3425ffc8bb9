"""The archive: write it (mode 0600, under a temporary name until complete), read and verify it."""

import hashlib
import io
import os
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

from . import engines
from .errors import BackupError
from .manifest import FORMAT, Manifest, file_sha256, tusoi_version

MANIFEST = "manifest.json"
MEDIA = "media"
Progress = Callable[[str], None]


class _HashingReader:
    """Reads a file for tarfile and hashes exactly the bytes that went into the archive."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink())


def write_archive(connection: BaseDatabaseWrapper, target: Path, media_root: Path, progress: Progress) -> Manifest:
    """Dump the database and add the media folder into `target`, which must not exist yet."""
    part = engines.database_part(connection.vendor)
    if target.exists():
        raise BackupError(_("%(path)s already exists: choose another file name.") % {"path": target})
    if target.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(
            _("The backup cannot be written inside the media folder %(media)s: choose another directory.")
            % {"media": media_root}
        )
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory(prefix=".tusoi-backup-", dir=target.parent) as work:
        database = Path(work) / part
        progress(_("Copying the database (%(vendor)s)…") % {"vendor": engines.vendor_name(connection.vendor)})
        facts = engines.dump(connection, database)
        manifest = Manifest(
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            vendor=connection.vendor,
            database_part=part,
            tusoi_version=tusoi_version(),
            migrations=facts.migrations,
            counts=facts.counts,
        )
        manifest.sha256[part] = file_sha256(database)
        media = media_files(media_root)
        progress(_("Adding the database and %(count)s media files to the archive…") % {"count": len(media)})
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)  # also when a .partial of an interrupted run was there
        try:
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                tar.add(database, arcname=part)
                for path in media:
                    name = f"{MEDIA}/{path.relative_to(media_root).as_posix()}"
                    try:
                        info = tar.gettarinfo(path, arcname=name)
                        handle = open(path, "rb")  # noqa: SIM115 - closed below
                    except FileNotFoundError:
                        continue  # deleted since the listing (a replaced picture): not part of this backup
                    with handle:
                        reader = _HashingReader(handle)
                        tar.addfile(info, reader)
                    manifest.sha256[name] = reader.digest.hexdigest()
                data = manifest.to_json()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.now(UTC).timestamp())
                tar.addfile(info, io.BytesIO(data))
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return manifest


@dataclass
class VerifiedArchive:
    manifest: Manifest
    database: Path
    media: Path


def read_archive(archive: Path, work: Path, vendor: str, progress: Progress) -> VerifiedArchive:
    """Extract into `work`, verify every part against the manifest and that the archive is of `vendor`
    (the database it will be restored into); raise BackupError otherwise."""
    damaged = _("The archive %(path)s is damaged or is not a tusoi backup: %(error)s")
    progress(_("Reading and verifying %(path)s…") % {"path": archive})
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            members = tar.getmembers()
            for member in members:
                allowed = member.name in (MANIFEST, *engines.PARTS.values()) or member.name.startswith(f"{MEDIA}/")
                if not allowed or not (member.isfile() or member.isdir()):
                    raise BackupError(damaged % {"path": archive, "error": member.name})
            tar.extractall(work, members=members, filter="data")
        manifest = Manifest.from_json((work / MANIFEST).read_bytes())
    except BackupError:
        raise
    except (OSError, EOFError, zlib.error, tarfile.TarError, ValueError, TypeError) as error:
        raise BackupError(damaged % {"path": archive, "error": error}) from error
    if manifest.format != FORMAT or manifest.database_part not in engines.PARTS.values():
        raise BackupError(damaged % {"path": archive, "error": MANIFEST})
    extracted = {
        path.relative_to(work).as_posix() for path in work.rglob("*") if path.is_file() and path.name != MANIFEST
    }
    expected = set(manifest.sha256)
    if manifest.database_part not in expected or extracted != expected:
        missing_or_extra = sorted(extracted.symmetric_difference(expected | {manifest.database_part}))
        raise BackupError(damaged % {"path": archive, "error": ", ".join(missing_or_extra)})
    wrong = sorted(name for name, digest in manifest.sha256.items() if file_sha256(work / name) != digest)
    if wrong:
        raise BackupError(
            _("The archive %(path)s is damaged: the checksum of %(parts)s does not match the manifest.")
            % {"path": archive, "parts": ", ".join(wrong)}
        )
    if manifest.vendor != vendor:
        raise BackupError(
            _(
                "The archive holds a %(archive)s database but this installation uses %(here)s: restore it into "
                "an installation configured for %(archive)s (DATABASE_URL)."
            )
            % {"archive": engines.vendor_name(manifest.vendor), "here": engines.vendor_name(vendor)}
        )
    if engines.PARTS.get(vendor) != manifest.database_part:
        raise BackupError(damaged % {"path": archive, "error": manifest.database_part})
    database = work / manifest.database_part
    engines.check_part(manifest.vendor, database)
    return VerifiedArchive(manifest=manifest, database=database, media=work / MEDIA)
