"""Measurement 2: the member's 111-indicator form: server time to answer the page (sequential
requests over loopback, so the time is the server's plus well under a millisecond of socket), and
the bytes of the HTML and of every stylesheet and script it loads, as served (the assets as the
server sends them to a browser that accepts gzip; the HTML compressed with gzip -6, as a reverse
proxy would: Django itself does not compress pages that carry a CSRF token)."""

import gzip
import re
import time
from typing import Any

from . import load
from .figures import Figure, median, spread_of
from .sessions import cookie_header, write_sessions

SAMPLES = 60
ASSET_RE = re.compile(r'<(?:link rel="stylesheet" href|script src)="(/static/[^"]+)"')


def measure(port: int, review_id: int, user: Any, *, database: str) -> list[Figure]:
    key = write_sessions([user])[user.pk]
    page = load.Job("GET", f"/reviews/{review_id}/edit/", b"", {"Cookie": cookie_header(key)})
    for _ in range(5):
        load.send(port, page)
    times: list[float] = []
    html = b""
    for _ in range(SAMPLES):
        started = time.perf_counter()
        response, html = load.send(port, page)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, response.status
    assert html.count(b'type="radio"') >= 333, "not the 111-indicator form"
    plain, packed = len(html), len(gzip.compress(html, 6))
    assets: dict[str, tuple[int, int]] = {}
    for path in ASSET_RE.findall(html.decode()):
        _r, body = load.send(port, load.Job("GET", path, b"", {}))
        response, gz = load.send(port, load.Job("GET", path, b"", {"Accept-Encoding": "gzip"}))
        sent_gz = gz if response.getheader("Content-Encoding") == "gzip" else gzip.compress(body, 6)
        assets[path] = (len(body), len(sent_gz))
    total = plain + sum(a for a, _g in assets.values())
    total_gz = packed + sum(g for _a, g in assets.values())
    listing = {"html": [plain, packed], **{p: list(v) for p, v in assets.items()}}
    return [
        Figure(
            "form page render (111 indicators)",
            round(median(times), 1),
            "ms",
            "<= 50",
            database,
            spread_of(times),
            f"{SAMPLES} sequential requests",
        ),
        Figure(
            "form page bytes (HTML + CSS + JS)",
            round(total / 1000, 1),
            "KB",
            "<= 150",
            database,
            "",
            "",
            {"files": listing},
        ),
        Figure("form page bytes compressed", round(total_gz / 1000, 1), "KB", "<= 40", database),
    ]
