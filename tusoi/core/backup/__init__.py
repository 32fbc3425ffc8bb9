"""Backup and restore of the database and the media folder (`manage.py backup` / `manage.py restore`).

One archive (`.tar.gz`, mode 0600: it holds personal data) with three parts:

- `manifest.json`: format, tusoi version, date, database vendor, applied migrations, rows per model
  and the sha256 of every other part;
- the database: `database.sqlite3` (an online consistent copy through SQLite's backup API) or
  `database.pgdump` (`pg_dump --format=custom` in the snapshot the rows were counted in);
- `media/…`: every file under MEDIA_ROOT (evidence files, bulletin images, job results).

Restore verifies every checksum before it touches anything, refuses a vendor mismatch and a database
that already holds data (unless forced), then loads the database and the media and compares the rows
per model with the manifest.
"""

from .archive import write_archive
from .errors import BackupError
from .manifest import Manifest
from .restore import RestoreReport, restore_archive

__all__ = ["BackupError", "Manifest", "RestoreReport", "restore_archive", "write_archive"]
