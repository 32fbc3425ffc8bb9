"""docs/scaling.md: how the national case would be served, worked out from the run's PostgreSQL figures.

Written by `make bench` beside performance.md (and by `python -m bench --report-only`), so the arithmetic
always uses the figures of the run it sits beside. The assumptions about people's behaviour are the
constants of `Assumptions`; every other number is measured or derived from those in `National`.
"""

import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .figures import Figure


@dataclass(frozen=True)
class Assumptions:
    """People, not software: change them here."""

    members: int = 5_600_000
    resubmitted: float = 0.05  # reviews returned once and submitted again
    window_days: int = 14
    working_days: int = 10
    office_hours: float = 9.5
    last_days_share: float = 0.35  # of the members submit in the last working days
    last_days: int = 2
    peak_hour_share: float = 0.15  # of a day's submissions in its busiest hour
    form_opens: int = 4  # times a member opens the form
    saves_unthrottled: int = 125  # autosaves per member if the form saved on every change
    saves_throttled: int = 40  # with at most one save every 10 s (TUSOI_AUTOSAVE_SECONDS)
    dashboard_reads: float = 20  # statistics pages and API reads per second at the peak hour
    burst: float = 1.5  # minute-scale bursts above the hour's average
    busy: float = 0.65  # the share of a core kept busy at most
    workers_per_core: float = 1.25
    server_cores: int = 16
    provinces: int = 34


@dataclass(frozen=True)
class Cost:
    """CPU per request in ms (web workers, database), WAL in KB, the rate measured here."""

    web: float
    database: float
    wal_kb: float
    rate: float

    @property
    def total(self) -> float:
        return self.web + self.database


def _figure(figures: list[Figure], name: str, vendor: str) -> Figure | None:
    return next((f for f in figures if f.name == name and f.database == vendor), None)


def _cost(figures: list[Figure], cpu_name: str, rate_name: str) -> Cost | None:
    cpu, rate = _figure(figures, cpu_name, "postgresql"), _figure(figures, rate_name, "postgresql")
    if cpu is None or rate is None or "web_ms" not in cpu.extra:
        return None
    return Cost(cpu.extra["web_ms"], cpu.extra["database_ms"], cpu.extra["wal_kb"], rate.value)


class National:
    """The peak hour of a national round and the cores it needs, from the measured costs."""

    def __init__(self, a: Assumptions, submit: Cost, save: Cost, form_ms: float, read_ms: float) -> None:
        self.a = a
        self.average = a.members * (1 + a.resubmitted) / (a.working_days * a.office_hours * 3600)
        self.last_day = a.members * a.last_days_share * (1 + a.resubmitted) / a.last_days
        self.peak = self.last_day * a.peak_hour_share / 3600
        self.forms = self.peak * a.form_opens
        self.submit, self.save, self.form_ms, self.read_ms = submit, save, form_ms, read_ms

    @property
    def headroom(self) -> float:
        return self.a.burst / self.a.busy

    def autosaves(self, per_member: int) -> float:
        return self.peak * per_member

    def cores(self, per_member: int) -> tuple[float, float]:
        """Busy cores (web workers, PostgreSQL primary) at the peak hour."""
        saves = self.autosaves(per_member)
        web = (
            saves * self.save.web
            + self.peak * self.submit.web
            + self.forms * self.form_ms
            + self.a.dashboard_reads * self.read_ms
        ) / 1000
        database = (saves * self.save.database + self.peak * self.submit.database) / 1000
        return web, database

    def wal_mb(self, per_member: int) -> float:
        return (self.autosaves(per_member) * self.save.wal_kb + self.peak * self.submit.wal_kb) / 1024

    def servers(self, busy_cores: float) -> int:
        return math.ceil(busy_cores * self.headroom / self.a.server_cores)

    def primary(self, busy_cores: float) -> int:
        """Cores of the primary: the next multiple of 8 above the need with headroom."""
        return max(8, 8 * math.ceil(busy_cores * self.headroom / 8))


def _rollup(phases: list[dict[str, Any]], vendor: str, read: str) -> dict[str, Any] | None:
    done = [p for p in phases if p["vendor"] == vendor and p.get("rollup")]
    largest = max(done, key=lambda p: p["members"], default=None)
    return None if largest is None else {"members": largest["members"], **largest["rollup"][read]}


def write_scaling(figures: list[Figure], phases: list[dict[str, Any]], when: datetime, folder: Path) -> Path | None:
    """Write docs/scaling.md from a run that measured PostgreSQL; None (nothing written) otherwise."""
    submit = _cost(figures, "server CPU per submission (web workers + database)", "submissions per second")
    save = _cost(figures, "server CPU per autosave", "autosaves per second")
    floor = _cost(figures, "server CPU per floor request", "framework floor (authenticated POST, one INSERT)")
    form = _figure(figures, "form page render (111 indicators)", "postgresql")
    dashboard, api = _rollup(phases, "postgresql", "dashboard"), _rollup(phases, "postgresql", "api")
    if submit is None or save is None or floor is None or form is None or dashboard is None or api is None:
        return None
    lines = _document(Assumptions(), submit, save, floor, form, dashboard, api, figures, phases, when)
    path = folder / "scaling.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _document(
    a: Assumptions,
    submit: Cost,
    save: Cost,
    floor: Cost,
    form: Figure,
    dashboard: dict[str, Any],
    api: dict[str, Any],
    figures: list[Figure],
    phases: list[dict[str, Any]],
    when: datetime,
) -> list[str]:
    read_ms = (dashboard["ms"] - dashboard["query_ms"] + api["ms"] - api["query_ms"]) / 2
    nat = National(a, submit, save, form.value, read_ms)
    web_t, db_t = nat.cores(a.saves_throttled)
    web_u, db_u = nat.cores(a.saves_unthrottled)
    servers_t, servers_u = nat.servers(web_t), nat.servers(web_u)
    workers = servers_t * a.server_cores * a.workers_per_core
    rss = _figure(figures, "peak RSS of a web worker", "postgresql")
    rss_mb = rss.value if rss else 0.0
    size: int = next(
        (
            p.get("database_bytes") or 0
            for p in phases
            if p["vendor"] == "postgresql" and p["members"] == dashboard["members"]
        ),
        0,
    )
    sqlite_sub = _figure(figures, "submissions per second", "sqlite")
    sqlite_floor = _figure(figures, "framework floor (authenticated POST, one INSERT)", "sqlite")
    sqlite_dash, sqlite_api = _rollup(phases, "sqlite", "dashboard"), _rollup(phases, "sqlite", "api")
    bytes_html = _figure(figures, "form page bytes (HTML + CSS + JS)", "postgresql")
    bytes_gz = _figure(figures, "form page bytes compressed", "postgresql")
    share = 100 * submit.rate / floor.rate if floor.rate else 0.0
    two_cores = 2000 / submit.total
    needed = 200 * submit.total / 1000
    lines = [
        "# Serving the national case",
        "",
        "How tusoi would carry a national round — **5.6 million members, one self-review each within a",
        "two-week window** — worked out from what `make bench` measured on PostgreSQL (figures in",
        f"[performance.md](performance.md), run of {when:%d/%m/%Y %H:%M %Z}). Generated with that run by",
        "`bench/scaling.py`: every number below is measured there or derived here with the arithmetic shown; the",
        "assumptions about people's behaviour are that module's `Assumptions` and can be changed.",
        "",
        "## 1. What one request costs (measured)",
        "",
        "CPU is the figure that carries over to other machines: user + system time of the gunicorn workers",
        "and of the PostgreSQL backends, read from `/proc`, divided by the requests answered, under 50",
        "concurrent users. The rates are what this machine gave with the load generator running beside.",
        "",
        "| Request (PostgreSQL) | Web CPU | Database CPU | Total | WAL (whole server) | Measured here |",
        "|---|---|---|---|---|---|",
        f"| Framework floor: authenticated POST, one INSERT | {floor.web:.1f} ms | {floor.database:.1f} ms | "
        f"{floor.total:.1f} ms | {floor.wal_kb:.1f} KB | {floor.rate:,.0f} /s |",
        f"| Autosave of the 111-indicator form | {save.web:.1f} ms | {save.database:.1f} ms | {save.total:.1f} ms | "
        f"{save.wal_kb:.1f} KB | {save.rate:,.0f} /s |",
        f"| Submission (content saved, submitted, version, audit, tallies) | {submit.web:.1f} ms | "
        f"{submit.database:.1f} ms | {submit.total:.1f} ms | {submit.wal_kb:.1f} KB | {submit.rate:,.0f} /s |",
        f"| The form page (111 indicators) | — | — | {form.value:.1f} ms to answer | | |",
        f"| Bloc dashboard, {dashboard['members']:,}-member province | — | {dashboard['query_ms']:.0f} ms in SQL | "
        f"{dashboard['ms']:.0f} ms to answer | | |",
        f"| Statistics API, {api['members']:,}-member province | — | {api['query_ms']:.0f} ms in SQL | "
        f"{api['ms']:.0f} ms to answer | | |",
        "",
        f"A web worker peaks at {rss_mb:.0f} MB of resident memory. The WAL column is the PostgreSQL server's WAL",
        "position before and after the runs divided by the requests. A submission writes much more than an",
        "autosave: most of it is full-page images — the first change to a table page after a checkpoint writes",
        "the whole 8 KB page, and a submission touches pages no recent request touched (its version, its audit",
        "rows, and the tally rows of its branch and of each unit above it).",
        "",
        "### Why the submission targets are missed on this machine",
        "",
        f"- **≥ 200 submissions/s**: one submission costs {submit.total:.1f} ms of CPU, so the machine's two",
        f"  cores, if nothing else ran, give at most 2,000 / {submit.total:.1f} ≈ **{two_cores:.0f} submissions/s**",
        f"  (measured: {submit.rate:.0f}/s, with the load generator on the same cores). Even the bare floor costs",
        f"  {floor.total:.1f} ms, at most ≈ {2000 / floor.total:.0f} requests/s: 200 submissions/s on two cores",
        f"  would need a submission to cost no more than {2000 / 200 / floor.total:.2f} × the floor. 200",
        f"  submissions/s needs 200 × {submit.total:.1f} ms ≈ **{needed:.1f} cores** of web + database CPU, which",
        "  the deployment of §3 provides many times over.",
        f"- **≥ 50 % of the floor**: measured {share:.1f} % ({submit.total:.1f} ms against {floor.total:.1f} ms of",
        "  CPU). A submission is not one INSERT: it parses 130 form fields and validates 111 answers with their",
        "  measures and deadlines, reads the review with its session, branch, campaign and catalogue to check",
        "  the access policy, writes the review with one conditional UPDATE, its numbered version (a snapshot",
        "  of the content), the audit rows and the tallies (the branch's counts, its levels and its day on",
        "  every unit of its path: one statement on PostgreSQL), in one transaction: 8 statements where the",
        "  floor has 4, of which the reads every page makes (session, user, committee roles) are common to",
        "  both. Measured once, one request at a time (27/11/2026, with PostgreSQL's statement log and timers",
        "  around the code; not part of this run): the submission's own statements took about 2.2 ms of the",
        "  database (the review's read 0.7 ms, mostly planning a five-table join; the tallies' 52 counters",
        "  0.8 ms; the commit 0.3 ms) against the floor's INSERT 0.3 ms, and its own Python about 6 ms (the",
        "  form's parsing and validation 1.5 ms, the review's read 1.8 ms, the writes 3 ms, half of it Django",
        "  building the statements), beside about 4.8 ms for all of the floor. Without any of Django's",
        "  statement building a submission would still cost about twice the floor: the target needs the",
        "  version, the audit rows or the per-unit tallies to go, and each is part of what the product",
        "  promises (the snapshot the committee reads, the audit log of DESIGN.md §3, dashboards that read a",
        "  few rows whatever the province's size).",
        "",
        "## 2. Peak arrival rate",
        "",
        "Assumptions (people, not software):",
        "",
        f"- {a.members:,} members; {a.resubmitted:.0%} of reviews are returned once and submitted again "
        f"(× {1 + a.resubmitted:.2f}).",
        f"- The window is {a.window_days} days, of which {a.working_days} working days of ~{a.office_hours:g} "
        "office hours.",
        f"- Deadlines concentrate the work: **{a.last_days_share:.0%} of the members submit in the last "
        f"{a.last_days} working days**, and the busiest hour of a day carries **{a.peak_hour_share:.0%}** of that "
        "day.",
        f"- Each member opens the form about {a.form_opens} times. The form saves itself as the member works, at",
        "  most once every 10 seconds (`TUSOI_AUTOSAVE_SECONDS`; changes made meanwhile go in the next save,",
        "  what is unsent goes when the page is left): a member clicking through 111 levels and typing",
        f"  measures in some fifteen minutes sends about **{a.saves_throttled} saves**; saving on every change would",
        f"  be about {a.saves_unthrottled} (111 level choices plus the pauses while typing).",
        "",
        "Arithmetic:",
        "",
        f"- Average over the office hours: {a.members / 1e6:g} M × {1 + a.resubmitted:.2f} / "
        f"({a.working_days} × {a.office_hours:g} × 3,600 s) ≈ **{nat.average:.1f} submissions/s**.",
        f"- Last {a.last_days} days: {a.members / 1e6:g} M × {a.last_days_share:g} × {1 + a.resubmitted:.2f} / "
        f"{a.last_days} ≈ {nat.last_day:,.0f} submissions per day; the peak hour: × {a.peak_hour_share:g} / 3,600 s "
        f"≈ **{nat.peak:.1f} submissions/s**.",
        f"- Autosaves at that hour: {nat.peak:.1f} × {a.saves_throttled} ≈ **{nat.autosaves(a.saves_throttled):,.0f}"
        f" autosaves/s** ({nat.autosaves(a.saves_unthrottled):,.0f}/s if the form saved on every change) — the real "
        "load, two orders of magnitude above the submissions.",
        f"- Form pages: {nat.peak:.1f} × {a.form_opens} ≈ {nat.forms:.0f}/s. Dashboards and the statistics API: "
        f"offices of the committees above the branches refreshing their pages, taken as {a.dashboard_reads:g} reads/s.",
        "",
        "## 3. Cores",
        "",
        "CPU needed at the peak hour = Σ rate × measured cost per request:",
        "",
        "| | Web workers | PostgreSQL primary |",
        "|---|---|---|",
        f"| Autosaves: {nat.autosaves(a.saves_throttled):,.0f}/s × ({save.web:.1f} ms web, {save.database:.1f} ms "
        f"database) | {nat.autosaves(a.saves_throttled) * save.web / 1000:.1f} | "
        f"{nat.autosaves(a.saves_throttled) * save.database / 1000:.1f} |",
        f"| Submissions: {nat.peak:.1f}/s × ({submit.web:.1f} ms, {submit.database:.1f} ms) | "
        f"{nat.peak * submit.web / 1000:.1f} | {nat.peak * submit.database / 1000:.1f} |",
        f"| Form pages: {nat.forms:.0f}/s × {form.value:.1f} ms; dashboards and API: {a.dashboard_reads:g}/s × "
        f"{read_ms:.0f} ms outside SQL | {(nat.forms * form.value + a.dashboard_reads * read_ms) / 1000:.1f} | — |",
        f"| **Total busy cores** | **{web_t:.0f}** | **{db_t:.0f}** |",
        f"| With headroom (minute-scale bursts × {a.burst:g}, cores at most {a.busy:.0%} busy: × {nat.headroom:.1f}) | "
        f"**{web_t * nat.headroom:.0f}** | **{db_t * nat.headroom:.0f}** |",
        "",
        f"So: **{servers_t} web servers of {a.server_cores} cores** and **one PostgreSQL primary of "
        f"{nat.primary(db_t)} cores**, plus the replicas of §4: {workers:,.0f} gunicorn workers "
        f"({a.workers_per_core:g} per core) holding about {workers * rss_mb / 1024:.0f} GB of memory in all at "
        f"{rss_mb:.0f} MB each. Saving on every change instead would need {servers_u} web servers and a "
        f"{nat.primary(db_u)}-core primary (busy cores {web_u:.0f} and {db_u:.0f}): the autosave is "
        f"{nat.autosaves(a.saves_throttled) * save.total / 1000 / (web_t + db_t):.0%} of the load even throttled.",
        "",
        "## 4. PostgreSQL layout",
        "",
        f"- **One primary** takes every write. WAL at the peak hour ≈ (autosaves × {save.wal_kb:.1f} KB + "
        f"submissions × {submit.wal_kb:.1f} KB) ≈ **{nat.wal_mb(a.saves_throttled):.1f} MB/s** "
        f"({nat.wal_mb(a.saves_throttled) * 3600 / 1024:.0f} GB in that hour). NVMe storage,",
        "  `synchronous_commit = on` (a lost submission is not acceptable), `checkpoint_timeout` of 15 min or",
        "  more and `wal_compression = on` so that full-page images (most of a submission's WAL, see §1)",
        "  stay a small part of it, `max_wal_size` sized to the peak hour. An autosave changes no indexed",
        "  column of the review (only its content, version and times), so it can be a HOT update that touches",
        "  no index — if the row's page has room for the new version: give the reviews table a `fillfactor`",
        "  of about 70.",
        "- **Partitioning by campaign.** Every table that grows with the members of a round carries the",
        "  campaign and the branch path (`SelfReview.campaign`/`branch_path`, the sessions, meetings and",
        "  tallies), and every query of a round filters on the campaign. A national round is one campaign:",
        "  its reviews, submitted versions, tallies and audit rows go to one list partition per campaign",
        f"  (the {dashboard['members']:,}-member test province took {size / 1024**3:.1f} GB with half of its reviews",
        "  submitted, so a national round is some tens of GB), vacuumed and indexed on its own, and a finished",
        "  round is detached to cheaper storage. PostgreSQL wants the partition key in every primary and",
        "  unique key: the review's key becomes (campaign, id) — Django 5.2's `CompositePrimaryKey` — and its",
        "  unique constraint (campaign, session, member); `SelfReviewVersion` and the tallies get the campaign",
        "  too.",
        "- **Read replicas for the dashboards.** The statistics pages and API read only the tallies (one row",
        "  per unit and item for levels and days, and one pass over the branches' session tallies:",
        f"  {dashboard['query_ms']:.0f} ms of SQL for the Bloc of a {dashboard['members']:,}-member province). A",
        "  database router sends the stats selectors and the read-only API to streaming replicas; seconds of",
        "  replication lag do not matter to a progress chart. Two replicas for availability. Personal content",
        "  is never read there — the member's form and the branch committee's pages stay on the primary, so a",
        "  member always sees what they just saved.",
        f"- **Connection pooling.** {workers:,.0f} workers each holding a connection is too many for one server:",
        "  PgBouncer in transaction mode in front of the primary (Django: `DISABLE_SERVER_SIDE_CURSORS = True`),",
        "  about 2 × cores server connections.",
        "- **Hot rows.** Each submission adds to the tallies of every unit on its branch's path, the Bloc's",
        "  included, inside its transaction. Nationally the Bloc-level rows of one province see at most a few",
        f"  submissions per second ({a.provinces} provinces share the {nat.peak:.0f}/s), well below what one row",
        "  takes (a lock held for about a millisecond until commit). A single national root unit would make",
        "  those rows a queue: keep the provinces as the tree's roots, or sum the national figures from the",
        "  provinces'.",
        "",
        "## 5. Stateless web processes behind a load balancer",
        "",
        "- The web tier is **N identical gunicorn processes** (sync workers, 2 × cores + 1 per machine,",
        f"  measured at {rss_mb:.0f} MB each) behind a load balancer (nginx or HAProxy, round robin, no sticky",
        "  sessions), added or removed as the load needs.",
        "- Nothing a request needs lives in one process: sessions are rows in the database (or, to save the",
        "  session SELECT on every request at this scale, Django's `cached_db` backend over a shared cache),",
        "  uploaded evidence files go to storage every node mounts (or an object store), background jobs are",
        "  rows run by separate worker processes, and static files are the same on every node (WhiteNoise, or",
        "  a CDN). The only in-process cache is the structure of a **published** catalogue, which never",
        "  changes in place — any worker can serve any request.",
        f"- The member's form is cheap to serve ({form.value:.1f} ms, "
        f"{bytes_html.value if bytes_html else 0:.0f} KB, {bytes_gz.value if bytes_gz else 0:.0f} KB compressed, "
        "no framework script), so the web tier's size is set by the autosaves and submissions above.",
        "",
    ]
    if sqlite_sub and sqlite_floor and sqlite_dash and sqlite_api:
        lines += [
            "## 6. SQLite, the embedded database",
            "",
            "SQLite is the single-machine default (the demo, a bloc of a few thousand members). It takes one",
            f"writer at a time: {sqlite_sub.value:.0f} submissions/s against a floor of {sqlite_floor.value:.0f}/s "
            "here, bounded by the time each write transaction holds the database, not by CPU — ample for a bloc,",
            "whose whole round is a few thousand submissions over two weeks. Reads scale as on PostgreSQL: for",
            f"a {sqlite_dash['members']:,}-member province the Bloc dashboard answered in "
            f"{sqlite_dash['ms']:.0f} ms and the statistics API in {sqlite_api['ms']:.0f} ms. Past one machine, "
            "PostgreSQL.",
            "",
        ]
    return lines
