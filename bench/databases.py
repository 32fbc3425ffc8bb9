"""The bench's databases: a fresh SQLite file or PostgreSQL database per province, never the
development or test ones (names start with "tusoi_bench" / live under var/bench/)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
VENDORS = ("sqlite", "postgresql")


def database_url(vendor: str, name: str) -> str:
    if vendor == "sqlite":
        return f"sqlite:///{WORK / f'{name}.sqlite3'}"
    return f"{PG_SERVER}/tusoi_bench_{name}"


def recreate(vendor: str, name: str) -> str:
    """Drop and create the database `name`; returns its URL."""
    WORK.mkdir(parents=True, exist_ok=True)
    if vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (WORK / f"{name}.sqlite3{suffix}").unlink(missing_ok=True)
        return database_url(vendor, name)
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "tusoi_bench_{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "tusoi_bench_{name}"')
    return database_url(vendor, name)


def drop(vendor: str, name: str) -> None:
    if vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (WORK / f"{name}.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "tusoi_bench_{name}" WITH (FORCE)')


def size_on_disk(vendor: str, name: str) -> int:
    if vendor == "sqlite":
        return sum(p.stat().st_size for p in WORK.glob(f"{name}.sqlite3*"))
    import psycopg

    with psycopg.connect(database_url(vendor, name)) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else 0
