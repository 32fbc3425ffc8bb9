"""Requests a target as a persona and reads everything the response carries: body, headers, and the
parts of .docx/.xlsx/.zip files (nested archives too)."""

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponseBase
from django.test import Client

from .spec import Target


def _archive_text(content: bytes, depth: int = 0) -> str:
    parts = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            parts.append(info.filename)
            if data[:2] == b"PK" and depth < 3:
                parts.append(_archive_text(data, depth + 1))
            else:
                parts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(parts)


def response_text(response: HttpResponseBase) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
    if content[:2] == b"PK":
        body = _archive_text(content)
        assert body, "an archive with nothing in it"
    else:
        body = content.decode("utf-8", errors="replace")
    return f"{headers}\n{body}"


@dataclass
class Answer:
    status: int
    location: str
    text: str


def fetch(client: Client, target: Target, *, htmx: bool = False) -> Answer:
    extra: dict[str, Any] = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    if target.method == "get":
        response = client.get(target.url, **extra)
    elif not target.api:
        response = client.post(target.url, {}, **extra)
    else:
        call = getattr(client, target.method)
        response = call(target.url, target.body, content_type="application/json", **extra)
    return Answer(response.status_code, response.headers.get("Location", ""), response_text(response))
