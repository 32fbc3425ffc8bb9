"""The probe reads what a reader would: nested archives (a .zip of .docx files), and headers."""

import io
import zipfile

from django.http import FileResponse, HttpResponse

from .probe import response_text
from .spec import LOGIN, Target


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_markers_inside_a_docx_inside_a_zip_are_found() -> None:
    docx = _zip({"word/document.xml": b"<w:t>MK-member_a-review-causes-0badc0de</w:t>"})
    response = FileResponse(io.BytesIO(_zip({"reports/a.docx": docx})), filename="x.zip")
    assert "MK-member_a-review-causes-0badc0de" in response_text(response)


def test_headers_are_read_too() -> None:
    response = HttpResponse(b"")
    response["Content-Disposition"] = 'attachment; filename="MK-member_b-item-result-12345678.docx"'
    assert "MK-member_b-item-result-12345678" in response_text(response)


def test_expected_status_of_a_target() -> None:
    target = Target("/x/", frozenset({"member_a"}), {"secretary_a": 302})
    assert target.expected("member_a") == 200
    assert target.expected("member_b") == 404
    assert target.expected("secretary_a") == 302
    assert target.expected("anonymous") == LOGIN
    assert Target("/api/", api=True).expected("anonymous") == 401
    assert Target("/open/").expected("member_b") is None
