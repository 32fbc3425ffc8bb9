"""docs/performance.md and docs/performance.json from the phases' results: the figures of each
phase, the roll-up compared across sizes, the workers' peak memory, and the machine."""

import json
import os
import platform
import re
from argparse import Namespace
from datetime import datetime
from pathlib import Path
from typing import Any

import django

from .figures import Figure
from .scaling import write_scaling

VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
ROLLUP_READS = {"dashboard": "Bloc dashboard", "api": "statistics API"}


def machine() -> dict[str, str]:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else ""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s*(\d+)", meminfo.read_text())
        memory = f"{int(found.group(1)) / 1024 / 1024:.0f} GB" if found else ""
    return {
        "cpu": f"{os.cpu_count()} × {cpu}" if cpu else f"{os.cpu_count()} cores",
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def rollup_figures(phases: list[dict[str, Any]]) -> list[Figure]:
    """Per database and read: time at the largest size (< 100 ms), largest / smallest (≤ 2), and
    whether the number of queries stays the same at every size."""
    figures: list[Figure] = []
    for vendor in dict.fromkeys(p["vendor"] for p in phases):
        done = sorted((p for p in phases if p["vendor"] == vendor and p.get("rollup")), key=lambda p: p["members"])
        if len(done) < 2:
            continue
        small, large = done[0], done[-1]
        for key, label in ROLLUP_READS.items():
            sizes = ", ".join(f"{p['members']:,}: {p['rollup'][key]['ms']} ms" for p in done)
            counts = [p["rollup"][key]["queries"] for p in done]
            figures += [
                Figure(
                    f"{label} at {large['members']:,} members",
                    large["rollup"][key]["ms"],
                    "ms",
                    "<= 100",
                    vendor,
                    f"p10-p90 {large['rollup'][key]['p10']}-{large['rollup'][key]['p90']}",
                    sizes,
                    {"slowest_queries": large["rollup"][key].get("slowest", [])},
                ),
                Figure(
                    f"{label} time, {large['members']:,} / {small['members']:,} members",
                    round(large["rollup"][key]["ms"] / max(small["rollup"][key]["ms"], 0.1), 2),
                    "×",
                    "<= 2",
                    vendor,
                ),
                Figure(
                    f"{label} queries: largest minus smallest count over the sizes",
                    max(counts) - min(counts),
                    "queries",
                    "<= 0",
                    vendor,
                    "",
                    "queries at each size: " + ", ".join(map(str, counts)),
                ),
            ]
    return figures


def memory_figures(phases: list[dict[str, Any]]) -> list[Figure]:
    return [
        Figure(
            "peak RSS of a web worker",
            round(max(p["worker_peak_rss"]) / 1024 / 1024, 1),
            "MB",
            "<= 150",
            p["vendor"],
            "workers " + ", ".join(f"{x / 1024 / 1024:.0f}" for x in p["worker_peak_rss"]),
            "VmHWM of each gunicorn worker after the form, floor and submission runs",
        )
        for p in phases
        if p.get("worker_peak_rss")
    ]


def all_figures(phases: list[dict[str, Any]]) -> list[Figure]:
    figures = [Figure(**{k: v for k, v in f.items() if k != "met"}) for p in phases for f in p.get("figures", [])]
    return figures + memory_figures(phases) + rollup_figures(phases)


def _value(f: Figure) -> str:
    if f.unit == "×":
        return f"{f.value:,.2f} {f.unit}"
    return f"{f.value:,.1f} {f.unit}" if isinstance(f.value, float) else f"{f.value:,} {f.unit}"


def _miss(f: Figure) -> str:
    if f.met is None:
        return ""
    if f.met:
        return "met"
    limit = float(f.target.split(" ")[1]) if f.target else 0.0
    if limit == 0:
        return f"missed by {f.value:g} {f.unit}"
    share = abs(f.value - limit) / limit * 100
    return f"**missed** by {share:.0f} %"


def _table(figures: list[Figure]) -> list[str]:
    lines = ["| Figure | Database | Value | Spread | Target | Result |", "|---|---|---|---|---|---|"]
    for f in figures:
        target = (f.target or "").replace("<=", "≤").replace(">=", "≥")
        lines.append(
            f"| {f.name} | {VENDOR_NAMES.get(f.database, f.database)} | {_value(f)} | {f.spread} | "
            f"{target + ' ' + f.unit if target else ''} | {_miss(f)} |"
        )
    return lines


def _rollup_rows(phases: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| Database | Members | Build | Dashboard (p10-p90) | queries | in SQL | API (p10-p90) | queries | in SQL |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for p in sorted((p for p in phases if p.get("rollup")), key=lambda p: (p["vendor"], p["members"])):
        d, a = p["rollup"]["dashboard"], p["rollup"]["api"]
        lines.append(
            f"| {VENDOR_NAMES[p['vendor']]} | {p['members']:,} | {p['build'].get('total', '?')} s | "
            f"{d['ms']} ms ({d['p10']}-{d['p90']}) | {d['queries']} | {d.get('query_ms', '?')} ms | "
            f"{a['ms']} ms ({a['p10']}-{a['p90']}) | {a['queries']} | {a.get('query_ms', '?')} ms |"
        )
    return lines


def _builds(phases: list[dict[str, Any]]) -> list[str]:
    lines = []
    for p in phases:
        if "error" in p:
            lines.append(f"- {VENDOR_NAMES.get(p['vendor'], p['vendor'])}, {p['members']:,} members: **{p['error']}**")
            continue
        steps = "; ".join(f"{k} {v} s" for k, v in p["build"].items() if k != "total")
        size = p.get("database_bytes", 0) / 1024 / 1024
        lines.append(
            f"- {VENDOR_NAMES[p['vendor']]}, {p['members']:,} members: built in {p['build']['total']} s "
            f"({steps}); {size:,.0f} MB on disk; whole phase {p.get('seconds', '?')} s."
        )
        lines += [f"  - **failed**: {error}" for error in p.get("errors", [])]
    return lines


def write_report(
    phases: list[dict[str, Any]], args: Namespace, elapsed: float, folder: Path
) -> tuple[Path, list[Figure]]:
    figures = all_figures(phases)
    info = machine()
    when = datetime.now().astimezone()
    versions = sorted({p["server_version"] for p in phases if p.get("server_version")})
    loads = [
        f"{VENDOR_NAMES[p['vendor']]} {p['load_average_before'][0]:.1f} → {p['load_average_after'][0]:.1f}"
        + (
            f" (machine CPU busy {p['cpu_shares']['busy']} %, idle {p['cpu_shares']['idle']} %, "
            f"stolen by the host {p['cpu_shares']['steal']} %)"
            if p.get("cpu_shares")
            else ""
        )
        for p in phases
        if p.get("load_average_before")
    ]
    folder.mkdir(parents=True, exist_ok=True)
    stamp = {"date": when.isoformat(timespec="seconds"), "machine": f"{info['cpu']}, {info['memory']}"}
    (folder / "performance.json").write_text(
        json.dumps([{**f.as_json(), **stamp} for f in figures], ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    targeted = [f for f in figures if f.target is not None]
    missed = [f for f in targeted if not f.met]
    lines = [
        "# Performance (issue 9)",
        "",
        f"Measured by `make bench` (`python -m bench --members {args.members} --rollup {args.rollup} "
        f"{f'--rollup-sqlite {args.rollup_sqlite} ' if getattr(args, 'rollup_sqlite', None) else ''}"
        f"--databases {args.databases} "
        f"--seconds {args.seconds:g} --workers {args.workers}`) on "
        f"{when:%d/%m/%Y %H:%M %Z}, in {elapsed / 60:.1f} minutes. Generated: do not edit by hand; the "
        "reasons behind the figures and what they imply for the national case are in "
        "[scaling.md](scaling.md).",
        "",
        f"- Machine: {info['cpu']}; {info['memory']} RAM; {info['system']}; Python {info['python']}; "
        f"Django {info['django']}; databases: {', '.join(versions)}.",
        "- Server: gunicorn (sync workers) on 127.0.0.1 with the product's settings (bench/settings.py adds the "
        "floor view), the load generator (threads over http.client) on the same machine.",
        "- Load average (1 min) before → after the HTTP measurements: " + ("; ".join(loads) or "n/a") + ". "
        "The machine is shared: other work running at the same time lowers every throughput and raises every "
        "latency, while the CPU cost per request (measured from /proc) stays comparable.",
        f"- Targets: {len(targeted) - len(missed)} of {len(targeted)} met.",
        "",
        "## Targets",
        "",
        *_table(targeted),
        "",
        "## Other figures",
        "",
        *_table([f for f in figures if f.target is None]),
        "",
        "## Roll-up by province size",
        "",
        "The Bloc office reads its dashboard (`/stats/units/<bloc>/`) and the statistics API "
        "(`/api/v1/campaigns/<id>/stats`) for the whole province: median over 15 requests (p10-p90), "
        "through Django's full request handling in the measuring process.",
        "",
        *_rollup_rows(phases),
        "",
        "## Provinces built",
        "",
        *_builds(phases),
        "",
        "## What is measured",
        "",
        "- **Submissions**: each of 50 concurrent users signs in (a session row written by the bench) and POSTs "
        "their own 111-indicator form with `action=submit` (every indicator answered, five with a measure and a "
        "deadline, other shortcomings with one commitment): session, CSRF, policy, validation, draft saved, "
        "submission with its version and audit rows, answered by the redirect. Three rounds; the figure is the "
        "median rate. The floor is the same users POSTing to a bare authenticated view that INSERTs one row "
        "(bench/urls.py), on the same server and database, just before.",
        "- **Server CPU per request**: user + system time of the gunicorn workers and of the PostgreSQL backends "
        "serving the bench database, divided by the requests answered: what a request costs whatever else runs.",
        "- **Form page**: 60 sequential GETs of a not-started review's form; the bytes are the HTML and each "
        "stylesheet and script it loads, as served (assets gzip-compressed by WhiteNoise; the HTML compressed "
        "with gzip -6 as a reverse proxy would).",
        "- **Documents**: built 10 times each in the measuring process by the functions the download views call.",
        "- **Roster import**: 10,000 new members through the roster app's upload, dry run and apply services.",
        "- **Memory**: the peak resident memory (VmHWM) of each gunicorn worker after the HTTP runs.",
        "- **The provinces**: written in bulk, then vacuumed and analysed (`VACUUM ANALYZE` on PostgreSQL, "
        "`ANALYZE` on SQLite) as a database in service would be, so that the planner knows the tables' sizes and "
        "no autovacuum of the fresh tables runs during the measurements.",
        "",
    ]
    path = folder / "performance.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    write_scaling(figures, phases, when, folder)
    return path, figures
