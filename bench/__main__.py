"""`python -m bench` (`make bench`): the benchmark of issue 9.

For each database (the embedded SQLite, then PostgreSQL on 127.0.0.1), one process builds the main
synthetic province and runs every measurement (the HTTP ones against gunicorn on 127.0.0.1), then
one process per other roll-up size builds a province only to time the Bloc's statistics reads. Each
process is bounded (--phase-timeout) and stops its server itself. The figures go to
docs/performance.md and docs/performance.json, and the national case worked out from them to
docs/scaling.md (bench/scaling.py).

    python -m bench                                   # the default run (under 20 minutes here)
    python -m bench --members 20000 --rollup 5000,50000 --databases postgresql --seconds 5
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .report import write_report

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "var" / "bench" / "last-run.json"  # every phase's results, for --report-only


def _sizes(text: str) -> list[int]:
    return sorted({int(x.replace("_", "").replace(".", "")) for x in text.split(",") if x.strip()})


def _phase(vendor: str, name: str, members: int, kind: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.json"
        command = [sys.executable, "-m", "bench.phase", "--vendor", vendor, "--name", name, "--members", str(members)]
        command += ["--kind", kind, "--seconds", str(args.seconds), "--workers", str(args.workers), "--out", str(out)]
        command += ["--accounts", str(args.accounts)]
        started = time.monotonic()
        try:
            subprocess.run(command, cwd=ROOT, check=True, timeout=args.phase_timeout)  # noqa: S603 - our own command
        except subprocess.TimeoutExpired:
            print(f"  {vendor} {members:,}: stopped after {args.phase_timeout} s", flush=True)  # noqa: T201
            return {"vendor": vendor, "members": members, "error": f"timed out after {args.phase_timeout} s"}
        except subprocess.CalledProcessError as exc:
            return {"vendor": vendor, "members": members, "error": f"exit status {exc.returncode}"}
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        result["seconds"] = round(time.monotonic() - started, 1)
        return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=50_000, help="members of the main province (default 50,000)")
    parser.add_argument("--rollup", default="5000,50000,500000", help="province sizes for the roll-up reads")
    parser.add_argument(
        "--rollup-sqlite",
        default=None,
        help="other sizes on SQLite (default: --rollup; 500,000 there takes 2-8 minutes and 3 GB to build)",
    )
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--seconds", type=float, default=10, help="length of each load round (3 rounds)")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (default 2 × cores + 1)")
    parser.add_argument("--accounts", type=int, default=12_000, help="members given an account to submit")
    parser.add_argument("--phase-timeout", type=int, default=900, help="seconds before a phase is stopped")
    parser.add_argument("--output", type=Path, default=ROOT / "docs", help="where performance.md/.json go")
    parser.add_argument("--report-only", action="store_true", help="rewrite the docs from the last run's results")
    args = parser.parse_args()
    RAW.parent.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        saved = json.loads(RAW.read_text(encoding="utf-8"))
        args.__dict__.update({k: v for k, v in saved["args"].items() if k not in ("output", "report_only")})
        markdown, figures = write_report(saved["phases"], args, saved["elapsed"], args.output)
        print(f"wrote {markdown} ({len(figures)} figures) from {RAW}", flush=True)  # noqa: T201
        return
    started = time.monotonic()
    phases: list[dict[str, Any]] = []
    for vendor in [v.strip() for v in args.databases.split(",") if v.strip()]:
        print(f"{vendor}: main province of {args.members:,} members", flush=True)  # noqa: T201
        phases.append(_phase(vendor, "main", args.members, "main", args))
        for size in _sizes(args.rollup_sqlite if vendor == "sqlite" and args.rollup_sqlite else args.rollup):
            if size == args.members:
                continue
            print(f"{vendor}: roll-up province of {size:,} members", flush=True)  # noqa: T201
            phases.append(_phase(vendor, f"rollup{size}", size, "rollup", args))
    elapsed = time.monotonic() - started
    raw_args = {k: v for k, v in vars(args).items() if k != "output"}
    RAW.write_text(json.dumps({"args": raw_args, "phases": phases, "elapsed": elapsed}, default=str), encoding="utf-8")
    markdown, figures = write_report(phases, args, elapsed, args.output)
    print(f"wrote {markdown} ({len(figures)} figures) in {elapsed / 60:.1f} min", flush=True)  # noqa: T201


if __name__ == "__main__":
    main()
