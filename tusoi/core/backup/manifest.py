"""What a backup says about itself: version, vendor, migrations, rows per model, checksums."""

import hashlib
import json
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
CHUNK = 1024 * 1024


@dataclass
class Manifest:
    created: str
    vendor: str
    database_part: str
    tusoi_version: str = "unknown"
    format: int = FORMAT
    migrations: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    sha256: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        raw = json.loads(data)
        if not isinstance(raw, dict):
            raise ValueError("manifest is not an object")
        known = {name: raw[name] for name in cls.__dataclass_fields__ if name in raw}
        return cls(**known)


def tusoi_version() -> str:
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def counted_tables() -> dict[str, str]:
    """Model label → table, for every table Django manages (many-to-many tables included)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            tables[meta.label] = meta.db_table
    return dict(sorted(tables.items()))


def count_rows(cursor: Any, existing: Iterable[str], quote: Any) -> dict[str, int]:
    """Rows per model label, for the tables that exist (a cursor of either vendor or sqlite3)."""
    present = set(existing)
    counts = {}
    for label, table in counted_tables().items():
        if table in present:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - table names come from the models
            counts[label] = int(cursor.fetchone()[0])
    return counts


def applied_migrations(cursor: Any, existing: Iterable[str]) -> dict[str, list[str]]:
    if "django_migrations" not in set(existing):
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def unknown_migrations(applied: dict[str, list[str]]) -> list[str]:
    """Migrations the archive's database had that this code does not know (a backup of a newer version)."""
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    installed = {config.label for config in apps.get_app_configs()}
    return sorted(
        f"{app}.{name}"
        for app, names in applied.items()
        for name in names
        if app in installed and (app, name) not in on_disk
    )


def user_rows(counts: dict[str, int]) -> int:
    """Rows that are the product's data: every model of a tusoi app and the user accounts."""
    ours = {config.label for config in apps.get_app_configs() if config.name.startswith("tusoi.")}
    return sum(rows for label, rows in counts.items() if label.split(".", 1)[0] in ours)
