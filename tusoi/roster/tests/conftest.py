"""Roster test helpers: files in the Party member database layout, uploads through HTTP, the worker."""

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from tusoi.jobs.testing import run_worker
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


def xlsx_bytes(rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(
    rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS, *, delimiter: str = ",", bom: bool = True
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def upload(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[..., Any]:
    """Upload a file as a user, then run the queued jobs (the dry run) with the real worker."""

    def do(client: Client, name: str, content: bytes, *, run: bool = True) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("roster:upload"), {"file": SimpleUploadedFile(name, content)})
        if run:
            run_worker()
        return response

    return do


@pytest.fixture
def post_and_run(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[..., Any]:
    """POST (e.g. "apply"), let the transaction commit its enqueued jobs, run them."""

    def do(client: Client, url: str, data: dict[str, Any] | None = None) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data or {})
        run_worker()
        return response

    return do


def latest_import() -> RosterImport:
    return RosterImport.objects.order_by("-pk").first()  # type: ignore[return-value]


def errors_by_row(roster_import: RosterImport) -> dict[int, list[str]]:
    return {row["row"]: row["errors"] for row in roster_import.report if row["errors"]}
