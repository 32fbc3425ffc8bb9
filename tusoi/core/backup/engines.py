"""Dump and load the database, per vendor: SQLite's backup API, PostgreSQL's pg_dump / pg_restore.

A dump returns the rows per model and the applied migrations *of the dump itself*: SQLite's are
counted in the copy, PostgreSQL's in the transaction whose snapshot pg_dump exports.
"""

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.utils.translation import gettext as _

from .errors import BackupError
from .manifest import applied_migrations, count_rows

PARTS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def vendor_name(vendor: str) -> str:
    return NAMES.get(vendor, vendor)


@dataclass
class DumpFacts:
    counts: dict[str, int]
    migrations: dict[str, list[str]]


def database_part(vendor: str) -> str:
    try:
        return PARTS[vendor]
    except KeyError:
        raise BackupError(
            _("This database (%(vendor)s) is not supported: only SQLite and PostgreSQL are.") % {"vendor": vendor}
        ) from None


def live_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    with connection.cursor() as cursor:
        return count_rows(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)


def dump(connection: BaseDatabaseWrapper, target: Path) -> DumpFacts:
    if connection.vendor == "sqlite":
        return _sqlite_dump(connection, target)
    if connection.vendor == "postgresql":
        return _postgresql_dump(connection, target)
    database_part(connection.vendor)  # raises
    raise AssertionError


def check_part(vendor: str, part: Path) -> None:
    """Refuse a database part that the vendor's own tools find damaged (after the checksums passed)."""
    if vendor == "sqlite":
        source = sqlite3.connect(f"file:{part}?mode=ro", uri=True)
        try:
            result = source.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            result = str(error)
        finally:
            source.close()
        if result != "ok":
            raise BackupError(_("The database in the archive is damaged: %(error)s") % {"error": result})
    else:
        _run([_executable("pg_restore"), "--list", str(part)], env=None)


def load(connection: BaseDatabaseWrapper, part: Path) -> None:
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    if connection.vendor == "sqlite":
        _sqlite_load(connection, part)
    else:
        _postgresql_load(connection, part)


def _sqlite_dump(connection: BaseDatabaseWrapper, target: Path) -> DumpFacts:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # One step (pages=-1): the whole database under one read lock, a consistent copy even while
        # the server writes (WAL lets it go on writing).
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        cursor = copy.cursor()
        tables = [row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        facts = DumpFacts(
            counts=count_rows(cursor, tables, connection.ops.quote_name),
            migrations=applied_migrations(cursor, tables),
        )
    finally:
        copy.close()
    os.chmod(target, 0o600)
    return facts


def _sqlite_load(connection: BaseDatabaseWrapper, part: Path) -> None:
    connection.ensure_connection()
    live = connection.connection
    mode = live.execute("PRAGMA journal_mode").fetchone()[0]
    source = sqlite3.connect(f"file:{part}?mode=ro", uri=True)
    try:
        source.backup(live)
    finally:
        source.close()
    if live.execute("PRAGMA journal_mode").fetchone()[0] != mode:
        live.execute(f"PRAGMA journal_mode={mode}")


def _executable(program: str) -> str:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            _("%(program)s was not found: install the PostgreSQL client tools (apt-get install postgresql-client).")
            % {"program": program}
        )
    return executable


def _pg_command(program: str, settings_dict: dict[str, Any], *arguments: str) -> tuple[list[str], dict[str, str]]:
    """The program with the connection from settings; the password goes in the environment only."""
    executable = _executable(program)
    _psql, extra = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    command = [executable]
    if settings_dict.get("USER"):
        command += ["--username", str(settings_dict["USER"])]
    if settings_dict.get("HOST"):
        command += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        command += ["--port", str(settings_dict["PORT"])]
    command += ["--no-password", *arguments]
    if settings_dict.get("NAME"):
        command += ["--dbname", str(settings_dict["NAME"])]
    return command, {**os.environ, **(extra or {})}


def _failure(program: str, code: int, output: str) -> BackupError:
    lines = output.strip().splitlines()[-5:]
    return BackupError(
        _("%(program)s failed (exit code %(code)s): %(error)s")
        % {"program": Path(program).name, "code": code, "error": " / ".join(lines)}
    )


def _run(command: list[str], env: dict[str, str] | None) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise _failure(command[0], done.returncode, done.stderr or done.stdout)


def _postgresql_dump(connection: BaseDatabaseWrapper, target: Path) -> DumpFacts:
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot run inside a transaction."))
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Count in the snapshot pg_dump then dumps: the manifest describes exactly the dump.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = connection.introspection.table_names(cursor)
        facts = DumpFacts(
            counts=count_rows(cursor, tables, connection.ops.quote_name),
            migrations=applied_migrations(cursor, tables),
        )
        command, env = _pg_command(
            "pg_dump", connection.settings_dict, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"
        )
        _run(command, env)
    os.chmod(target, 0o600)
    return facts


def _dump_tables(part: Path) -> set[str]:
    listing = subprocess.run(  # noqa: S603
        [_executable("pg_restore"), "--list", str(part)], capture_output=True, text=True, check=True
    ).stdout
    entries = (line.split() for line in listing.splitlines() if not line.startswith(";"))
    return {fields[5] for fields in entries if len(fields) >= 6 and fields[3] == "TABLE"}


def _postgresql_load(connection: BaseDatabaseWrapper, part: Path) -> None:
    """pg_restore's script (--clean --if-exists --no-owner --no-privileges) through psql in one
    transaction, after dropping the tables the dump does not have (a newer version's, when rolling back
    an upgrade): the database ends exactly as dumped, or, on any error, unchanged."""
    with connection.cursor() as cursor:
        live = set(connection.introspection.table_names(cursor))
    extra = sorted(live - _dump_tables(part))
    connection.close()  # no idle session of ours holds a lock on a table the restore drops
    preamble = "".join(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE;\n" for table in extra)
    script = [_executable("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--file=-"]
    psql, env = _pg_command(
        "psql", connection.settings_dict, "--single-transaction", "--set=ON_ERROR_STOP=1", "--quiet", "--no-psqlrc"
    )
    with tempfile.TemporaryFile() as script_errors, tempfile.TemporaryFile() as psql_errors:
        writer = subprocess.Popen([*script, str(part)], stdout=subprocess.PIPE, stderr=script_errors)  # noqa: S603
        loader = subprocess.Popen(  # noqa: S603
            [*psql, "--file=-"], env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=psql_errors
        )
        assert writer.stdout is not None
        assert loader.stdin is not None
        try:
            loader.stdin.write(preamble.encode())
            shutil.copyfileobj(writer.stdout, loader.stdin)
        except BrokenPipeError:
            writer.kill()  # psql stopped at an error and rolled back
        finally:
            writer.stdout.close()
            with contextlib.suppress(BrokenPipeError):
                loader.stdin.close()
        for program, process, errors in (("psql", loader, psql_errors), ("pg_restore", writer, script_errors)):
            if process.wait() != 0:
                errors.seek(0)
                raise _failure(program, process.returncode, errors.read().decode(errors="replace"))
