"""Is this upload really a JPEG, PNG or WebP picture? Read from its content, never from its name.

Without an imaging library, the file's structure is parsed far enough to find its dimensions: a file
that merely starts with the right bytes (or an HTML page renamed `.jpg`) is refused. SVG and GIF are
not accepted (SVG can carry scripts).
"""

from dataclasses import dataclass

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_SIDE = 12_000  # pixels: larger pictures are not photographs for a news page

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SOI = b"\xff\xd8\xff"
# Start-of-frame markers (baseline, progressive, lossless…) carry the picture's dimensions.
JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# Markers without a length field.
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD9)}


class NotAnImageError(ValueError):
    """The content is not a complete JPEG, PNG or WebP picture."""


@dataclass(frozen=True)
class ImageInfo:
    content_type: str
    extension: str
    width: int
    height: int


def sniff_image(data: bytes) -> ImageInfo:
    """The picture's type and dimensions, or NotAnImageError."""
    if data.startswith(PNG_SIGNATURE):
        info = _png(data)
    elif data.startswith(JPEG_SOI):
        info = _jpeg(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        info = _webp(data)
    else:
        raise NotAnImageError("unknown format")
    if not (0 < info.width <= MAX_SIDE and 0 < info.height <= MAX_SIDE):
        raise NotAnImageError("dimensions out of range")
    return info


def _png(data: bytes) -> ImageInfo:
    if data[12:16] != b"IHDR" or len(data) < 33:
        raise NotAnImageError("no PNG header chunk")
    # A complete PNG ends with the IEND chunk (an interrupted upload does not).
    if data[-8:-4] != b"IEND":
        raise NotAnImageError("truncated PNG")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return ImageInfo("image/png", "png", width, height)


def _jpeg(data: bytes) -> ImageInfo:
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise NotAnImageError("bad JPEG marker")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in JPEG_STANDALONE:
            i += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image or start of scan before any frame header
            break
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if length < 2:
            raise NotAnImageError("bad JPEG segment")
        if marker in JPEG_SOF:
            if i + 9 > len(data):
                break
            height = int.from_bytes(data[i + 5 : i + 7], "big")
            width = int.from_bytes(data[i + 7 : i + 9], "big")
            return ImageInfo("image/jpeg", "jpg", width, height)
        i += 2 + length
    raise NotAnImageError("no JPEG frame header")


def _webp(data: bytes) -> ImageInfo:
    if int.from_bytes(data[4:8], "little") + 8 > len(data):
        raise NotAnImageError("truncated WebP")
    chunk = data[12:16]
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width = int.from_bytes(data[26:28], "little") & 0x3FFF
        height = int.from_bytes(data[28:30], "little") & 0x3FFF
    elif chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    elif chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
    else:
        raise NotAnImageError("unknown WebP chunk")
    return ImageInfo("image/webp", "webp", width, height)
