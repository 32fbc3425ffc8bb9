"""Spreadsheets in and out, written once for every app's lists: .xlsx and .csv.

Writing: user text never becomes a formula. In a workbook every string is stored as a string cell
(openpyxl would otherwise take "=…" for a formula) and dates are real date cells shown dd/mm/yyyy; in
CSV a text starting with = + - @ tab or carriage return gets a leading apostrophe (the OWASP rule for
CSV injection) and dates are written dd/mm/yyyy. CSV is UTF-8 with a byte-order mark, so Excel shows
Vietnamese correctly.

Reading: `read_table` checks the upload (tusoi.core.uploads) and gives the header row and the non-empty
rows of the first sheet (or of the CSV, whose delimiter , ; or tab is detected), with their row numbers
as a spreadsheet shows them. Cell values stay raw (str, int, float, date, datetime, bool) for the
caller to interpret; a formula cell is reported, not evaluated.
"""

import contextlib
import csv
import io
import itertools
import logging
import re
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from . import uploads

logger = logging.getLogger(__name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "DD/MM/YYYY"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# ----------------------------------------------------------------------------------------- writing


def safe_cell(value: Any) -> str:
    """One value as CSV text that a spreadsheet shows literally (never a formula)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV file (UTF-8 with BOM, comma, CRLF) of `headers` and `rows`, every cell through `safe_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_cell(sheet: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # a string, whatever it starts with: never a formula
    elif isinstance(value, datetime | date):
        cell = WriteOnlyCell(sheet, value=value.date() if isinstance(value, datetime) else value)
        cell.number_format = XLSX_DATE_FORMAT
    else:
        cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_bytes(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str = "Sheet1",
    widths: Sequence[int] | None = None,
) -> bytes:
    """A one-sheet workbook (streamed, so large lists stay in little memory) with a bold header row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for column, width in enumerate(widths or [], 1):
        sheet.column_dimensions[_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_cell(sheet, h, bold=True) for h in headers])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """Mark `response` as a download named `filename` (an ASCII fallback plus the UTF-8 name)."""
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-") or "download"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{escape_uri_path(filename)}"
    )
    return response


def csv_response(rows: Iterable[Sequence[Any]], headers: Sequence[str], filename: str) -> HttpResponse:
    return attachment(HttpResponse(csv_bytes(headers, rows), content_type=CSV_TYPE), filename)


def xlsx_response(
    rows: Iterable[Sequence[Any]], headers: Sequence[str], filename: str, *, sheet_title: str = "Sheet1"
) -> HttpResponse:
    content = xlsx_bytes(headers, rows, sheet_title=sheet_title)
    return attachment(HttpResponse(content, content_type=XLSX_TYPE), filename)


# ----------------------------------------------------------------------------------------- reading

XLSX, CSV = ".xlsx", ".csv"


@dataclass
class Table:
    """The header row and the non-empty rows below it, each with its row number in the file."""

    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    formula_rows: set[int] = field(default_factory=set)  # rows where a cell holds a formula


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_zip_entries: int = 200
    max_unzipped: int = 100 * uploads.MB


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as trimmed text: 12.0 → "12", a date → dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime(DATE_FORMAT)
    return " ".join(str(value).split())


def read_table(
    name: str,
    content: bytes,
    limits: Limits,
    *,
    header_only: bool = False,
    header_score: Callable[[list[str]], int] | None = None,
) -> Table:
    """Check and read an uploaded .xlsx or .csv; ValidationError with a clear message otherwise.

    The header row is the first non-empty row, or, with `header_score`, the one among the first
    HEADER_SEARCH that scores best (title rows above a table's header are skipped). With
    `header_only`, reading stops at the header row (every safety check still runs).
    """
    uploads.check_size(len(content), limits.max_bytes)
    suffix = uploads.suffix_of(name)
    if suffix == XLSX:
        uploads.check_xlsx_container(content, max_entries=limits.max_zip_entries, max_unzipped=limits.max_unzipped)
        rows = _xlsx_rows(content)
    elif suffix == CSV:
        rows = _csv_rows(uploads.decode_text(content))
    else:
        raise ValidationError(_("Unsupported file type: use an .xlsx or .csv file."), code="file_type")
    with contextlib.closing(rows):
        table = _fill(rows, limits, header_only, header_score)
    if table is None:
        raise ValidationError(_("The file is empty."), code="empty")
    return table


HEADER_SEARCH = 20
RowData = tuple[int, list[Any], bool]  # (row number, values, holds a formula)


def _fill(
    rows: Generator[RowData], limits: Limits, header_only: bool, header_score: Callable[[list[str]], int] | None
) -> Table | None:
    filled = (row for row in rows if not all(is_blank(v) for v in row[1]))
    head = list(itertools.islice(filled, HEADER_SEARCH if header_score else 1))
    if not head:
        return None
    index = _header_index(head, header_score)
    table = Table(header_row=head[index][0], headers=[cell_text(v) for v in head[index][1]])
    if header_only:
        return table
    for number, values, has_formula in itertools.chain(head[index + 1 :], filled):
        if len(table.rows) >= limits.max_rows:
            raise ValidationError(
                _("The file has more than %(limit)s rows; split it into smaller files.") % {"limit": limits.max_rows},
                code="too_many_rows",
            )
        table.rows.append((number, values))
        if has_formula:
            table.formula_rows.add(number)
    return table


def _header_index(head: list[RowData], score: Callable[[list[str]], int] | None) -> int:
    if score is None:
        return 0
    scores = [score([cell_text(v) for v in values]) for _number, values, _formula in head]
    best = max(range(len(head)), key=lambda i: (scores[i], -i))  # the best score, the earliest row
    return best if scores[best] > 0 else 0


def _xlsx_rows(content: bytes) -> Generator[RowData]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same here
        logger.info("workbook refused: %s", exc)
        raise ValidationError(_("The file is not a valid Excel workbook (.xlsx)."), code="not_xlsx") from exc
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return
        sheet.reset_dimensions()  # the <dimension> a file declares may be wrong: read every row there is
        for number, cells in enumerate(sheet.iter_rows(), 1):
            values = [getattr(cell, "value", None) for cell in cells]
            has_formula = any(getattr(cell, "data_type", None) == "f" for cell in cells)
            yield number, values, has_formula
    except ValidationError:
        raise
    except Exception as exc:  # a damaged sheet part
        logger.info("worksheet refused: %s", exc)
        raise ValidationError(_("The file is not a valid Excel workbook (.xlsx)."), code="not_xlsx") from exc
    finally:
        workbook.close()


def _csv_rows(text: str) -> Generator[RowData]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, 1):
            yield number, values, False
    except csv.Error as exc:
        raise ValidationError(
            _("The CSV file is malformed near row %(row)s.") % {"row": reader.line_num}, code="csv"
        ) from exc
