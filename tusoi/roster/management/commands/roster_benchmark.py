"""`manage.py roster_benchmark [--rows 10000] [--format csv|xlsx] [--campaign]`: time a roster import.

Inside one transaction that is rolled back at the end (the database is left as it was): a bloc with
50 branches, a file of new members, then the same members with every birth date changed. Prints the
wall and CPU time of reading the header, the dry run and the application, and rows per second.
With --campaign, a round is open on those branches, so the new members are enrolled too.
"""

import csv
import io
import time
from argparse import ArgumentParser
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from openpyxl import Workbook

from tusoi.org.models import Sector, UnitKind
from tusoi.org.services import unit_create
from tusoi.roster import services
from tusoi.roster.models import RosterImport

HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số thẻ đảng viên",
    "Mã chi bộ",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "E-mail",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc", "Ngọc", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Lan", "Linh", "Nam", "Phương", "Quân", "Thảo", "Trang", "Tuấn"]


class Rollback(Exception):  # noqa: N818
    pass


def _rows(count: int, codes: list[str], shift: int) -> list[list[Any]]:
    rows = []
    for n in range(count):
        name = f"{FAMILY[n % 12]} {MIDDLE[n // 12 % 8]} {GIVEN[n // 96 % 14]}"
        born = date(1960, 1, 1) + timedelta(days=(n * 37) % 12000 + shift)
        admitted = born + timedelta(days=365 * 25)
        rows.append(
            [
                name,
                born,
                "Nam" if n % 2 else "Nữ",
                f"{90_000_000 + n:010d}",
                codes[n % len(codes)],
                admitted,
                admitted + timedelta(days=365),
                f"dv{n}@example.vn",
            ]
        )
    return rows


def _file(fmt: str, rows: list[list[Any]]) -> bytes:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        writer.writerows([[v.strftime("%d/%m/%Y") if isinstance(v, date) else v for v in row] for row in rows])
        return ("\ufeff" + out.getvalue()).encode()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Time a roster import of N rows (created, then updated) in a transaction that is rolled back."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--branches", type=int, default=50)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--campaign", action="store_true", help="Open a round on the branches first.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                self.run(options)
                raise Rollback
        except Rollback:
            self.stdout.write("(rolled back: the database is unchanged)")

    def timed(self, label: str, rows: int, work: Callable[[], Any]) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        self.stdout.write(f"{label:<28} {wall:7.2f} s wall {cpu:7.2f} s CPU  {rows / wall:8.0f} rows/s")
        return result

    def run(self, options: dict[str, Any]) -> None:
        count, fmt = options["rows"], options["format"]
        bloc = unit_create(parent=None, code="BENCH", name="Khối thử tốc độ", kind=UnitKind.BLOC, sector=Sector.OTHER)
        codes = [
            unit_create(
                parent=bloc,
                code=f"BENCH-{n:03d}",
                name=f"Chi bộ thử {n}",
                kind=UnitKind.BRANCH,
                sector=Sector.ENTERPRISE,
            ).code
            for n in range(options["branches"])
        ]
        if options["campaign"]:
            self.open_round(bloc)
        owner = get_user_model().objects.create_user(username="bench-roster", is_superuser=True)
        self.stdout.write(f"{connection.vendor}, {count} rows, {fmt}, {len(codes)} branches")
        for label, shift in (("new members", 0), ("every birth date changed", 1)):
            content = _file(fmt, _rows(count, codes, shift))
            self.stdout.write(f"-- {label} ({len(content) / 1024 / 1024:.1f} MB)")
            imp: RosterImport = self.timed(
                "upload (header)",
                count,
                partial(services.roster_import_upload, owner=owner, filename=f"x.{fmt}", content=content),
            )
            self.timed("dry run", count, partial(services.roster_import_check, roster_import=imp))
            plan = self.timed(
                "apply (plan again + write)", count, partial(services.roster_import_apply, roster_import=imp)
            )
            self.stdout.write(f"   {services.summary(plan.counts)}")

    def open_round(self, bloc: Any) -> None:
        from tusoi.campaigns.services import campaign_create, campaign_publish
        from tusoi.catalog.models import CatalogStatus, CatalogVersion

        catalog = CatalogVersion.objects.filter(status=CatalogStatus.PUBLISHED).first()
        if catalog is None:
            raise CommandError("--campaign needs a published catalogue (manage.py loaddemo loads one)")
        today = date.today()
        campaign = campaign_create(
            issuer=bloc,
            plan_number="99-KH/BENCH",
            title="Thử tốc độ",
            year=today.year,
            period="Quý IV",
            catalog=catalog,
            target_sectors=[Sector.ENTERPRISE],
            target_scopes=["grassroots", "affiliated"],
            self_review_due=today + timedelta(days=10),
            draft_due=today + timedelta(days=17),
            consultation_due=today + timedelta(days=24),
            meeting_due=today + timedelta(days=31),
            report_due=today + timedelta(days=38),
        )
        campaign_publish(campaign=campaign)
