"""The benchmark's own pieces (issue 9), small and fast: a tiny province built with its bulk
inserts (tallies equal to the stats app's own recount), the submission it sends is a complete
self-review, the roll-up measurement runs, and the figures and report come out right. The bench
itself (`make bench`) is not part of the test suite."""

import json
from argparse import Namespace
from pathlib import Path
from urllib.parse import parse_qsl

from django.http import QueryDict

from bench import figures, province, report, rollup, submissions
from tusoi.reviews.forms import parse_review_post
from tusoi.reviews.structure import catalog_structure
from tusoi.reviews.validation import clean_draft, completeness_errors
from tusoi.stats.rebuild import rebuild_tallies


def test_tiny_province_submission_body_and_rollup(db: None) -> None:
    built = province.build_province(120, open_accounts=20, fast=True, progress=lambda _m: None)
    assert built.open_reviews and built.submitted_review
    assert rebuild_tallies(campaign=built.campaign, check=True).differences == []
    post = QueryDict(mutable=True)
    for key, value in parse_qsl(submissions.submission_body(built.catalog).decode(), keep_blank_values=True):
        post.appendlist(key, value)
    structure = catalog_structure(built.catalog)
    data = clean_draft(parse_review_post(post, structure), structure)
    assert len(data["answers"]) == 111
    assert completeness_errors(data, structure) == {}
    measured = rollup.measure(built.bloc, built.campaign, built.bloc_office, samples=1)
    assert measured["dashboard"]["queries"] > 0 and measured["api"]["ms"] > 0


def test_figures_and_report(tmp_path: Path) -> None:
    assert figures.percentile([1, 2, 3, 4], 50) == 2.5
    assert figures.Figure("x", 120, "/s", ">= 200").met is False
    assert figures.Figure("y", 40, "ms", "<= 50").met is True
    assert figures.Figure("z", 1, "ms").met is None
    rollup_at = {"ms": 10.0, "p10": 9.0, "p90": 11.0, "queries": 7}
    phases = [
        {
            "vendor": "sqlite",
            "members": size,
            "build": {"total": 1.0},
            "rollup": {"dashboard": {**rollup_at, "ms": ms}, "api": rollup_at},
            "figures": [],
            "worker_peak_rss": [100 * 1024 * 1024] if size == 5000 else [],
        }
        for size, ms in ((5000, 10.0), (500000, 30.0))
    ]
    args = Namespace(members=5000, rollup="5000,500000", databases="sqlite", seconds=1, workers=1)
    path, made = report.write_report(phases, args, 60, tmp_path)
    names = {f.name: f for f in made}
    assert names["Bloc dashboard time, 500,000 / 5,000 members"].value == 3.0
    assert names["Bloc dashboard time, 500,000 / 5,000 members"].met is False
    assert names["peak RSS of a web worker"].value == 100.0
    written = json.loads((tmp_path / "performance.json").read_text())
    assert {"name", "value", "unit", "target", "met"} <= set(written[0])
    assert "missed" in path.read_text()
