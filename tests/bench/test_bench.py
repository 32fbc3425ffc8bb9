"""The benchmark's own pieces (issue 9), small and fast: a tiny province built with its bulk
inserts (tallies equal to the stats app's own recount), the submission it sends is a complete
self-review, the roll-up measurement runs, and the figures and report come out right. The bench
itself (`make bench`) is not part of the test suite."""

import json
from argparse import Namespace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl

from django.http import QueryDict

from bench import figures, province, report, rollup, scaling, submissions
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
    assert not (tmp_path / "scaling.md").exists()  # no PostgreSQL figures: no national arithmetic


def _cost(name: str, web: float, database: float, wal: float) -> figures.Figure:
    extra = {"web_ms": web, "database_ms": database, "wal_kb": wal, "other_transactions": 0}
    return figures.Figure(name, web + database, "ms", None, "postgresql", extra=extra)


def test_national_arithmetic_from_the_run(tmp_path: Path) -> None:
    measured = [
        _cost("server CPU per submission (web workers + database)", 10.0, 5.0, 40.0),
        figures.Figure("submissions per second", 100.0, "/s", ">= 200", "postgresql"),
        _cost("server CPU per autosave", 8.0, 2.0, 2.0),
        figures.Figure("autosaves per second", 150.0, "/s", None, "postgresql"),
        _cost("server CPU per floor request", 4.0, 1.0, 0.3),
        figures.Figure("framework floor (authenticated POST, one INSERT)", 300.0, "/s", None, "postgresql"),
        figures.Figure("form page render (111 indicators)", 20.0, "ms", "<= 50", "postgresql"),
        figures.Figure("peak RSS of a web worker", 100.0, "MB", "<= 150", "postgresql"),
    ]
    reads = {"ms": 50.0, "query_ms": 20.0}
    phases = [
        {"vendor": "postgresql", "members": 500_000, "rollup": {"dashboard": reads, "api": reads}, "database_bytes": 0}
    ]
    a = scaling.Assumptions()
    nat = scaling.National(a, scaling.Cost(10.0, 5.0, 40.0, 100.0), scaling.Cost(8.0, 2.0, 2.0, 150.0), 20.0, 30.0)
    assert abs(nat.peak - 42.875) < 1e-9  # 5.6 M × 0.35 × 1.05 / 2 days × 15 % / 3,600 s
    web, database = nat.cores(40)
    # 1,715 autosaves/s × 8 ms + 42.9/s × 10 ms + 171.5 forms/s × 20 ms + 20 reads/s × 30 ms
    assert round(web, 1) == round((42.875 * 40 * 8 + 42.875 * 10 + 42.875 * 4 * 20 + 20 * 30) / 1000, 1)
    assert round(database, 2) == round((42.875 * 40 * 2 + 42.875 * 5) / 1000, 2)
    when = datetime(2026, 11, 27, 12, tzinfo=UTC)
    path = scaling.write_scaling(measured, phases, when, tmp_path)
    assert path is not None
    text = path.read_text()
    assert "run of 27/11/2026 12:00 UTC" in text
    assert f"**{web:.0f}** | **{database:.0f}**" in text  # the busy cores row
    assert "≈ **1,715 autosaves/s**" in text
    assert "measured 33.3 % (15.0 ms against 5.0 ms of" in text
