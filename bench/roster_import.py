"""Measurement 5: a roster import of 10,000 new members (a CSV in the Party database export's
columns) through the roster app's own services, as its background jobs run them: upload (checks
and header), dry run (every row planned against the roster) and apply (all rows in one
transaction). The figure is rows per second over the three."""

import csv
import io
import time
from datetime import date

from django.contrib.auth import get_user_model

from tusoi.org.models import Unit, UnitKind

from .figures import Figure

ROWS = 10_000
HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số thẻ đảng viên",
    "Mã chi bộ",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "E-mail",
]


def roster_csv(branch_codes: list[str], rows: int = ROWS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for i in range(rows):
        born, admitted = date(1975 + i % 25, 1 + i % 12, 1 + i % 28), date(2005 + i % 15, 1 + i % 12, 1 + i % 28)
        writer.writerow(
            [
                f"Nguyễn Văn Nhập {i}",
                born.strftime("%d/%m/%Y"),
                "Nam" if i % 2 else "Nữ",
                f"{8_100_000_000 + i}",
                branch_codes[i % len(branch_codes)],
                admitted.strftime("%d/%m/%Y"),
                date(admitted.year + 1, admitted.month, admitted.day).strftime("%d/%m/%Y"),
                f"nhap{i}@example.vn",
            ]
        )
    return out.getvalue().encode()


def measure(*, database: str, rows: int = ROWS) -> list[Figure]:
    from tusoi.roster import services

    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    codes = list(
        Unit.objects.filter(kind=UnitKind.BRANCH, code__startswith="CB")
        .order_by("code")
        .values_list("code", flat=True)[:200]
    )
    content = roster_csv(codes, rows)
    started = time.perf_counter()
    upload = services.roster_import_upload(owner=admin, filename="danh-sach-dang-vien.csv", content=content)
    uploaded = time.perf_counter()
    services.roster_import_check(roster_import=upload)
    checked = time.perf_counter()
    upload.refresh_from_db()
    plan = services.roster_import_apply(roster_import=upload)
    applied = time.perf_counter()
    assert plan is not None, "the import was applied already"
    assert plan.counts.get("create") == rows, plan.counts
    total = applied - started
    note = (
        f"{rows:,} new members: upload {uploaded - started:.1f} s, dry run {checked - uploaded:.1f} s, "
        f"apply {applied - checked:.1f} s"
    )
    return [Figure("roster import", round(rows / total), "rows/s", ">= 2000", database, "", note)]
