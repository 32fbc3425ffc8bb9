"""The catalogue as an Excel workbook (openpyxl), read and written in one fixed layout.

Sheets: "Thông tin" (key/value rows), "Thang đo" (levels), "Biểu hiện" (one row per indicator:
group code and title, manifestation code, number, text status, text, indicator code and text, and
the manifestation's sources, one per line). The sheet and column names are a file format, fixed in
Vietnamese like the forms the office fills, so they are not translated; on reading, headers are
matched without regard to case or diacritics, and the machine keys (group_code …) work too.

Reading: the container has already been checked by `importers.check_xlsx_container`; formulas are
refused (a catalogue holds text). Writing: every string is stored as a string, so a text such as
"=SUM(A1)" stays literal instead of becoming a formula (STACK, Excel).
"""

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from tusoi.core.text import fold

from .models import TextStatus
from .schema import (
    MAX_INDICATORS,
    CatalogData,
    GroupData,
    IndicatorData,
    LevelData,
    Location,
    ManifestationData,
    clean_text,
    validate_catalog_data,
)

logger = logging.getLogger(__name__)

INFO_SHEET, SCALE_SHEET, ROWS_SHEET = "Thông tin", "Thang đo", "Biểu hiện"
MAX_ROWS = MAX_INDICATORS + 100
YES, NO = "Có", "Không"

# (machine key, header written in the file)
INFO_KEYS = [
    ("code", "Mã danh mục"),
    ("title", "Tên danh mục"),
    ("source_document", "Văn bản nguồn"),
    ("verified_against_official_text", "Đã đối chiếu với văn bản chính thức"),
    ("verified_by", "Người đối chiếu"),
    ("verified_on", "Ngày đối chiếu"),
    ("note", "Ghi chú"),
]
INFO_ONLY = [("version", "Phiên bản"), ("status", "Trạng thái")]  # written for the reader, ignored on import
SCALE_COLUMNS = [("code", "Mã mức độ"), ("label", "Tên mức độ")]
ROW_COLUMNS = [
    ("group_code", "Mã nhóm"),
    ("group_title", "Tên nhóm"),
    ("manifestation_code", "Mã biểu hiện"),
    ("number", "Số thứ tự"),
    ("text_status", "Tình trạng văn bản"),
    ("manifestation_text", "Nội dung biểu hiện"),
    ("indicator_code", "Mã biểu hiện cụ thể"),
    ("indicator_text", "Nội dung biểu hiện cụ thể"),
    ("sources", "Nguồn trích dẫn"),
]
OPTIONAL_COLUMNS = {"sources"}


def _names(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Folded header or key → machine key."""
    out = {}
    for key, header in pairs:
        out[fold(key)] = key
        out[fold(header)] = key
    return out


# ----------------------------------------------------------------------------------------- reading


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return clean_text(value)


@dataclass
class _Sheet:
    name: str
    rows: list[tuple[int, list[Any]]]  # (row number, values) of non-empty rows


class _Reader:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.fatal = False  # a sheet or column is missing: checking the content would only add noise

    def error(self, sheet: str, row: int | None, reason: str) -> None:
        self.errors.append(Location(row=row, sheet=sheet).message(reason))

    def sheet(self, workbook: Any, name: str) -> _Sheet | None:
        wanted = fold(name)
        for worksheet in workbook.worksheets:
            if fold(worksheet.title) == wanted:
                return _Sheet(name, list(self._rows(worksheet, name)))
        self.error(name, None, _("the sheet “%(sheet)s” is missing") % {"sheet": name})
        self.fatal = True
        return None

    def _rows(self, worksheet: Any, name: str) -> Iterator[tuple[int, list[Any]]]:
        # The <dimension> a file declares may be wrong: read every row that is really there.
        worksheet.reset_dimensions()
        for number, cells in enumerate(worksheet.iter_rows(), 1):
            if number > MAX_ROWS:
                self.error(name, number, _("too many rows (at most %(limit)s)") % {"limit": MAX_ROWS})
                return
            values: list[Any] = []
            for cell in cells:
                if getattr(cell, "data_type", None) == "f":
                    self.error(name, number, _("a cell holds a formula; enter plain text"))
                    values.append(None)
                else:
                    values.append(cell.value)
            if any(_cell_text(v) for v in values):
                yield number, values

    def header(self, sheet: _Sheet, pairs: list[tuple[str, str]]) -> dict[str, int] | None:
        """Machine key → column index, from the sheet's first row; errors for missing columns."""
        if not sheet.rows:
            self.error(sheet.name, None, _("the sheet is empty"))
            self.fatal = True
            return None
        row_number, values = sheet.rows[0]
        known = _names(pairs)
        columns = {}
        for index, value in enumerate(values):
            key = known.get(fold(_cell_text(value)))
            if key and key not in columns:
                columns[key] = index
        missing = [header for key, header in pairs if key not in columns and key not in OPTIONAL_COLUMNS]
        for header in missing:
            self.error(sheet.name, row_number, _("the column “%(column)s” is missing") % {"column": header})
        self.fatal = self.fatal or bool(missing)
        return None if missing else columns


def _get(values: list[Any], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return _cell_text(values[index]) if index is not None and index < len(values) else ""


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _status_code(value: str) -> str:
    """A text status given as its code or its label (Vietnamese or English)."""
    if not value:
        return ""
    wanted = fold(value)
    for choice in TextStatus:
        labels = {fold(choice.value)}
        for language in ("vi", "en"):
            with translation.override(language):
                labels.add(fold(str(choice.label)))
        if wanted in labels:
            return choice.value
    return value


def _parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(_cell_text(value), fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def _read_info(reader: _Reader, sheet: _Sheet) -> CatalogData:
    known = _names(INFO_KEYS)
    found: dict[str, tuple[int, Any]] = {}
    for row_number, values in sheet.rows:
        key = known.get(fold(_cell_text(values[0]))) if values else None
        if key:
            found[key] = (row_number, values[1] if len(values) > 1 else None)

    def text(key: str) -> str:
        return _cell_text(found[key][1]) if key in found else ""

    data = CatalogData(
        code=text("code"),
        title=text("title"),
        source_document=text("source_document"),
        verified_by=text("verified_by"),
        note=text("note"),
        at=Location(row=found["code"][0] if "code" in found else None, sheet=INFO_SHEET),
    )
    verified = found.get("verified_against_official_text")
    if verified is not None:
        value = verified[1]
        flag = fold(_cell_text(value))
        if value is True or flag in {fold(YES), "yes", "true", "x", "1"}:
            data.verified = True
        elif not (value is False or flag in {fold(NO), "no", "false", "", "0"}):
            reader.error(INFO_SHEET, verified[0], _("write “Có” or “Không” for the verification"))
    if found.get("verified_on") and _cell_text(found["verified_on"][1]):
        try:
            data.verified_on = _parse_date(found["verified_on"][1])
        except ValueError:
            reader.error(INFO_SHEET, found["verified_on"][0], _("the date of the check must be dd/mm/yyyy"))
    return data


def _read_levels(reader: _Reader, sheet: _Sheet) -> list[LevelData]:
    columns = reader.header(sheet, SCALE_COLUMNS)
    if columns is None:
        return []
    return [
        LevelData(
            code=_get(values, columns, "code"),
            label=_get(values, columns, "label"),
            at=Location(row=row_number, sheet=SCALE_SHEET),
        )
        for row_number, values in sheet.rows[1:]
    ]


class _RowsReader:
    """Builds groups and manifestations from the indicator rows. A row with a group code defines
    (or repeats) its manifestation; a row with only a manifestation code refers to one defined on
    another row. Repeated details must agree; blank ones are taken from the defining row."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.groups: dict[str, GroupData] = {}
        self.items: dict[str, ManifestationData] = {}
        self.item_group: dict[str, str] = {}
        self.pending: list[tuple[str, IndicatorData]] = []

    def error(self, at: Location, reason: str) -> None:
        self.reader.errors.append(at.message(reason))

    def row(self, at: Location, get: Any) -> None:
        code = get("manifestation_code")
        if not code:
            self.error(at, _("the manifestation code is empty"))
            return
        if get("group_code"):
            self.define(at, get, code)
        elif any(get(k) for k in ("group_title", "number", "text_status", "manifestation_text", "sources")):
            self.error(at, _("the group code is empty"))
        indicator_code, indicator_text = get("indicator_code"), get("indicator_text")
        if indicator_code or indicator_text:
            self.pending.append((code, IndicatorData(code=indicator_code, text=indicator_text, at=at)))

    def define(self, at: Location, get: Any, code: str) -> None:
        group_code, group_title = get("group_code"), get("group_title")
        group = self.groups.get(group_code)
        if group is None:
            group = self.groups[group_code] = GroupData(code=group_code, title=group_title, at=at)
        elif group_title and group.title and group_title != group.title:
            self.error(
                at, _("group %(code)s has another title on row %(row)s") % {"code": group_code, "row": group.at.row}
            )
        elif group_title:
            group.title = group_title
        text = get("manifestation_text")
        fields = {
            "number": _number(get("number")),
            "text_status": _status_code(get("text_status")) or ("missing" if not text else ""),
            "text": text,
            "sources": [s.strip() for s in get("sources").splitlines() if s.strip()],
        }
        item = self.items.get(code)
        if item is None:
            item = ManifestationData(code=code, at=at, **fields)
            self.items[code], self.item_group[code] = item, group_code
            group.manifestations.append(item)
            return
        if self.item_group[code] != group_code:
            self.error(
                at,
                _("manifestation %(code)s is already in group %(group)s (row %(row)s)")
                % {"code": code, "group": self.item_group[code], "row": item.at.row},
            )
        for name, value in fields.items():
            if value in ("", None, []):
                continue
            if getattr(item, name) in ("", None, []):
                setattr(item, name, value)
            elif getattr(item, name) != value:
                self.error(
                    at,
                    _("manifestation %(code)s differs from row %(row)s (%(column)s)")
                    % {"code": code, "row": item.at.row, "column": dict(ROW_COLUMNS)[_COLUMN_OF[name]]},
                )

    def finish(self) -> list[GroupData]:
        for code, indicator in self.pending:
            item = self.items.get(code)
            if item is None:
                self.error(
                    indicator.at,
                    _("indicator %(indicator)s belongs to manifestation %(code)s, which no row defines with its group")
                    % {"indicator": indicator.code or "?", "code": code},
                )
            else:
                item.indicators.append(indicator)
        return list(self.groups.values())


_COLUMN_OF = {"number": "number", "text_status": "text_status", "text": "manifestation_text", "sources": "sources"}


def _read_rows(reader: _Reader, sheet: _Sheet) -> list[GroupData]:
    columns = reader.header(sheet, ROW_COLUMNS)
    if columns is None:
        return []
    builder = _RowsReader(reader)
    for row_number, values in sheet.rows[1:]:
        builder.row(Location(row=row_number, sheet=ROWS_SHEET), lambda key, v=values: _get(v, columns, key))
    return builder.finish()


def read_xlsx(content: bytes) -> CatalogData:
    """Parse and validate a catalogue workbook; raise ValidationError listing every problem."""
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same here
        logger.info("catalogue workbook refused: %s", exc)
        raise ValidationError(_("The file is not a valid Excel workbook (.xlsx).")) from exc
    try:
        reader = _Reader()
        info, scale, rows = (reader.sheet(workbook, name) for name in (INFO_SHEET, SCALE_SHEET, ROWS_SHEET))
        if info is None or scale is None or rows is None:
            raise ValidationError(reader.errors)
        data = _read_info(reader, info)
        data.levels = _read_levels(reader, scale)
        data.groups = _read_rows(reader, rows)
    finally:
        workbook.close()
    if reader.fatal:
        raise ValidationError(reader.errors)
    errors = reader.errors + validate_catalog_data(data)
    if errors:
        raise ValidationError(errors)
    return data


# ----------------------------------------------------------------------------------------- writing


def _put(sheet: Worksheet, row: int, column: int, value: Any, *, bold: bool = False) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
    else:
        cell.value = value
    if bold:
        cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_table(sheet: Worksheet, header: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    for column, title in enumerate(header, 1):
        _put(sheet, 1, column, title, bold=True)
    for row_number, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            _put(sheet, row_number, column, value)
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = width
    sheet.freeze_panes = "A2"


def write_xlsx(data: CatalogData, *, version: str = "", status: str = "") -> bytes:
    """The catalogue as a workbook in the layout `read_xlsx` reads back to the same content."""
    workbook = Workbook()
    info = workbook.active
    assert info is not None
    info.title = INFO_SHEET
    values = {
        "code": data.code,
        "title": data.title,
        "source_document": data.source_document,
        "verified_against_official_text": YES if data.verified else NO,
        "verified_by": data.verified_by,
        "verified_on": data.verified_on.strftime("%d/%m/%Y") if data.verified_on else "",
        "note": data.note,
    }
    rows = [[header, values[key]] for key, header in INFO_KEYS]
    rows += [[header, value] for (_key, header), value in zip(INFO_ONLY, (version, status), strict=True) if value]
    _write_table(info, ["Thông tin", "Giá trị"], rows, [38, 90])
    _write_table(
        workbook.create_sheet(SCALE_SHEET),
        [h for _k, h in SCALE_COLUMNS],
        [[lv.code, lv.label] for lv in data.levels],
        [16, 30],
    )
    lines = []
    for group in data.groups:
        for item in group.manifestations:
            common = [group.code, group.title, item.code, item.number, item.text_status, item.text]
            sources = "\n".join(item.sources)
            for indicator in item.indicators or [IndicatorData(code="")]:
                lines.append([*common, indicator.code, indicator.text, sources])
    _write_table(
        workbook.create_sheet(ROWS_SHEET), [h for _k, h in ROW_COLUMNS], lines, [9, 30, 12, 9, 14, 60, 14, 60, 40]
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
