"""Fixtures for bulletin tests: posts at known times, pictures built byte by byte, media in tmp."""

import struct
import zlib
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tusoi.bulletin.models import Post, PostStatus

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A real (tiny) PNG picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xb7\x1c\x1c" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def jpeg_bytes(width: int = 640, height: int = 480) -> bytes:
    """The segments of a baseline JPEG up to its frame header, then a scan and the end marker."""
    app0 = b"\xff\xe0" + (16).to_bytes(2, "big") + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + (17).to_bytes(2, "big") + b"\x08" + height.to_bytes(2, "big") + width.to_bytes(2, "big")
    sof0 += b"\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xda\x00\x02" + b"\x00" * 32 + b"\xff\xd9"


def webp_bytes(width: int = 300, height: int = 200) -> bytes:
    """A lossless WebP header (VP8L) with its dimensions."""
    bits = (width - 1) | ((height - 1) << 14)
    payload = b"\x2f" + bits.to_bytes(4, "little") + b"\x00" * 11
    body = b"WEBP" + b"VP8L" + len(payload).to_bytes(4, "little") + payload
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HCM)


def make_post(**fields: Any) -> Post:
    """A post written straight to the table (services are tested on their own)."""
    values: dict[str, Any] = {
        "title": "Đảng ủy Khối tổ chức hội nghị",
        "slug": "dang-uy-khoi-to-chuc-hoi-nghi",
        "body": "Nội dung tin.",
        "status": PostStatus.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    values.update(fields)
    return Post.objects.create(**values)


def make_posts(count: int, start: datetime | None = None) -> list[Post]:
    """`count` published posts, one a day going back from `start`, titled "Tin số n" (n=1 oldest)."""
    start = start or local(2024, 6, 30, 8, 0)
    return [
        make_post(title=f"Tin số {n}", slug=f"tin-so-{n}", published_at=start - timedelta(days=count - n))
        for n in range(1, count + 1)
    ]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
