"""One phase of the bench, in its own process (Django is configured once per process, for one
database): create the database, migrate, build the province, measure, write the results as JSON.

    python -m bench.phase --vendor sqlite --name main --members 50000 --kind main --out results.json

`--kind main` runs every measurement (the web server is started for the HTTP ones); `--kind
rollup` builds a province only to time the roll-up reads."""

import argparse
import json
import os
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _setup(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def _server_version(connection: Any) -> str:
    if connection.vendor == "sqlite":
        return "SQLite " + ".".join(map(str, connection.Database.sqlite_version_info))
    return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"


def _say(message: str) -> None:
    print(message, flush=True)  # noqa: T201 - the bench reports its progress on the console


def run(args: argparse.Namespace) -> dict[str, Any]:
    from . import databases

    url = databases.recreate(args.vendor, args.name)
    _setup(url)
    from django.core.management import call_command
    from django.db import connection

    from . import province, rollup

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("migrate", run_syncdb=True, verbosity=0)  # then the floor's table (it refers to users)
    out: dict[str, Any] = {"vendor": args.vendor, "members": args.members, "build": {}, "figures": []}
    out["build"]["migrate"] = round(time.monotonic() - started, 1)
    _say(f"  {args.vendor} {args.members:,} members: migrated in {out['build']['migrate']} s; building")
    built = province.build_province(args.members, open_accounts=args.accounts, fast=args.kind != "main", progress=_say)
    out["build"].update(built.seconds)
    out["build"]["total"] = round(time.monotonic() - started, 1)
    out["database_bytes"] = databases.size_on_disk(args.vendor, args.name)
    out["server_version"] = _server_version(connection)
    _say("  roll-up reads")
    out["rollup"] = _guarded(out, "roll-up", lambda: rollup.measure(built.bloc, built.campaign, built.bloc_office))
    if args.kind == "main":
        _main_measurements(args, url, built, out)
    if not args.keep:
        connection.close()
        databases.drop(args.vendor, args.name)
    return out


def _cpu_times() -> list[int]:
    """The machine's CPU time so far (/proc/stat): user, nice, system, idle, iowait, irq, softirq, steal."""
    return [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]


def _cpu_shares(before: list[int], after: list[int]) -> dict[str, float]:
    """How the machine's CPU went during the HTTP measurements, in % (busy includes other work)."""
    d = [b - a for a, b in zip(before, after, strict=True)]
    total = sum(d) or 1
    return {
        "busy": round(100 * (d[0] + d[1] + d[2] + d[5] + d[6]) / total, 1),
        "idle": round(100 * (d[3] + d[4]) / total, 1),
        "steal": round(100 * d[7] / total, 1),
    }


def _guarded(out: dict[str, Any], name: str, measure: Callable[[], Any]) -> Any:
    """Run one measurement; a failure is recorded (and reported) instead of ending the phase."""
    try:
        return measure()
    except Exception as exc:  # any failure of one measurement is reported; the others go on
        traceback.print_exc()
        out.setdefault("errors", []).append(f"{name}: {type(exc).__name__}: {exc}"[:500])
        return [] if name != "roll-up" else None


def _main_measurements(args: argparse.Namespace, url: str, built: Any, out: dict[str, Any]) -> None:
    """The HTTP measurements against gunicorn, then the documents and the roster import."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from . import autosave, databases, documents, form_page, roster_import, server, submissions

    call_command("collectstatic", interactive=False, verbosity=0)
    reviews = built.open_reviews
    member_user = get_user_model().objects.filter(member__reviews__id=reviews[0]).first()
    floor_users = list(get_user_model().objects.filter(member__reviews__id__in=reviews[-200:]))
    log = databases.WORK / f"gunicorn-{args.name}.log"
    connection.close()
    out["load_average_before"] = os.getloadavg()
    cpu_before = _cpu_times()
    with server.serve(url, workers=args.workers, log=log) as web:
        database_cpu = server.DatabaseCpu(url)

        def cpu() -> tuple[float, float, float, int]:
            return web.cpu_seconds(), database_cpu(), server.wal_bytes(url), server.other_transactions(url)

        _say(f"  gunicorn on {web.url} ({args.workers} workers): the form page")
        out["figures"] += _guarded(
            out, "form page", lambda: form_page.measure(web.port, reviews[0], member_user, database=args.vendor)
        )
        _say("  autosaves")
        out["figures"] += _guarded(
            out,
            "autosaves",
            lambda: autosave.measure(
                web.port, reviews[-700:-200], built.catalog, seconds=args.seconds, database=args.vendor, cpu=cpu
            ),
        )
        _say("  floor and submissions")
        out["figures"] += _guarded(
            out,
            "submissions",
            lambda: submissions.measure(
                web.port,
                reviews[1:-700],
                built.catalog,
                floor_users,
                seconds=args.seconds,
                database=args.vendor,
                cpu=cpu,
            ),
        )
        out["worker_peak_rss"] = web.peak_rss()
    out["load_average_after"] = os.getloadavg()
    out["cpu_shares"] = _cpu_shares(cpu_before, _cpu_times())
    _say("  documents")
    out["figures"] += _guarded(out, "documents", lambda: documents.measure(built, database=args.vendor))
    _say("  roster import")
    out["figures"] += _guarded(out, "roster import", lambda: roster_import.measure(database=args.vendor))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.phase")
    parser.add_argument("--vendor", choices=("sqlite", "postgresql"), required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--members", type=int, required=True)
    parser.add_argument("--kind", choices=("main", "rollup"), default="main")
    parser.add_argument("--accounts", type=int, default=12_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    result = run(args)
    figures = result["figures"]
    result["figures"] = [f.as_json() for f in figures]
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
