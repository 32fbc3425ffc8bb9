"""The form over a catalogue of the real size (111 indicators): renders in a bounded number of
queries, and the page with everything it loads stays within the weight budget of issues 3 and 9
(HTML + CSS + JS ≤ 150 KB as sent, ≤ 40 KB compressed)."""

import gzip
import re

from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tusoi.catalog.synthetic import build_synthetic_catalog
from tusoi.testing import Org

from .conftest import make_round

PAGE_BUDGET = 150_000  # bytes: the HTML and every stylesheet and script it loads
COMPRESSED_BUDGET = 40_000  # the same, each file gzip-compressed
HTML_BUDGET = 65_000  # the HTML alone, so that a regression shows where it comes from
ASSET_RE = re.compile(r'<(?:link rel="stylesheet" href|script src)="/static/([^"]+)"')


def page_weight(html: bytes) -> tuple[int, int, list[str]]:
    """(bytes, gzip bytes, asset paths) of the page and the stylesheets and scripts it loads."""
    assets = ASSET_RE.findall(html.decode())
    files = [html]
    for asset in assets:
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as f:
            files.append(f.read())
    return sum(map(len, files)), sum(len(gzip.compress(f, 6)) for f in files), assets


def test_111_indicator_form_renders_lean(org: Org) -> None:
    catalog = build_synthetic_catalog(indicators=111, code="SYN-111")
    _, reviews = make_round(org, catalog)
    client = org.client_for("member_a")
    url = reverse("reviews:review_edit", args=[reviews["member_a"].pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r'<fieldset class="ind', html)) == 111 + 2  # indicators + blank rows
    assert html.count('type="radio"') == 333
    assert html.count('name="m-') == 0  # nothing answered yet: no measure fields
    size, compressed, assets = page_weight(response.content)
    print(f"\n111-indicator form: {len(response.content):,} B HTML; page {size:,} B, {compressed:,} B gzip; {assets}")  # noqa: T201
    assert len(response.content) < HTML_BUDGET
    assert size <= PAGE_BUDGET
    assert compressed <= COMPRESSED_BUDGET
    assert not any("bootstrap" in a or "htmx" in a for a in assets)
    assert len(queries) <= 25
