"""The roster as a spreadsheet: members (the import's columns, so an export can be imported back) and
units. Pure functions of a selector's rows, written by `tusoi.core.spreadsheets` (no formula can come
from user text). Headers and values are the Vietnamese file format of `columns`."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone, translation

from tusoi.core.spreadsheets import csv_bytes, xlsx_bytes
from tusoi.org.models import Member, Unit

from . import columns

MEMBERS, UNITS = "members", "units"
XLSX, CSV = "xlsx", "csv"

MEMBER_HEADERS = [
    columns.COLUMN_BY_KEY["full_name"].header,
    columns.COLUMN_BY_KEY["birth_date"].header,
    columns.COLUMN_BY_KEY["gender"].header,
    columns.COLUMN_BY_KEY["card_number"].header,
    columns.COLUMN_BY_KEY["branch"].header,
    columns.BRANCH_NAME_HEADER,
    columns.COLUMN_BY_KEY["admitted_on"].header,
    columns.COLUMN_BY_KEY["full_member_on"].header,
    columns.COLUMN_BY_KEY["membership"].header,
    columns.COLUMN_BY_KEY["email"].header,
    columns.COLUMN_BY_KEY["position"].header,
]
MEMBER_WIDTHS = [28, 12, 9, 18, 14, 36, 14, 14, 13, 28, 24]
UNIT_HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại tổ chức",
    "Loại hình",
    "Mã đơn vị cấp trên",
    "Ký hiệu",
    "Đang hoạt động",
    "Số đảng viên",
]
UNIT_WIDTHS = [14, 40, 24, 24, 18, 10, 14, 12]


def member_rows(members: Iterable[Member]) -> Iterator[list[Any]]:
    """One row per member (with `branch` selected), in MEMBER_HEADERS order."""
    for m in members:
        yield [
            m.full_name,
            m.birth_date,
            columns.GENDER_LABELS.get(m.gender, ""),  # type: ignore[call-overload]
            m.card_number,
            m.branch.code if m.branch else "",
            m.branch.name if m.branch else "",
            m.admitted_on,
            m.full_member_on,
            columns.membership_label(m.is_probationary),
            m.email,
            m.position,
        ]


def unit_rows(units: Iterable[Unit], parent_codes: dict[str, str], members: dict[int, int]) -> Iterator[list[Any]]:
    """One row per unit, in UNIT_HEADERS order; labels in Vietnamese whatever the page language."""
    with translation.override("vi"):
        for u in units:
            yield [
                u.code,
                u.name,
                str(u.get_kind_display()),
                str(u.get_sector_display()),
                parent_codes.get(u.path[: -Unit.steplen], ""),
                u.symbol,
                "Có" if u.is_active else "Không",
                members.get(u.pk, 0),
            ]


def write(what: str, fmt: str, rows: Iterable[list[Any]]) -> tuple[bytes, str]:
    """The file's content and name ("danh-sach-dang-vien-2025-03-09.xlsx")."""
    headers, widths, stem, title = (
        (MEMBER_HEADERS, MEMBER_WIDTHS, "danh-sach-dang-vien", "Đảng viên")
        if what == MEMBERS
        else (UNIT_HEADERS, UNIT_WIDTHS, "danh-sach-to-chuc-dang", "Tổ chức đảng")
    )
    filename = f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == CSV:
        return csv_bytes(headers, rows), filename
    return xlsx_bytes(headers, rows, sheet_title=title, widths=widths), filename
