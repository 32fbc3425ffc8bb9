"""Statements the ORM does not write well, for thousands of rows: a many-row INSERT without Django's
per-value compilation, and an upsert that adds to a counter. Every value is a parameter; the SQL text
is built from the model's own table and column names only.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, cast

from django.db import connection, connections, models, router
from django.db.models import Field, Model

# Values passed to the database as they are, by the field's internal type (anything else goes through
# the field's own preparation).
_AS_IS: dict[str, tuple[type, ...]] = {
    "CharField": (str,),
    "TextField": (str,),
    "BooleanField": (bool,),
    "IntegerField": (int,),
    "PositiveIntegerField": (int,),
    "BigIntegerField": (int,),
}
UNNEST_BATCH = 5000  # rows per INSERT … SELECT FROM UNNEST (PostgreSQL)


def _preparer(field: "Field[Any, Any]", connection: Any) -> Callable[[Any], Any]:
    """How one column's values become parameters: as `Field.get_db_prep_save` would make them."""
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]
    kind = target.get_internal_type()
    as_is = (int,) if field.is_relation and kind in ("AutoField", "BigAutoField") else _AS_IS.get(kind, ())
    if kind == "DateField":
        adapt = connection.ops.adapt_datefield_value

        def prep_date(value: Any) -> Any:
            return adapt(value) if type(value) is date else field.get_db_prep_save(value, connection)

        return prep_date

    def prep(value: Any) -> Any:
        if value is None or type(value) in as_is:
            return value
        return field.get_db_prep_save(value, connection)

    return prep


def insert_rows(model: type[Model], rows: Sequence[dict[str, Any]], returning: Sequence[str] = ()) -> list[Any]:
    """INSERT `rows` ({field attname: value}, the same names in every row; the other fields take their
    defaults), every value a parameter. Django's bulk_create compiles every value of every row (seconds
    for 10,000 members, in statements of 76 rows on SQLite); here a column's values are prepared by a
    function chosen once for it, and a default is prepared and sent once per statement. PostgreSQL gets
    one array per column (INSERT … SELECT FROM UNNEST, as Django's own bulk insert does), the others
    multi-row VALUES. Not
    for models whose fields compute a value on saving (auto_now). `returning`: columns whose values are
    returned for every row inserted (in no particular order)."""
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    names = list(rows[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = {f.attname: f for f in fields if f.attname in names}
    computed = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    if len(given) != len(names) or computed:
        raise ValueError(f"insert_rows cannot insert {names} into {model.__name__}")
    defaulted = [f for f in fields if f.attname not in given]
    defaults = [f.get_db_prep_save(f.get_default(), connection) for f in defaulted]
    columns = [given[name] for name in names] + defaulted
    preps = [_preparer(given[name], connection) for name in names]
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in columns)}) "
    by_name = {f.name: f for f in model._meta.concrete_fields}
    tail = f" RETURNING {', '.join(quote(by_name[name].column) for name in returning)}" if returning else ""
    returned: list[Any] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array per given column, each default once; the types without their size: the values
            # are cast, not truncated (as Django does).
            types = [_array_type(f, connection) for f in columns]
            given_types, default_types = types[: len(names)], types[len(names) :]
            selected = ["u.*", *(f"(%s)::{t}" for t in default_types)]
            arrays = ", ".join(f"(%s)::{t}[]" for t in given_types)
            sql = head + f"SELECT {', '.join(selected)} FROM UNNEST({arrays}) AS u" + tail  # noqa: S608 - model names
            for start in range(0, len(rows), UNNEST_BATCH):
                chunk = rows[start : start + UNNEST_BATCH]
                values = [[prep(row[name]) for row in chunk] for name, prep in zip(names, preps, strict=True)]
                cursor.execute(sql, [*defaults, *values])
                if returning:
                    returned += cursor.fetchall()
            return returned
        # Multi-row VALUES of the given columns, each default once in the SELECT.
        limit = (connection.features.max_query_params or 999) - len(defaults)
        batch = max(1, min(1000, limit // len(names)))
        select = "SELECT " + ", ".join(["*", *(["%s"] * len(defaults))]) + " FROM (VALUES "  # noqa: S608 - placeholders only
        one = "(" + ", ".join(["%s"] * len(names)) + ")"
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params: list[Any] = list(defaults)
            for row in chunk:
                params += [prep(row[name]) for name, prep in zip(names, preps, strict=True)]
            cursor.execute(head + select + ", ".join([one] * len(chunk)) + ")" + tail, params)
            if returning:
                returned += cursor.fetchall()
    return returned


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(connection.ops.quote_name(c) for c in columns)


def _array_type(field: "Field[Any, Any]", connection: Any) -> str:
    """The column's type without its size, for an array parameter: values are cast, not truncated."""
    return cast(str, field.db_type(connection)).split("(")[0]


def _upsert(
    model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]], *, condition: str = ""
) -> tuple[str, list[Any]]:
    """The statement of `upsert_add` and its parameters; `condition` (PostgreSQL only): a WHERE clause
    on the rows inserted."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    count = quote(columns[-1])
    ordered = sorted(rows)
    conflict = f" ON CONFLICT ({_names(columns[:-1])}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
    if connection.vendor == "postgresql":
        fields = {f.attname: f for f in model._meta.concrete_fields}
        arrays = ", ".join(f"(%s)::{_array_type(fields[c], connection)}[]" for c in columns)
        sql = f"INSERT INTO {table} ({_names(columns)}) SELECT * FROM UNNEST({arrays}){condition}"  # noqa: S608
        return sql + conflict, [list(column) for column in zip(*ordered, strict=True)]
    if condition:
        raise ValueError("a condition on the upserted rows needs PostgreSQL")
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    sql = f"INSERT INTO {table} ({_names(columns)}) VALUES {', '.join([row_sql] * len(rows))}"  # noqa: S608
    return sql + conflict, [value for row in ordered for value in row]


def upsert_add(model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """INSERT the rows (tuples in the order of `columns`, values prepared for the database), or where
    their key (every column but the last, `n`) exists, add their `n`. One statement on SQLite (3.24+)
    and PostgreSQL; the rows are sorted, so two transactions touching the same counters lock them in
    the same order. PostgreSQL gets one array per column: the statement's text is the same for any
    number of rows (parsed once by the driver, no parameter limit)."""
    if not rows:
        return
    sql, params = _upsert(model, columns, rows)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


Upsert = tuple[type[models.Model], tuple[str, ...], list[tuple[Any, ...]]]  # as upsert_add's arguments


def add_then_upsert(
    model: type[models.Model], key: tuple[str, Any], increments: dict[str, int], upserts: Sequence[Upsert]
) -> bool:
    """Add `increments` ({column: n}) to the row of `model` whose `key` (column, value) matches and, only
    if that row exists, make the `upserts` (as `upsert_add`). Returns whether the row existed.

    One statement on PostgreSQL (the UPDATE and the upserts as data-modifying WITH queries, the upserts'
    rows taken only if the UPDATE found its row); on SQLite the UPDATE, then one upsert per table."""
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(c)} = {quote(c)} + %s" for c in increments)
    update = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(key[0])} = %s"  # noqa: S608
    params: list[Any] = [*increments.values(), key[1]]
    upserts = [upsert for upsert in upserts if upsert[2]]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(update, params)
            if not cursor.rowcount:
                return False
            for upsert in upserts:
                upsert_add(*upsert)
            return True
        parts = [f"found AS ({update} RETURNING 1)"]
        for i, upsert in enumerate(upserts):
            sql, more = _upsert(*upsert, condition=" WHERE EXISTS (SELECT 1 FROM found)")
            parts.append(f"added_{i} AS ({sql})")
            params += more
        cursor.execute(f"WITH {', '.join(parts)} SELECT count(*) FROM found", params)  # noqa: S608 - model names
        row = cursor.fetchone()
        return bool(row and row[0])
