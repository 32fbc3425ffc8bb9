"""The counter statements the tallies are written with (`tusoi.core.sql`): the upsert inserts new keys and
adds to existing ones in one statement whatever the number of rows (arrays on PostgreSQL); the session's
counters and the upserts in one statement on PostgreSQL, the upserts only if the session's row exists."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tusoi.core.sql import add_then_upsert, upsert_add
from tusoi.stats.models import LevelTally, SessionTally, SubmissionDay
from tusoi.stats.rebuild import DAY_COLUMNS, LEVEL_COLUMNS

from .conftest import StatsEnv


def _levels(env: StatsEnv, path: str) -> dict[tuple[str, str, str], int]:
    rows = LevelTally.objects.filter(campaign=env.campaign, unit_path=path, sector="test")
    return {(r.kind, r.code, r.level): r.n for r in rows}


def test_inserts_new_keys_and_adds_to_existing_ones(env: StatsEnv) -> None:
    c = env.campaign.pk
    upsert_add(LevelTally, LEVEL_COLUMNS, [(c, "9999", "test", "i", "I.1.a", "often", 1)])
    rows = [(c, "9999", "test", "i", "I.1.a", "often", 2), (c, "9999", "test", "i", "I.1.b", "sometimes", 1)]
    with CaptureQueriesContext(connection) as queries:
        upsert_add(LevelTally, LEVEL_COLUMNS, rows)
    assert len(queries) == 1
    assert _levels(env, "9999") == {("i", "I.1.a", "often"): 3, ("i", "I.1.b", "sometimes"): 1}
    upsert_add(LevelTally, LEVEL_COLUMNS, [(c, "9999", "test", "i", "I.1.a", "often", -3)])
    assert _levels(env, "9999")[("i", "I.1.a", "often")] == 0


def test_one_statement_for_more_rows_than_a_statement_has_parameters(env: StatsEnv) -> None:
    """On PostgreSQL 12,000 rows of 7 values: more values than a statement may have parameters
    (65,535), so only arrays pass. SQLite takes up to 32,766 parameters: 4,000 rows there."""
    c = env.campaign.pk
    count = 12_000 if connection.vendor == "postgresql" else 4_000
    rows = [(c, "8888", "test", "i", f"X.{i}", "often", i % 3 + 1) for i in range(count)]
    with CaptureQueriesContext(connection) as queries:
        upsert_add(LevelTally, LEVEL_COLUMNS, rows)
        upsert_add(LevelTally, LEVEL_COLUMNS, rows[::2])
    assert len(queries) == 2
    counted = _levels(env, "8888")
    assert len(counted) == count
    assert counted[("i", "X.0", "often")] == 2  # 1, then 1 again
    assert counted[("i", "X.1", "often")] == 2  # only in the first call
    assert sum(counted.values()) == sum(r[-1] for r in rows) + sum(r[-1] for r in rows[::2])


def test_dates_and_no_rows(env: StatsEnv) -> None:
    c = env.campaign.pk
    upsert_add(SubmissionDay, DAY_COLUMNS, [])
    day = date(2026, 11, 27)
    upsert_add(SubmissionDay, DAY_COLUMNS, [(c, "7777", "test", day, 1), (c, "77770001", "test", day, 1)])
    upsert_add(SubmissionDay, DAY_COLUMNS, [(c, "7777", "test", day, 1)])
    days = dict(SubmissionDay.objects.filter(campaign=env.campaign, sector="test").values_list("unit_path", "n"))
    assert days == {"7777": 2, "77770001": 1}


def test_add_then_upsert_adds_only_where_the_row_exists(env: StatsEnv) -> None:
    session = env.session(env.org.branch_a)
    before = SessionTally.objects.get(session=session)
    c = env.campaign.pk
    levels = (LevelTally, LEVEL_COLUMNS, [(c, "6666", "test", "i", "I.1.a", "often", 1)])
    with CaptureQueriesContext(connection) as queries:
        found = add_then_upsert(SessionTally, ("session_id", session.pk), {"submitted": 2, "returned": -1}, [levels])
    assert found
    assert len(queries) == (1 if connection.vendor == "postgresql" else 2)
    after = SessionTally.objects.get(session=session)
    assert (after.submitted, after.returned) == (before.submitted + 2, before.returned - 1)
    assert _levels(env, "6666") == {("i", "I.1.a", "often"): 1}
    # No tally row for that session: nothing changes, and the caller is told.
    assert not add_then_upsert(SessionTally, ("session_id", 0), {"submitted": 1}, [levels])
    assert _levels(env, "6666") == {("i", "I.1.a", "often"): 1}
