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

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from tusoi.campaigns.models import BranchSession, Campaign, SessionStatus
from tusoi.core.sql import insert_rows, upsert_add
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

LevelRow = tuple[int, str, str, str, str, str]  # (campaign id, unit path, sector, kind, code, level)
DayRow = tuple[int, str, str, date]  # (campaign id, unit path, sector, local day)
LEVEL_COLUMNS = ("campaign_id", "unit_path", "sector", "kind", "code", "level", "n")
DAY_COLUMNS = ("campaign_id", "unit_path", "sector", "day", "n")


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


def unit_paths(branch_path: str) -> list[str]:
    """The paths the level and day tallies of a branch are kept under: every unit above it and itself."""
    return [*ancestor_paths(branch_path), branch_path]


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
            maps[session.campaign.catalog_id] = catalog_map(session.campaign.catalog)
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
    places = {sid: (t.campaign_id, unit_paths(t.branch_path), t.sector) for sid, t in raw.sessions.items()}
    for chunk in _chunks(ids):
        reviews = SelfReview.objects.filter(session_id__in=chunk, is_active=True, status=ReviewStatus.SUBMITTED)
        rows = reviews.order_by().values_list("session_id", "submitted_at", "answers").iterator(chunk_size=BATCH)
        for session_id, submitted_at, answers in rows:
            campaign_id, paths, sector = places[session_id]
            keys = catalog_of[session_id].level_keys(answers or {})
            day = timezone.localdate(submitted_at) if submitted_at is not None else None
            for path in paths:
                for kind, code, level in keys:
                    raw.levels[(campaign_id, path, sector, kind, code, level)] += 1
                if day is not None:
                    raw.days[(campaign_id, path, sector, day)] += 1


# --- Stored tallies, comparison and rewrite --------------------------------------------------------


def stored_tallies(sessions_q: Q, campaign_q: Q) -> RawTallies:
    """The tallies as stored for the sessions matching `sessions_q` and the level and day rows of the
    campaigns matching `campaign_q` (rows at zero left out)."""
    stored = RawTallies()
    session_ids = BranchSession.objects.filter(sessions_q).values("pk")
    for tally in SessionTally.objects.filter(session_id__in=session_ids):
        stored.sessions[tally.session_id] = tally
    for row in LevelTally.objects.filter(campaign_q).exclude(n=0).values_list(*LEVEL_COLUMNS).iterator():
        stored.levels[row[:-1]] = row[-1]
    for row in SubmissionDay.objects.filter(campaign_q).exclude(n=0).values_list(*DAY_COLUMNS).iterator():
        stored.days[row[:-1]] = row[-1]
    return stored


@dataclass
class Labels:
    """How a difference names its session or unit: "31-KH/ĐUK · CB02"."""

    sessions: dict[int, str]
    plans: dict[int, str]
    units: dict[str, str]

    def unit(self, campaign_id: int, path: str) -> str:
        return f"{self.plans.get(campaign_id, campaign_id)} · {self.units.get(path, path)}"


def _labels(sessions_q: Q, paths: set[str]) -> Labels:
    rows = BranchSession.objects.filter(sessions_q).values_list(
        "pk", "campaign_id", "campaign__plan_number", "branch__code"
    )
    units = dict(Unit.objects.filter(path__in=list(paths)).values_list("path", "code")) if paths else {}
    return Labels(
        sessions={pk: f"{plan} · {code}" for pk, _cid, plan, code in rows},
        plans={cid: plan for _pk, cid, plan, _code in rows},
        units=units,
    )


def differences(stored: RawTallies, raw: RawTallies, labels: Labels) -> list[str]:
    """One line per difference: "<session or unit>: <what> <stored> → <raw>"."""
    lines: list[str] = []
    for session_id, expected in raw.sessions.items():
        label = labels.sessions.get(session_id, str(session_id))
        actual = stored.sessions.get(session_id)
        if actual is None:
            lines.append(f"{label}: tally missing")
            continue
        for name in (*SessionTally.PLACED, *SessionTally.COUNTED):
            if getattr(actual, name) != getattr(expected, name):
                lines.append(f"{label}: {name} {getattr(actual, name)} → {getattr(expected, name)}")
    for key in sorted(set(stored.levels) | set(raw.levels)):
        if stored.levels.get(key, 0) != raw.levels.get(key, 0):
            campaign_id, path, sector, kind, code, level = key
            lines.append(
                f"{labels.unit(campaign_id, path)}: level {kind}:{code}={level} ({sector}) "
                f"{stored.levels.get(key, 0)} → {raw.levels.get(key, 0)}"
            )
    for day_key in sorted(set(stored.days) | set(raw.days)):
        if stored.days.get(day_key, 0) != raw.days.get(day_key, 0):
            campaign_id, path, sector, day = day_key
            lines.append(
                f"{labels.unit(campaign_id, path)}: submitted on {day.isoformat()} ({sector}) "
                f"{stored.days.get(day_key, 0)} → {raw.days.get(day_key, 0)}"
            )
    return lines


def _level_rows(raw: RawTallies) -> list[tuple[Any, ...]]:
    return [(*key, n) for key, n in raw.levels.items()]


def _day_rows(raw: RawTallies) -> list[tuple[Any, ...]]:
    day_field = SubmissionDay._meta.get_field("day")
    return [
        (cid, path, sector, day_field.get_db_prep_value(day, connection), n)
        for (cid, path, sector, day), n in raw.days.items()
    ]


def _replace_sessions(raw: RawTallies) -> None:
    for chunk in _chunks(list(raw.sessions)):
        SessionTally.objects.filter(session_id__in=chunk).delete()
    SessionTally.objects.bulk_create(raw.sessions.values(), batch_size=BATCH)


def write_tallies(raw: RawTallies, campaign_q: Q) -> None:
    """Replace the session tallies of the sessions in `raw`, and every level and day row of the
    campaigns matching `campaign_q`, by `raw` (which must cover all their sessions)."""
    _replace_sessions(raw)
    LevelTally.objects.filter(campaign_q).delete()
    SubmissionDay.objects.filter(campaign_q).delete()
    insert_rows(LevelTally, [dict(zip(LEVEL_COLUMNS, row, strict=True)) for row in _level_rows(raw)])
    insert_rows(SubmissionDay, [dict(zip(DAY_COLUMNS, row, strict=True)) for row in _day_rows(raw)])


@dataclass
class RebuildResult:
    sessions: int
    differences: list[str]


def rebuild_tallies(*, campaign: Campaign | None = None, check: bool = False) -> RebuildResult:
    """Recompute the tallies of one campaign (or all) from the raw records, list every difference
    with what is stored, and (unless `check`) replace the stored tallies by the recomputed ones."""
    sessions_q = Q(campaign=campaign) if campaign is not None else Q()
    campaign_q = Q(campaign=campaign) if campaign is not None else Q()
    with transaction.atomic():
        raw = compute_raw(sessions_q)
        stored = stored_tallies(sessions_q, campaign_q)
        paths = {str(key[1]) for key in (*raw.levels, *stored.levels, *raw.days, *stored.days)}
        found = differences(stored, raw, _labels(sessions_q, paths))
        if not check:
            write_tallies(raw, campaign_q)
    return RebuildResult(sessions=len(raw.sessions), differences=found)


def campaign_tallies_write(campaign: Campaign) -> None:
    """Write every tally of `campaign` from its raw records (no comparison)."""
    write_tallies(compute_raw(Q(campaign=campaign)), Q(campaign=campaign))


def session_tallies_add(session_ids: list[int]) -> None:
    """Create the tallies of sessions that have none: their own row, and their levels and days added
    to the rows of the units above them (which never counted them)."""
    raw = compute_raw(Q(pk__in=session_ids))
    _replace_sessions(raw)
    upsert_add(LevelTally, LEVEL_COLUMNS, _level_rows(raw))
    upsert_add(SubmissionDay, DAY_COLUMNS, _day_rows(raw))
