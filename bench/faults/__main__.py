"""`python -m bench.faults` (`make faults`): the fault and load run of issue 8, under ~8 minutes.

    python -m bench.faults                       # every scenario, 60 s of load
    python -m bench.faults --seconds 20 --scenarios restart,load --keep
    python -m bench.faults --scenarios load --keep-others   # again one scenario, the others' figures kept

Builds the database `tusoi_bench_faults` on 127.0.0.1:5432 (dropped at the end unless --keep),
starts gunicorn and the job worker on loopback, runs the scenarios in turn, and writes
docs/reliability.md and docs/reliability.json. PostgreSQL is restarted once (scenario `restart`):
it is running again at the end whatever happens. The whole run stops after --limit seconds.
"""

import argparse
import json
import os
import signal
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from .. import databases, server
from . import postgres, processes

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ("restart", "webkill", "jobkill", "load")
NAME = "faults"


def _say(message: str) -> None:
    print(message, flush=True)  # noqa: T201 - the run reports its progress on the console


def _guarded(name: str, scenario: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """One scenario; a failure of the run itself is recorded and the next scenario goes on."""
    _say(f"{name} …")
    started = time.monotonic()
    try:
        result = scenario()
    except Exception as exc:  # the run reports any failure and goes on with the next scenario
        traceback.print_exc()
        result = {"run_error": f"{type(exc).__name__}: {exc}"[:500]}
    result["wall_s"] = round(time.monotonic() - started, 1)
    result["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    _say(f"{name}: done in {result['wall_s']} s")
    return result


def _timeout(_signum: int, _frame: FrameType | None) -> None:
    raise TimeoutError("the fault run reached its time limit (--limit)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=5000, help="members of the province (default 5,000)")
    parser.add_argument("--users", type=int, default=200, help="simulated members in the load (default 200)")
    parser.add_argument("--readers", type=int, default=5, help="dashboard readers in the load (default 5)")
    parser.add_argument("--seconds", type=float, default=60, help="seconds during which members start (default 60)")
    parser.add_argument("--grace", type=float, default=120, help="then at most this long to finish (default 120)")
    parser.add_argument("--think", type=float, default=2.0, help="a member's pause between two steps (s)")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers (default 2 × cores + 1)")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="which scenarios, in this order")
    parser.add_argument("--limit", type=int, default=900, help="seconds before the whole run is stopped")
    parser.add_argument("--output", type=Path, default=ROOT / "docs", help="where reliability.md/.json go")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--keep-others", action="store_true", help="keep the figures of the scenarios not run from the last report"
    )
    return parser


def main() -> None:
    args = _parser().parse_args()
    wanted = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = set(wanted) - set(SCENARIOS)
    if unknown:
        raise SystemExit(f"unknown scenarios: {', '.join(sorted(unknown))}")
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(args.limit)
    started = time.monotonic()
    postgres.ensure_running()
    url = databases.recreate("postgresql", NAME)
    os.environ["DJANGO_SETTINGS_MODULE"] = processes.SETTINGS
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.db import connection

    try:
        results, context = _run(args, url, wanted)
    finally:
        signal.alarm(0)
        postgres.ensure_running()
        connection.close()
        if not args.keep:
            databases.drop("postgresql", NAME)
    from .report import write

    previous = args.output / "reliability.json"
    if args.keep_others and previous.exists():
        old = json.loads(previous.read_text(encoding="utf-8"))
        kept = old["scenarios"]
        for figures in kept.values():
            figures.setdefault("measured_at", old["date"])  # reports before measured_at: the report's date
        results = {name: results.get(name) or kept[name] for name in SCENARIOS if name in results or name in kept}
    markdown = write(results, context, args, time.monotonic() - started)
    _say(f"wrote {markdown} in {(time.monotonic() - started) / 60:.1f} min")


def _run(args: argparse.Namespace, url: str, wanted: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    from django.core.management import call_command
    from django.db import connection

    from . import jobkill, restart, traffic, webkill, world

    call_command("migrate", verbosity=0)
    call_command("migrate", run_syncdb=True, verbosity=0)
    _say(f"province of {args.members:,} members")
    built = world.build(args.members, _say)
    readers = world.readers(built, args.readers)
    call_command("collectstatic", interactive=False, verbosity=0)
    accounts = built.accounts
    first, killed, rest = accounts[:800], accounts[800], accounts[801:]
    context: dict[str, Any] = {
        "members": args.members,
        "open_reviews": len(accounts),
        "indicators": built.indicators,
        "workers": args.workers,
        "postgresql": f"{connection.pg_version // 10000}.{connection.pg_version % 10000}",
    }
    results: dict[str, Any] = {}
    connection.close()
    logs = databases.WORK / NAME
    logs.mkdir(parents=True, exist_ok=True)
    # CONN_MAX_AGE as in production (60 s), with the product's CONN_HEALTH_CHECKS.
    production_like = {"CONN_MAX_AGE": "60"}
    with (
        postgres.kept_running(),
        processes.job_worker(url, logs / "worker.log") as worker,
        server.serve(
            url, workers=args.workers, log=logs / "gunicorn.log", settings=processes.SETTINGS, extra_env=production_like
        ) as web,
    ):
        _say(f"gunicorn on {web.url} ({args.workers} workers), job worker pid {worker.pid}")
        context["load_average_before"] = round(os.getloadavg()[0], 1)
        database_cpu = server.DatabaseCpu(url)
        for name in wanted:
            if name == "restart":
                results[name] = _guarded(
                    name,
                    lambda: restart.run(
                        web.port,
                        [r for r, _u in first],
                        built.built.catalog,
                        indicators=built.indicators,
                        job_worker_alive=worker.alive,
                    ),
                )
            elif name == "webkill":
                results[name] = _guarded(
                    name, lambda: webkill.run(web, killed[0], built.built.catalog, indicators=built.indicators)
                )
            elif name == "jobkill":
                results[name] = _guarded(name, lambda: jobkill.run(worker))
            elif name == "load":
                results[name] = _guarded(
                    name,
                    lambda: traffic.run(
                        web.port,
                        rest,
                        readers,
                        built.built.catalog,
                        indicators=built.indicators,
                        users=args.users,
                        seconds=args.seconds,
                        think=args.think,
                        grace=args.grace,
                        cpu=lambda: (web.cpu_seconds(), database_cpu()),
                    ),
                )
        context["load_average_after"] = round(os.getloadavg()[0], 1)
        context["worker_peak_rss_mb"] = [round(b / 2**20) for b in web.peak_rss()]
        context["job_worker_starts"] = worker.starts
    return results, context


if __name__ == "__main__":
    main()
