"""The form over a catalogue of the real size (111 indicators): renders, within a size budget, in
a bounded number of queries."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tusoi.catalog.synthetic import build_synthetic_catalog
from tusoi.testing import Org

from .conftest import make_round

HTML_BUDGET = 100_000  # bytes of HTML; Bootstrap subset CSS and htmx come on top (see the report)


def test_111_indicator_form_renders_lean(org: Org) -> None:
    catalog = build_synthetic_catalog(indicators=111, code="SYN-111")
    _, reviews = make_round(org, catalog)
    client = org.client_for("member_a")
    url = reverse("reviews:review_edit", args=[reviews["member_a"].pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r'<fieldset class="ind card', html)) == 111 + 2  # indicators + blank rows
    assert html.count('type="radio"') == 333
    size = len(response.content)
    print(f"\n111-indicator form: {size:,} bytes of HTML, {len(queries)} queries")  # noqa: T201
    assert size < HTML_BUDGET
    assert len(queries) <= 25
