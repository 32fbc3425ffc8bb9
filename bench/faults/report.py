"""docs/reliability.md and docs/reliability.json from the scenarios' results."""

import json
from argparse import Namespace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..report import machine


def _ms(kinds: dict[str, Any], kind: str) -> str:
    k = kinds.get(kind)
    return f"{k['p50_ms']:.0f} / {k['p95_ms']:.0f} ms" if k else "—"


def _s(value: Any) -> str:
    return "—" if value is None else f"{value} s"


def _rows(results: dict[str, Any], args: Namespace) -> list[str]:
    """One summary line per scenario: what happened, errors, lost records, confirmed vs retried,
    recovery, p50/p95."""
    rows = []
    if r := results.get("restart"):
        if "run_error" in r:
            rows.append(f"| PostgreSQL restarted during submissions | run failed: {r['run_error']} | | | | | |")
        else:
            i = r["integrity"]
            rows.append(
                f"| PostgreSQL restarted during submissions ({r['clients']} clients) | restart took "
                f"{r['restart_seconds']} s; job worker alive after: {'yes' if r['job_worker_alive_after'] else 'no'} | "
                f"{r['errors']} | {i['lost']} lost, {i['half_written']} half-written | "
                f"{r['confirmed']} confirmed, {r['told_to_retry']} told to retry ({r['confirmed_after_retry']} of them "
                f"confirmed on retry), {r['unanswered_at_end']} without confirmation at the end | "
                f"first confirmation {_s(r['first_confirmed_after_restart_s'])} after the restart began; refusals "
                f"over {r['refusals_window_s']} s | {_ms(r['requests'], 'submit')} |"
            )
    if r := results.get("webkill"):
        if "run_error" in r:
            rows.append(f"| Web worker killed mid-submission | run failed: {r['run_error']} | | | | | |")
        else:
            rows.append(
                f"| Web worker SIGKILLed inside the submission's transaction | client saw: {r['client_saw']} | "
                f"{r['tally_differences_after_kill']} tally differences | partial review: "
                f"{'yes' if r['partial_review'] else 'no'} | resubmit: {r['resubmit']} | "
                f"worker respawned in {_s(r['worker_respawned_s'])} | resubmit {r['resubmit_ms']} ms |"
            )
    if r := results.get("jobkill"):
        if "run_error" in r:
            rows.append(f"| Job worker killed mid-job | run failed: {r['run_error']} | | | | | |")
        else:
            rows.append(
                f"| Job worker SIGKILLed at step {r['killed_at_step']} of {r['steps']}, restarted at once | final "
                f"state {r['final_state']} after {r['attempts']} attempts; stuck: {'yes' if r['stuck'] else 'no'} | "
                f"{r['task_rows_left_running']} task rows left running | — | — | requeued after "
                f"{_s(r['requeued_after_s'])}, finished after {_s(r['recovered_after_s'])} | — |"
            )
    if r := results.get("load"):
        if "run_error" in r:
            rows.append(f"| Load | run failed: {r['run_error']} | | | | | |")
        else:
            i = r["integrity"]
            rows.append(
                f"| Load: {r['users']} members + {r['readers']} dashboard readers starting for {args.seconds:g} s "
                f"({r['seconds']} s in all) | "
                f"{r['total_requests']:,} requests ({r['requests_per_s']}/s), {r['submissions_confirmed']} "
                f"submissions | {r['errors']} | {i['lost']} lost, {i['half_written']} half-written | — | — | "
                f"submit {_ms(r['requests'], 'submit')}; dashboard {_ms(r['requests'], 'dashboard')} |"
            )
    return rows


def _load_table(kinds: dict[str, Any]) -> list[str]:
    lines = ["| Request | Requests | OK | Errors | p50 | p95 | max |", "|---|---:|---:|---:|---:|---:|---:|"]
    for kind, k in kinds.items():
        lines.append(
            f"| {kind} | {k['requests']:,} | {k['ok']:,} | {k['errors'] + k['retry']} | {k['p50_ms']:.0f} ms | "
            f"{k['p95_ms']:.0f} ms | {k['max_ms']:.0f} ms |"
        )
    return lines


def write(results: dict[str, Any], context: dict[str, Any], args: Namespace, elapsed: float) -> Path:
    info = machine()
    when = datetime.now(UTC)
    command = (
        f"python -m bench.faults --members {args.members} --users {args.users} --readers {args.readers} "
        f"--seconds {args.seconds:g} --grace {args.grace:g} --think {args.think:g} --workers {args.workers}"
    )
    if args.scenarios != "restart,webkill,jobkill,load":
        command += f" --scenarios {args.scenarios}"
    if args.keep_others:
        command += " --keep-others"
    data = {
        "date": when.isoformat(timespec="seconds"),
        "machine": info,
        "command": command,
        "elapsed_s": round(elapsed, 1),
        "context": context,
        "scenarios": results,
    }
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "reliability.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    lines = [
        "# Reliability: faults and load (issue 8)",
        "",
        f"Measured by `make faults` (`{command}`) on {when:%d/%m/%Y %H:%M} UTC, in {elapsed / 60:.1f} minutes. "
        "Generated: do not edit by hand; every figure is in [reliability.json](reliability.json).",
        "",
        f"- Machine: {info['cpu']}; {info['memory']} RAM; {info['system']}; Python {info['python']}; "
        f"Django {info['django']}; PostgreSQL {context.get('postgresql', '?')} on 127.0.0.1.",
        f"- Server: gunicorn, {context.get('workers')} sync workers, on 127.0.0.1 with the product's settings "
        "(DEBUG off, CONN_MAX_AGE 60 s, CONN_HEALTH_CHECKS on; bench/faults/settings.py adds the two fault hooks "
        "and a 12 s job sweeper threshold instead of 5 minutes), the job worker (`manage.py run_worker`), and the "
        "simulated clients (threads over http.client), all on the same shared machine.",
        f"- Load average (1 min) of the machine when the scenarios began → ended: "
        f"{context.get('load_average_before')} → {context.get('load_average_after')}. The machine is shared "
        "(other work was running): latencies include waiting for a core; the errors and records do not depend "
        "on it.",
        f"- Data: a synthetic province of {context.get('members', 0):,} members (bench/province.py), "
        f"{context.get('open_reviews', 0):,} open self-reviews of {context.get('indicators')} indicators, "
        "each with an account.",
        "",
        "## Summary",
        "",
        "| Scenario | What happened | Errors | Lost records | Confirmed vs retried | Recovery | p50 / p95 |",
        "|---|---|---|---|---|---|---|",
        *_rows(results, args),
        "",
        "Measured at (UTC): "
        + ", ".join(f"{name} {str(r.get('measured_at', '?'))[11:16]}" for name, r in results.items())
        + (f" on {str(next(iter(results.values())).get('measured_at', ''))[:10]}." if results else "."),
        "",
        "Errors are answers that were neither the expected one nor the product's 503 page asking to send again "
        "(a connection cut by the killed worker counts as one). Lost: confirmed to the client (302 to the "
        "submitted review) but not cleanly submitted in the database; half-written: neither cleanly submitted "
        "(status, version, exactly one submitted version matching it, all answers, its audit line) nor cleanly "
        "untouched.",
        "",
    ]
    if (r := results.get("load")) and "requests" in r:
        lines += [
            "## Load, per kind of request",
            "",
            f"{r['users']} simulated members, each in turn for one member after another: log-in page, log-in, "
            f"the form, three autosaves, submission, with a pause of {r['think_s']:g} s (0.5×-1.5×) between "
            f"steps (a stress: people take minutes); {r['readers']} office users reading their unit's statistics "
            f"dashboard, one read per {r['think_s']:g} s, until the last member is done. Members start for "
            f"{args.seconds:g} s; those in progress then finish (or stop where they are after {r['grace_s']:g} s "
            f"more): {r['members_started']} members started, {r['submissions_confirmed']} submitted, "
            f"{r['members_stopped_by_the_clock']} stopped half-way (their drafts checked too); {r['seconds']:g} s "
            "in all. "
            "Latency: from sending the request to the whole answer, queueing in the server included.",
            "",
            f"Server CPU per answered request: web workers {r['server_cpu_ms_per_request']['web']} ms + "
            f"PostgreSQL {r['server_cpu_ms_per_request']['database']} ms; the machine's CPU meanwhile: busy "
            f"{r['machine_cpu']['busy']} %, idle {r['machine_cpu']['idle']} % (other work included); the server "
            f"(web workers + PostgreSQL) got {r['server_cores_used']} of the {info['cpu'].split(' ')[0]} cores "
            "on average (the kernel shares the CPU between sessions, and other sessions were busy). When the "
            "offered load exceeds what those cores can serve, requests queue in gunicorn's backlog: the "
            "latencies below are mostly that wait; one core's worth of this server would answer about "
            f"{1000 / max(0.1, sum(r['server_cpu_ms_per_request'].values())):.0f} of these requests per second.",
            "",
            *_load_table(r["requests"]),
            "",
        ]
    lines += ["## Details", "", "```json", json.dumps(results, ensure_ascii=False, indent=1, default=str), "```", ""]
    markdown = args.output / "reliability.md"
    markdown.write_text("\n".join(lines), encoding="utf-8")
    return markdown
