"""The roster file format: its columns and how a cell becomes member data.

The columns are those of the Party member database export, with their Vietnamese headers fixed as a
file format (like the catalogue's workbook), so they are not translated. On reading, headers are
matched without regard to case or diacritics, and a few usual variants and the English keys are
accepted; when a required column is not found the user maps the columns by hand.

Cells: dates are day first ("09/03/2025", also 9-3-2025, 09.03.2025 and 2025-03-09) or Excel date
cells; gender "Nam" / "Nữ"; the membership "Chính thức" / "Dự bị" (optional: without it a member
without a full-membership date is probationary).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tusoi.core.spreadsheets import cell_text
from tusoi.core.text import fold
from tusoi.org.models import Gender, Member, normalize_card_number


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # written by the export, shown in the mapping step
    aliases: tuple[str, ...] = ()
    required: bool = False


COLUMNS = (
    Column("full_name", "Họ và tên", ("họ tên", "họ và tên đảng viên", "full name"), required=True),
    Column("birth_date", "Ngày sinh", ("ngày tháng năm sinh", "date of birth")),
    Column("gender", "Giới tính", ("giới",)),
    Column("card_number", "Số thẻ đảng viên", ("số thẻ", "số thẻ đảng", "card number"), required=True),
    Column("branch", "Mã chi bộ", ("mã đơn vị", "branch code", "branch_code"), required=True),
    Column("admitted_on", "Ngày vào Đảng", ("ngày kết nạp", "ngày kết nạp đảng", "date of admission")),
    Column("full_member_on", "Ngày chính thức", ("ngày công nhận chính thức", "ngày đảng viên chính thức")),
    Column("membership", "Loại đảng viên", ("đảng viên dự bị", "dự bị", "is_probationary")),
    Column("email", "E-mail", ("email", "thư điện tử", "địa chỉ e-mail")),
    Column("position", "Chức vụ", ("chức vụ chính quyền", "position")),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
DATE_KEYS = ("birth_date", "admitted_on", "full_member_on")
# Written by the export beside the branch code, ignored on import.
BRANCH_NAME_HEADER = "Tên chi bộ"
PROBATIONARY, FULL = "Dự bị", "Chính thức"
GENDER_LABELS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}

_GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "male": Gender.MALE, "female": Gender.FEMALE}
_MEMBERSHIP = {
    "du bi": True,
    "x": True,
    "co": True,
    "yes": True,
    "true": True,
    "1": True,
    "chinh thuc": False,
    "khong": False,
    "no": False,
    "false": False,
    "0": False,
}
_DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_EXCEL_EPOCH = date(1899, 12, 30)
_MIN_SERIAL, _MAX_SERIAL = (date(1910, 1, 1) - _EXCEL_EPOCH).days, (date(2200, 1, 1) - _EXCEL_EPOCH).days


def _folded_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.key, column.header, *column.aliases):
            names.setdefault(fold(name).replace("_", " "), column.key)
    return names


_NAMES = _folded_names()


def match_headers(headers: list[str]) -> dict[str, int]:
    """{field key: column index} for the headers recognised (the first column wins a repeated one)."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _NAMES.get(fold(header).replace("_", " "))
        if key and key not in mapping:
            mapping[key] = index
    return mapping


def missing_required(mapping: dict[str, int]) -> list[Column]:
    return [c for c in COLUMNS if c.required and c.key not in mapping]


# ----------------------------------------------------------------------------------------- cells


class CellError(ValueError):
    """A cell that cannot be read; the message is for the user."""


def parse_date(value: Any) -> date | None:
    """A day-first date, an ISO date, or an Excel date cell (or its serial number)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Excel serial days (a date cell that lost its format), from 1910: a bare year such as 1980
        # is refused rather than read as a day of 1905.
        if _MIN_SERIAL <= value < _MAX_SERIAL:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError(_("“%(value)s” is not a date") % {"value": cell_text(value)})
    text = cell_text(value)
    if not text:
        return None
    match = _DATE_RE.match(text)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (iso := _ISO_RE.match(text)):
        parts = (iso.group(1), iso.group(2), iso.group(3))
    try:
        if parts is None:
            raise ValueError(text)
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError as exc:
        raise CellError(
            _("“%(value)s” is not a valid date (write it day first, dd/mm/yyyy)") % {"value": text}
        ) from exc


def parse_gender(value: Any) -> str:
    text = cell_text(value)
    if not text:
        return ""
    gender = _GENDERS.get(fold(text))
    if gender is None:
        raise CellError(_("the gender “%(value)s” is neither “Nam” nor “Nữ”") % {"value": text})
    return gender


def parse_membership(value: Any) -> bool | None:
    """True for a probationary member, False for a full member, None when the cell is empty."""
    text = cell_text(value)
    if not text:
        return None
    if isinstance(value, bool):
        return value
    flag = _MEMBERSHIP.get(fold(text))
    if flag is None:
        raise CellError(_("the membership “%(value)s” is neither “Chính thức” nor “Dự bị”") % {"value": text})
    return flag


def parse_card(value: Any) -> str:
    card = normalize_card_number(cell_text(value))
    if not card:
        raise CellError(_("the party card number is empty"))
    if not re.fullmatch(r"\d{8,12}", card):
        raise CellError(
            _("the party card number “%(value)s” is invalid (8 to 12 digits)") % {"value": cell_text(value)}
        )
    return card


_EMAIL_FIELD = Member._meta.get_field("email")


def parse_email(value: Any) -> str:
    """An address the member's e-mail field accepts (its own validators: the form and the length)."""
    text = cell_text(value)
    if not text:
        return ""
    try:
        _EMAIL_FIELD.run_validators(text)
    except ValidationError as exc:
        raise CellError(_("the e-mail address “%(value)s” is invalid") % {"value": text}) from exc
    return text


def parse_text(value: Any) -> str:
    return cell_text(value)


def membership_label(is_probationary: bool) -> str:
    return PROBATIONARY if is_probationary else FULL
