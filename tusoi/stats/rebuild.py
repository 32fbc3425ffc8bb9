"""Tallies recomputed from the raw records, compared with the stored ones, and rewritten.

The raw records are the truth: active self-reviews (enrolled, submitted, returned and not submitted
again, their answers and submission days), closed meetings, attendance, opinions, comments on the
draft and results reports. `rebuild_tallies` reads them in a handful of grouped queries per campaign
(the answers of submitted reviews are streamed), so it runs as a batch job, never on a page.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Count, Q
from django.utils import timezone

from tusoi.campaigns.models import BranchSession, Campaign, SessionStatus
from tusoi.org.models import Unit, UnitKind
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.rounds.models import (
    Attendance,
    AttendanceStatus,
    Comment,
    Meeting,
    MeetingStatus,
    Opinion,
    ReportStatus,
    ResultsReport,
)

from .catalog_map import CatalogMap, catalog_map
from .models import LevelTally, SessionTally, SubmissionDay

HELD_SESSION = (SessionStatus.HELD, SessionStatus.REPORTED)
HELD_MEETING = (MeetingStatus.HELD, MeetingStatus.LOCKED)
REPORT_RECEIVED = (ReportStatus.SENT, ReportStatus.ACKNOWLEDGED)
BATCH = 1000

LevelRow = tuple[int, str, str, str]  # (session id, kind, code, level)
DayRow = tuple[int, date]  # (session id, local day)


# --- Where a branch sits -----------------------------------------------------------------------


def grassroots_committee_paths(paths: Iterable[str] | None = None) -> set[str]:
    """Paths of the COMMITTEE units directly under a bloc (among `paths` when given)."""
    units = Unit.objects.filter(kind__in=(UnitKind.BLOC, UnitKind.COMMITTEE))
    if paths is not None:
        units = units.filter(path__in=list(paths))
    rows = list(units.values_list("path", "kind"))
    blocs = {path for path, kind in rows if kind == UnitKind.BLOC}
    return {path for path, kind in rows if kind == UnitKind.COMMITTEE and path[: -Unit.steplen] in blocs}


def ancestor_paths(path: str) -> list[str]:
    """The paths strictly above `path`, top first."""
    return [path[:end] for end in range(Unit.steplen, len(path), Unit.steplen)]


def committee_path_of(branch_path: str, committees: set[str]) -> str:
    return next((p for p in ancestor_paths(branch_path) if p in committees), "")


def placed_tally(session: BranchSession, branch: Unit, committees: set[str]) -> SessionTally:
    """An empty tally for `session`, with the columns that say where its branch sits."""
    return SessionTally(
        session_id=session.pk,
        campaign_id=session.campaign_id,
        branch_path=session.branch_path,
        committee_path="" if branch.is_grassroots_branch else committee_path_of(session.branch_path, committees),
        is_grassroots=branch.is_grassroots_branch,
        sector=branch.sector,
    )


# --- Raw counts --------------------------------------------------------------------------------


@dataclass
class RawTallies:
    """What the tallies of some sessions should be, computed from the raw records."""

    sessions: dict[int, SessionTally] = field(default_factory=dict)
    levels: Counter[LevelRow] = field(default_factory=Counter)
    days: Counter[DayRow] = field(default_factory=Counter)


def compute_raw(sessions_q: Q) -> RawTallies:
    """Tallies of the sessions matching `sessions_q` (a filter on BranchSession), from raw records."""
    raw = RawTallies()
    sessions = list(BranchSession.objects.filter(sessions_q).select_related("branch", "campaign"))
    if not sessions:
        return raw
    committees = grassroots_committee_paths()
    for session in sessions:
        tally = placed_tally(session, session.branch, committees)
        tally.held = session.status in HELD_SESSION
        tally.held_on = session.held_on
        raw.sessions[session.pk] = tally
    ids = list(raw.sessions)
    _review_counts(raw, ids)
    _round_counts(raw, ids)
    maps: dict[int, CatalogMap] = {}
    for session in sessions:
        if session.campaign.catalog_id not in maps:
            maps[session.campaign.catalog_id] = catalog_map(session.campaign.catalog_id)
    catalog_of = {s.pk: maps[s.campaign.catalog_id] for s in sessions}
    _answers(raw, ids, catalog_of)
    return raw


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _review_counts(raw: RawTallies, ids: list[int]) -> None:
    for chunk in _chunks(ids):
        rows = (
            SelfReview.objects.filter(session_id__in=chunk, is_active=True)
            .order_by()
            .values("session_id")
            .annotate(
                enrolled=Count("id"),
                submitted=Count("id", filter=Q(status=ReviewStatus.SUBMITTED)),
                returned=Count("id", filter=Q(returned_at__isnull=False) & ~Q(status=ReviewStatus.SUBMITTED)),
            )
        )
        for row in rows:
            tally = raw.sessions[row["session_id"]]
            tally.enrolled, tally.submitted, tally.returned = row["enrolled"], row["submitted"], row["returned"]


def _grouped(queryset: object, key: str) -> dict[int, int]:
    return {row[key]: row["n"] for row in queryset.order_by().values(key).annotate(n=Count("id"))}  # type: ignore[attr-defined]


def _round_counts(raw: RawTallies, ids: list[int]) -> None:
    for chunk in _chunks(ids):
        counts = {
            "meetings": _grouped(Meeting.objects.filter(session_id__in=chunk, status__in=HELD_MEETING), "session_id"),
            "opinions": _grouped(Opinion.objects.filter(meeting__session_id__in=chunk), "meeting__session_id"),
            "present": _grouped(
                Attendance.objects.filter(meeting__session_id__in=chunk, status=AttendanceStatus.PRESENT),
                "meeting__session_id",
            ),
            "comments": _grouped(Comment.objects.filter(report__session_id__in=chunk), "report__session_id"),
        }
        for name, by_session in counts.items():
            for session_id, n in by_session.items():
                setattr(raw.sessions[session_id], name, n)
        reports = ResultsReport.objects.filter(session_id__in=chunk).values_list("session_id", "status")
        for session_id, status in reports:
            raw.sessions[session_id].report_sent = status in REPORT_RECEIVED
            raw.sessions[session_id].report_acknowledged = status == ReportStatus.ACKNOWLEDGED


def _answers(raw: RawTallies, ids: list[int], catalog_of: dict[int, CatalogMap]) -> None:
    for chunk in _chunks(ids):
        reviews = SelfReview.objects.filter(session_id__in=chunk, is_active=True, status=ReviewStatus.SUBMITTED)
        rows = reviews.order_by().values_list("session_id", "submitted_at", "answers").iterator(chunk_size=BATCH)
        for session_id, submitted_at, answers in rows:
            for kind, code, level in catalog_of[session_id].level_keys(answers or {}):
                raw.levels[(session_id, kind, code, level)] += 1
            if submitted_at is not None:
                raw.days[(session_id, timezone.localdate(submitted_at))] += 1


# --- Stored tallies, comparison and rewrite --------------------------------------------------------


def stored_tallies(sessions_q: Q) -> RawTallies:
    """The tallies as stored for the sessions matching `sessions_q` (rows at zero left out)."""
    stored = RawTallies()
    session_ids = BranchSession.objects.filter(sessions_q).values("pk")
    for tally in SessionTally.objects.filter(session_id__in=session_ids):
        stored.sessions[tally.session_id] = tally
    levels = LevelTally.objects.filter(session_id__in=session_ids).exclude(n=0)
    for session_id, kind, code, level, n in levels.values_list("session_id", "kind", "code", "level", "n"):
        stored.levels[(session_id, kind, code, level)] = n
    days = SubmissionDay.objects.filter(session_id__in=session_ids).exclude(n=0)
    for session_id, day, n in days.values_list("session_id", "day", "n"):
        stored.days[(session_id, day)] = n
    return stored


def differences(stored: RawTallies, raw: RawTallies, labels: dict[int, str]) -> list[str]:
    """One line per difference: "<session>: <what> <stored> → <raw>"."""
    lines: list[str] = []
    for session_id, expected in raw.sessions.items():
        label = labels.get(session_id, str(session_id))
        actual = stored.sessions.get(session_id)
        if actual is None:
            lines.append(f"{label}: tally missing")
            continue
        for name in (*SessionTally.PLACED, *SessionTally.COUNTED):
            if getattr(actual, name) != getattr(expected, name):
                lines.append(f"{label}: {name} {getattr(actual, name)} → {getattr(expected, name)}")
    for key in sorted(set(stored.levels) | set(raw.levels)):
        if stored.levels.get(key, 0) != raw.levels.get(key, 0):
            session_id, kind, code, level = key
            lines.append(
                f"{labels.get(session_id, session_id)}: level {kind}:{code}={level} "
                f"{stored.levels.get(key, 0)} → {raw.levels.get(key, 0)}"
            )
    for day_key in sorted(set(stored.days) | set(raw.days)):
        if stored.days.get(day_key, 0) != raw.days.get(day_key, 0):
            session_id, day = day_key
            lines.append(
                f"{labels.get(session_id, session_id)}: submitted on {day.isoformat()} "
                f"{stored.days.get(day_key, 0)} → {raw.days.get(day_key, 0)}"
            )
    return lines


def write_tallies(raw: RawTallies) -> None:
    """Replace the tallies of the sessions in `raw` by `raw` (inside the caller's transaction)."""
    ids = list(raw.sessions)
    for chunk in _chunks(ids):
        SessionTally.objects.filter(session_id__in=chunk).delete()
        LevelTally.objects.filter(session_id__in=chunk).delete()
        SubmissionDay.objects.filter(session_id__in=chunk).delete()
    SessionTally.objects.bulk_create(raw.sessions.values(), batch_size=BATCH)
    placed = {sid: (sid, t.campaign_id, t.branch_path, t.sector) for sid, t in raw.sessions.items()}
    _insert(LevelTally, ("kind", "code", "level"), [(*placed[k[0]], *k[1:], n) for k, n in raw.levels.items()])
    day_field = SubmissionDay._meta.get_field("day")
    days = [(*placed[sid], day_field.get_db_prep_value(day, connection), n) for (sid, day), n in raw.days.items()]
    _insert(SubmissionDay, ("day",), days)


def _insert(model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Plain INSERTs through one prepared statement (thousands of level rows: no model instances)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ("session_id", "campaign_id", "branch_path", "sector", *columns, "n")
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in names)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(names))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 10):
            cursor.executemany(sql, rows[start : start + BATCH * 10])


@dataclass
class RebuildResult:
    sessions: int
    differences: list[str]


def _labels(sessions_q: Q) -> dict[int, str]:
    rows = BranchSession.objects.filter(sessions_q).values_list("pk", "campaign__plan_number", "branch__code")
    return {pk: f"{plan} · {code}" for pk, plan, code in rows}


def rebuild_tallies(*, campaign: Campaign | None = None, check: bool = False) -> RebuildResult:
    """Recompute the tallies of one campaign (or all) from the raw records, list every difference
    with what is stored, and (unless `check`) replace the stored tallies by the recomputed ones."""
    sessions_q = Q(campaign=campaign) if campaign is not None else Q()
    with transaction.atomic():
        raw = compute_raw(sessions_q)
        found = differences(stored_tallies(sessions_q), raw, _labels(sessions_q))
        if not check:
            write_tallies(raw)
    return RebuildResult(sessions=len(raw.sessions), differences=found)


def rebuild_session_tallies(session_ids: list[int]) -> None:
    """Rewrite the tallies of these sessions from their raw records (no comparison)."""
    write_tallies(compute_raw(Q(pk__in=session_ids)))
