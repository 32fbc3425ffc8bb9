"""`manage.py backup` and `restore`: the demo province survives a round trip on the database the suite runs
on (SQLite under `make test-sqlite`, PostgreSQL under `make test-postgres`), and restore refuses what it
must refuse before touching anything.

The commands work on the live connection (SQLite's backup API also reads and writes the in-memory test
database; pg_dump / pg_restore connect to the test database), so the tests commit: transaction=True.
"""

import hashlib
import io
import json
import stat
import tarfile
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from tusoi.org.models import Member, Unit
from tusoi.testing import build_org

pytestmark = pytest.mark.django_db(transaction=True)
OTHER_VENDOR = {"sqlite": "postgresql", "postgresql": "sqlite"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MEDIA_FILES = {
    "private/remediation/3f2a9c.pdf": b"%PDF-1.7 evidence of a remediation item\n" * 50,
    "bulletin/2026/11/poster.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,
    "jobs/42/result.xlsx": b"PK\x03\x04 a job's result",
}


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The operator messages are matched in English (the source text; Vietnamese is the default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def media(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    return root


def fingerprint() -> dict[str, tuple[int, str]]:
    """Per model: the row count and a sha256 of every row's every column, in primary key order."""
    result = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.swapped:
            continue
        digest = hashlib.sha256()
        rows = 0
        columns = [field.attname for field in meta.concrete_fields]
        for row in model._base_manager.order_by("pk").values_list(*columns).iterator():
            digest.update(repr(row).encode())
            rows += 1
        result[meta.label] = (rows, digest.hexdigest())
    return result


def media_state(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def backup(target: Path) -> str:
    out = StringIO()
    call_command("backup", output=str(target), stdout=out, stderr=StringIO())
    return out.getvalue()


def restore(archive: Path, *, force: bool = False) -> str:
    out = StringIO()
    call_command("restore", str(archive), force=force, stdout=out, stderr=StringIO())
    return out.getvalue()


def rewrite(archive: Path, target: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    """A copy of the archive whose parts `change` edited (a well-formed gzip and tar)."""
    with tarfile.open(archive, "r:gz") as tar:
        parts = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]
    change(parts)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in parts.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def restore_refused(archive: Path, message: str) -> None:
    """Restore (forced) is refused with `message` and the database is untouched."""
    before = fingerprint()
    with pytest.raises(CommandError, match=message):
        restore(archive, force=True)
    assert fingerprint() == before


def _round_trip(tmp_path: Path, media: Path) -> None:
    call_command("loaddemo", stdout=StringIO())
    for name, data in MEDIA_FILES.items():
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(data)
    before, files_before = fingerprint(), media_state(media)
    assert before["org.Member"][0] > 4000 and before["reviews.SelfReview"][0] > 0

    archive = tmp_path / "backups" / "demo.tar.gz"
    output = backup(archive)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert f"{sum(rows for rows, _ in before.values()):,} rows" in output
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert manifest["vendor"] == connection.vendor
    assert manifest["counts"] == {label: rows for label, (rows, _) in before.items()}
    assert "0001_initial" in manifest["migrations"]["org"]
    assert set(manifest["sha256"]) == {manifest["database_part"], *(f"media/{name}" for name in MEDIA_FILES)}

    # Wipe: an empty database (only what migrations put there) and an empty media folder.
    call_command("flush", interactive=False, verbosity=0)
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    assert Member.objects.count() == 0

    output = restore(archive)  # nothing there: no --force needed
    assert "every count equal to the manifest" in output
    assert fingerprint() == before
    assert media_state(media) == files_before

    # Over data, without --force: refused, nothing changed, the media files where they were.
    with pytest.raises(CommandError, match="--force"):
        restore(archive)
    assert media_state(media) == files_before
    # With --force: restored again, the media that were there set aside (not deleted).
    restore(archive, force=True)
    assert fingerprint() == before
    assert media_state(media) == files_before
    (aside,) = media.parent.glob("media.before-restore-*")
    assert media_state(aside) == files_before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite pair runs under make test-sqlite")
def test_demo_round_trip_sqlite(tmp_path, media):
    _round_trip(tmp_path, media)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL pair runs under make test-postgres")
def test_demo_round_trip_postgresql(tmp_path, media):
    _round_trip(tmp_path, media)


@pytest.fixture
def small_archive(tmp_path, media) -> Path:
    """A backup of the small test organisation with one media file; the data stays in the database."""
    build_org()
    (media / "private").mkdir(parents=True)
    (media / "private" / "evidence.pdf").write_bytes(b"%PDF-1.7 evidence")
    archive = tmp_path / "small.tar.gz"
    backup(archive)
    return archive


def test_backup_never_overwrites_and_keeps_the_newest(tmp_path, small_archive, media):
    with pytest.raises(CommandError, match="already exists"):
        backup(small_archive)
    with pytest.raises(CommandError, match="inside the media folder"):
        backup(media / "private" / "backup.tar.gz")
    folder = tmp_path / "kept"
    folder.mkdir()
    for day in ("20260101-000000", "20260102-000000", "20260103-000000"):
        (folder / f"tusoi-{day}.tar.gz").write_bytes(b"old")
    call_command("backup", dir=str(folder), keep=2, stdout=StringIO(), stderr=StringIO())
    kept = sorted(path.name for path in folder.iterdir())
    assert len(kept) == 2 and "tusoi-20260103-000000.tar.gz" in kept
    assert all(stat.S_IMODE((folder / name).stat().st_mode) == 0o600 for name in kept if "2026010" not in name)


def test_truncated_or_bit_flipped_archive_is_refused(tmp_path, small_archive):
    data = small_archive.read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(data[: len(data) // 2])
    restore_refused(truncated, "damaged")
    flipped = tmp_path / "flipped.tar.gz"
    middle = len(data) // 2
    flipped.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    restore_refused(flipped, "damaged")


def test_a_part_that_does_not_match_its_checksum_is_refused(tmp_path, small_archive, media):
    def tamper(parts: dict[str, bytes]) -> None:
        parts["media/private/evidence.pdf"] = b"%PDF-1.7 forged evidence"

    restore_refused(rewrite(small_archive, tmp_path / "tampered.tar.gz", tamper), "checksum")
    assert (media / "private" / "evidence.pdf").read_bytes() == b"%PDF-1.7 evidence"

    def extra(parts: dict[str, bytes]) -> None:
        parts["media/unlisted.txt"] = b"not in the manifest"

    restore_refused(rewrite(small_archive, tmp_path / "extra.tar.gz", extra), "damaged")


def test_an_archive_of_the_other_vendor_is_refused(tmp_path, small_archive):
    other = OTHER_VENDOR[connection.vendor]

    def relabel(parts: dict[str, bytes]) -> None:
        manifest = json.loads(parts.pop("manifest.json"))
        data = parts.pop(manifest["database_part"])
        manifest["vendor"] = other
        manifest["database_part"] = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[other]
        manifest["sha256"].pop(f"database.{'pgdump' if other == 'sqlite' else 'sqlite3'}")
        manifest["sha256"][manifest["database_part"]] = hashlib.sha256(data).hexdigest()
        parts[manifest["database_part"]] = data
        parts["manifest.json"] = json.dumps(manifest).encode()

    relabelled = rewrite(small_archive, tmp_path / "other.tar.gz", relabel)
    restore_refused(relabelled, f"holds a {VENDOR_NAMES[other]} database")


def test_an_archive_of_a_newer_version_is_refused(tmp_path, small_archive):
    def newer(parts: dict[str, bytes]) -> None:
        manifest = json.loads(parts["manifest.json"])
        manifest["migrations"]["org"].append("9999_from_the_future")
        parts["manifest.json"] = json.dumps(manifest).encode()

    restore_refused(rewrite(small_archive, tmp_path / "newer.tar.gz", newer), "org.9999_from_the_future")


def test_members_outside_the_archive_layout_are_refused(tmp_path, small_archive):
    def escape(parts: dict[str, bytes]) -> None:
        parts["../outside.txt"] = b"x"

    restore_refused(rewrite(small_archive, tmp_path / "escape.tar.gz", escape), "damaged")
    assert not (tmp_path / "outside.txt").exists()
    assert Unit.objects.filter(code="BLOC").exists()


def test_restore_leaves_exactly_the_tables_of_the_backup(small_archive):
    # Rolling back an upgrade: the newer version's tables must not survive, or migrating again fails.
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE extra_from_newer (id integer)")
    restore(small_archive, force=True)
    with connection.cursor() as cursor:
        assert "extra_from_newer" not in connection.introspection.table_names(cursor)
    assert Unit.objects.filter(code="BLOC").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_restore's transaction: PostgreSQL only")
def test_a_failed_postgresql_restore_changes_nothing(small_archive):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE extra_from_newer (id integer)")
        # A view of the operator's that the restore cannot drop: pg_restore fails half-way.
        cursor.execute("CREATE VIEW blocker AS SELECT id FROM accounts_user")
    try:
        restore_refused(small_archive, "psql failed")
        with connection.cursor() as cursor:
            assert "extra_from_newer" in connection.introspection.table_names(cursor)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP VIEW IF EXISTS blocker")


def test_a_media_file_deleted_during_the_backup_is_left_out(tmp_path, media, monkeypatch):
    from tusoi.core.backup import archive as archive_module

    (media / "kept.png").parent.mkdir(parents=True, exist_ok=True)
    (media / "kept.png").write_bytes(b"\x89PNG kept")
    listed = archive_module.media_files
    monkeypatch.setattr(archive_module, "media_files", lambda root: [*listed(root), root / "gone.png"])
    target = tmp_path / "race.tar.gz"
    backup(target)
    with tarfile.open(target, "r:gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert sorted(name for name in manifest["sha256"] if name.startswith("media/")) == ["media/kept.png"]
