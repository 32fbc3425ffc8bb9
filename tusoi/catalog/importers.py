"""Loading catalogues from files: YAML (the shape of `data/nq04-xii.yaml`) and XLSX.

Never trust a file's name or declared type: size is checked first, then the content must match the
extension, and an XLSX container is inspected with `zipfile` (entry count, declared uncompressed
size, no DTD in its XML) before openpyxl opens it (STACK trap 7; the checks are shared in
`tusoi.core.uploads`). Everything is validated before anything is stored,
and storing is one transaction: a file is imported whole or not at all.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tusoi.core import uploads

from .models import CatalogVersion
from .schema import CatalogData
from .selectors import identical_version
from .services import catalog_create_from_data
from .yamlfile import read_yaml

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 200  # a catalogue workbook has about a dozen parts
YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIX = ".xlsx"


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the version it created, or the identical one it found."""

    version: CatalogVersion
    created: bool
    same_as: CatalogVersion | None = None


def check_xlsx_container(content: bytes) -> None:
    """Refuse what is not a reasonable XLSX zip, without decompressing it (tusoi.core.uploads)."""
    uploads.check_xlsx_container(content, max_entries=MAX_ZIP_ENTRIES, max_unzipped=MAX_UNZIPPED_BYTES)


def read_catalog_bytes(name: str, content: bytes) -> CatalogData:
    """Parse a catalogue file by its extension, after checking that the content matches it."""
    uploads.check_size(len(content), MAX_FILE_BYTES)
    suffix = uploads.suffix_of(name)
    if suffix in YAML_SUFFIXES:
        if content.startswith(b"PK\x03\x04") or b"\x00" in content:
            raise ValidationError(_("The file is named .yaml but its content is not YAML text."))
        return read_yaml(content)
    if suffix == XLSX_SUFFIX:
        check_xlsx_container(content)
        from .xlsxfile import read_xlsx  # openpyxl is loaded only when a workbook is imported

        return read_xlsx(content)
    raise ValidationError(_("Unsupported file type: use a .yaml, .yml or .xlsx file."))


def import_catalog_data(data: CatalogData, *, publish: bool, actor: Any = None) -> ImportResult:
    """Store `data` unless a version of its code already has the same content (then return that)."""
    existing = identical_version(data)
    if existing is not None:
        return ImportResult(version=existing, created=False, same_as=existing)
    version = catalog_create_from_data(data=data, publish=publish, actor=actor, origin="file")
    return ImportResult(version=version, created=True)


def import_catalog_file(path: Path, *, publish: bool = True, actor: Any = None) -> ImportResult:
    """`load_catalog_file`, also telling whether a version was created."""
    path = Path(path)
    uploads.check_size(path.stat().st_size, MAX_FILE_BYTES)
    data = read_catalog_bytes(path.name, path.read_bytes())
    return import_catalog_data(data, publish=publish, actor=actor)


def load_catalog_file(path: Path, *, publish: bool = True, actor: Any = None) -> CatalogVersion:
    """Load a catalogue file (YAML or XLSX), idempotently.

    If a version with the file's code already holds identical content, that version is returned and
    nothing is written. Otherwise the next version of the code is created, published if `publish`
    (the file must then be complete), else as a draft. Raises ValidationError listing every problem.
    """
    return import_catalog_file(path, publish=publish, actor=actor).version


def import_catalog_upload(*, name: str, content: bytes, actor: Any = None) -> ImportResult:
    """An office upload: always a new draft of the file's code (next version number), to review
    and publish in the app. `same_as` names an existing version with identical content, if any."""
    data = read_catalog_bytes(name, content)
    same_as = identical_version(data)
    version = catalog_create_from_data(data=data, publish=False, actor=actor, origin="upload")
    return ImportResult(version=version, created=True, same_as=same_as)
