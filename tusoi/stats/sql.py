"""Two statements the ORM does not write: an upsert that adds to a counter, and a plain many-row insert.

Both take rows as tuples in the order of `columns` (names of the model's columns, values already
prepared for the database). The upsert is one statement on SQLite (3.24+) and PostgreSQL; its rows
are sorted, so two transactions touching the same counters lock them in the same order.
"""

from typing import Any

from django.db import connection, models

BATCH = 10_000


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(connection.ops.quote_name(c) for c in columns)


def upsert_add(model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """INSERT the rows, or where their key (every column but the last, `n`) exists, add their `n`."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    count = quote(columns[-1])
    sql = (
        f"INSERT INTO {table} ({_names(columns)}) VALUES {', '.join([row_sql] * len(rows))} "  # noqa: S608
        f"ON CONFLICT ({_names(columns[:-1])}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in sorted(rows) for value in row])


def insert_rows(model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Plain INSERTs through one prepared statement (thousands of rows: no model instances)."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({_names(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
