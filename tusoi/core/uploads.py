"""Checks every uploaded file passes before anything parses it (STACK trap 7).

Never trust a file's name or declared type. The size is checked first; then the content must be what
the extension says:

- a workbook (.xlsx) must be a zip with the parts of a workbook; its entry count and the uncompressed
  size its entries declare are bounded (zipfile never inflates an entry past its declared size, so the
  declared sum bounds the work: a zip bomb is refused without inflating it); and no XML part may carry
  a document type declaration, the only place XML entities are declared (billion laughs, external
  entities). openpyxl then parses through defusedxml as a second line of defence.
- a text file (.csv) must be UTF-8 (a byte-order mark is allowed) and contain no binary bytes. Legacy
  Vietnamese encodings (Windows-1258, TCVN3, VNI) cannot be told apart reliably from their bytes, and a
  wrong guess silently garbles names, so they are refused with a hint to save as "CSV UTF-8".

Every refusal is a ValidationError with a message for the user; all checks are linear in the file.
"""

import io
import re
import zipfile
import zlib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024
XLSX_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
# A DTD can only come before the root element; a prolog (declaration, comments) this long is not a
# spreadsheet's.
_PROLOG_LIMIT = 64 * 1024
_PROLOG_ITEM = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")  # zip (xlsx, docx), old Office, PDF
# Damaged, encrypted or oddly compressed archives: all mean "not a workbook" here.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
    EOFError,
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def suffix_of(name: str) -> str:
    """The lower-case extension of a file name, with its dot ("" when there is none)."""
    return Path(name or "").suffix.lower()


def check_size(size: int, limit: int) -> None:
    """Refuse a file larger than `limit` bytes (a whole number of MB)."""
    if size > limit:
        raise ValidationError(_("The file is larger than %(size)s MB.") % {"size": limit // MB}, code="too_large")


def _not_xlsx() -> ValidationError:
    return ValidationError(_("The file is not a valid Excel workbook (.xlsx)."), code="not_xlsx")


def check_xlsx_container(content: bytes, *, max_entries: int, max_unzipped: int) -> None:
    """Refuse what is not a reasonable XLSX zip, without decompressing more than the XML prologs."""
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise _not_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            _check_entries(entries, max_entries=max_entries, max_unzipped=max_unzipped)
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels", ".vml")):
                    _check_prolog(archive, entry)
    except _ZIP_ERRORS as exc:
        raise _not_xlsx() from exc


def _check_entries(entries: list[zipfile.ZipInfo], *, max_entries: int, max_unzipped: int) -> None:
    if len(entries) > max_entries:
        raise ValidationError(
            _("The workbook has %(count)s parts; at most %(limit)s are accepted.")
            % {"count": len(entries), "limit": max_entries},
            code="zip_entries",
        )
    if sum(entry.file_size for entry in entries) > max_unzipped:
        raise ValidationError(
            _("The workbook would take more than %(size)s MB once uncompressed.") % {"size": max_unzipped // MB},
            code="zip_size",
        )
    names = {entry.filename for entry in entries}
    if any(part not in names for part in XLSX_REQUIRED_PARTS):
        raise _not_xlsx()


def _check_prolog(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Refuse an XML part that declares a document type (where entities would be declared)."""
    with archive.open(entry) as part:
        head = part.read(_PROLOG_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at it as UTF-8 bytes
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    position = 0
    while match := _PROLOG_ITEM.match(head, position):
        position = match.end()
    rest = head[position:].lstrip()
    if rest.startswith(b"<!"):  # <!DOCTYPE (any spelling a parser might still take)
        raise ValidationError(
            _(
                "The workbook contains a document type declaration (DTD), which a spreadsheet never needs; "
                "it was refused for safety."
            ),
            code="xml_dtd",
        )
    if not rest and len(head) >= _PROLOG_LIMIT:
        raise _not_xlsx()


def decode_text(content: bytes) -> str:
    """The content of a text file (.csv) as a string: UTF-8, with or without a byte-order mark."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(
            _("The file is UTF-16 text. In Excel, save it as “CSV UTF-8 (Comma delimited)”."), code="utf16"
        )
    if content.startswith(_BINARY_MAGIC) or b"\x00" in content:
        raise ValidationError(
            _("The file is named .csv but its content is not text (is it an Excel workbook? use .xlsx)."),
            code="binary",
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _(
                "The file is not UTF-8 text (on row %(row)s). In Excel, save it as “CSV UTF-8 (Comma delimited)”; "
                "files in older Vietnamese encodings (TCVN3, VNI, Windows-1258) are not accepted."
            )
            % {"row": content[: exc.start].count(b"\n") + 1},
            code="encoding",
        ) from exc
    if _CONTROL_CHARS.search(text):
        raise ValidationError(
            _("The file is named .csv but its content is not text (is it an Excel workbook? use .xlsx)."),
            code="binary",
        )
    return text
