"""Evidence files attached to progress entries: what is accepted, decided by the content, not the name.

Accepted: PDF, JPEG, PNG, Word (.docx) and Excel (.xlsx), at most 10 MB. The type is read from the
first bytes (magic numbers); a .docx or .xlsx must be a zip holding the parts of that kind of
document, with its entry count and declared uncompressed size bounded (tusoi.core.uploads). The file
is stored under a random name in the private storage; the name the user gave is kept for display only.
"""

import io
import uuid
import zipfile
import zlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from tusoi.core.uploads import MB, check_xlsx_container

MAX_SIZE = 10 * MB
MAX_ZIP_ENTRIES = 2_000
MAX_UNZIPPED = 100 * MB
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError, OSError)


@dataclass(frozen=True)
class FileKind:
    code: str
    extension: str
    content_type: str


PDF = FileKind("pdf", ".pdf", "application/pdf")
JPEG = FileKind("jpeg", ".jpg", "image/jpeg")
PNG = FileKind("png", ".png", "image/png")
DOCX = FileKind("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
KINDS = {kind.code: kind for kind in (PDF, JPEG, PNG, DOCX, XLSX)}


def _refused() -> ValidationError:
    return ValidationError(
        _(
            "This file cannot be attached: only PDF, JPEG, PNG, Word (.docx) and Excel (.xlsx) files are "
            "accepted, and the content of this one is none of these (whatever its name)."
        ),
        code="file_type",
    )


def _zip_kind(content: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise _refused() from exc
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names:
        raise _refused()
    if "xl/workbook.xml" in names:
        check_xlsx_container(content, max_entries=MAX_ZIP_ENTRIES, max_unzipped=MAX_UNZIPPED)
        return XLSX
    if "word/document.xml" in names:
        if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNZIPPED:
            raise ValidationError(
                _("This Word document is too large once uncompressed to be accepted."), code="zip_size"
            )
        return DOCX
    raise _refused()


def detect_kind(content: bytes) -> FileKind:
    """The kind of file the bytes are, or a ValidationError with a message for the user."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    raise _refused()


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, ready to be saved under a random name."""

    content: ContentFile
    kind: FileKind
    original_name: str
    size: int


def _check_size(size: int) -> None:
    if size > MAX_SIZE:
        raise ValidationError(
            _("This file is larger than %(size)s MB: attach a smaller file (at most %(size)s MB).")
            % {"size": MAX_SIZE // MB},
            code="too_large",
        )


def check_evidence(upload: UploadedFile) -> CheckedFile:
    """Size first (before reading), then the content's type."""
    _check_size(upload.size or 0)
    upload.seek(0)
    content = upload.read(MAX_SIZE + 1)
    _check_size(len(content))
    kind = detect_kind(content)
    original = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200] or kind.code
    return CheckedFile(ContentFile(content, name=f"{uuid.uuid4().hex}{kind.extension}"), kind, original, len(content))
