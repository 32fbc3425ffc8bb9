"""Evidence files: accepted by content (not name), at most 10 MB, stored privately, served only
through the access-checked view."""

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import Workbook

from tusoi.remediation.models import ProgressEntry
from tusoi.remediation.storage import private_storage

from .conftest import Env, member_plan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
REFUSED = "chỉ nhận tệp PDF, JPEG, PNG, Word (.docx) và Excel (.xlsx)"


def _docx() -> bytes:
    out = io.BytesIO()
    document = Document()
    document.add_paragraph("Minh chứng")
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Minh chứng"
    workbook.save(out)
    return out.getvalue()


def _zip_without_office_parts() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    return out.getvalue()


def _post(env: Env, item_pk: int, name: str, content: bytes) -> Any:
    return env.client("member_a").post(
        reverse("remediation:item", args=[item_pk]),
        {"on": date.today().isoformat(), "note": "Đã thực hiện", "evidence": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type"),
    [
        ("bao-cao.pdf", PDF, "pdf", "application/pdf"),
        ("anh.png", PNG, "png", "image/png"),
        ("anh.jpg", JPEG, "jpeg", "image/jpeg"),
        ("anh-that-ra-la-png.pdf", PNG, "png", "image/png"),  # the content decides, not the name
        ("ke-hoach.docx", _docx(), "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("so-lieu.xlsx", _xlsx(), "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_accepted_kinds_are_stored_privately_and_served_by_the_view(
    env: Env, media: Path, name: str, content: bytes, kind: str, content_type: str
) -> None:
    _plan, item = member_plan(env, "member_a", "MARKER-EVIDENCE")
    response = _post(env, item.pk, name, content)
    assert response.status_code == 302
    entry = ProgressEntry.objects.get()
    assert (entry.evidence_type, entry.evidence_name, entry.evidence_size) == (kind, name, len(content))
    stored = Path(entry.evidence.path)
    assert stored.is_relative_to(media / "private")
    assert name not in stored.name  # stored under a random name
    served = env.client("member_a").get(reverse("remediation:evidence", args=[entry.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == content_type
    assert served["Content-Disposition"].startswith("attachment")
    assert "no-store" in served["Cache-Control"]
    assert b"".join(served.streaming_content) == content  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("chuong-trinh.pdf", b"MZ\x90\x00 an executable named .pdf"),
        ("ghi-chu.png", b"plain text pretending to be an image"),
        ("trang.docx", b"<html><script>alert(1)</script></html>"),
        ("nen.docx", _zip_without_office_parts()),
        ("rong.pdf", b""),
    ],
)
def test_wrong_types_are_refused_with_a_clear_message(env: Env, media: Path, name: str, content: bytes) -> None:
    _plan, item = member_plan(env, "member_a", "x")
    response = _post(env, item.pk, name, content)
    assert response.status_code == 200
    body = response.content.decode()
    assert REFUSED in body or (content == b"" and "Tập tin được gửi là rỗng." in body)
    assert not ProgressEntry.objects.exists()
    assert not (media / "private").exists() or not any((media / "private").rglob("*.*"))


def test_oversized_files_are_refused(env: Env, media: Path) -> None:
    _plan, item = member_plan(env, "member_a", "x")
    response = _post(env, item.pk, "lon.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert response.status_code == 200
    assert "Tệp lớn hơn 10 MB" in response.content.decode()
    assert not ProgressEntry.objects.exists()


def test_a_note_keeps_what_was_typed_when_the_file_is_refused(env: Env, media: Path) -> None:
    _plan, item = member_plan(env, "member_a", "x")
    response = env.client("member_a").post(
        reverse("remediation:item", args=[item.pk]),
        {
            "on": date.today().isoformat(),
            "note": "Ghi chú không được mất",
            "evidence": SimpleUploadedFile("a.pdf", b"x"),
        },
    )
    assert "Ghi chú không được mất" in response.content.decode()


def test_private_files_have_no_url() -> None:
    with pytest.raises(ValueError, match="no URL"):
        private_storage.url("remediation/x.pdf")
