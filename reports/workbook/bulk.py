"""Inserting many rows of one model quickly, for the workbook import's own writes.

`bulk_create` spends most of its time building the statement: it prepares every
value through the field and the compiler (two dozen calls a value), and on SQLite
it stops at 999 parameters a statement. For the hundreds of thousands of records
and audit entries of a large import this took most of the writing time. Here each
field's conversion is chosen once (none for text, numbers and references; the
field's own `get_db_prep_save` for dates, decimals, JSON and the like, remembered
for repeated dates), `auto_now_add` fields are filled as `save()` fills them, and
the rows go in multi-row INSERT statements as large as the database takes, with
their new ids returned in order as `bulk_create` has them. On a database other
than SQLite or PostgreSQL it falls back to `bulk_create`.

Rows whose ids are not needed (the audit entries) go to PostgreSQL by COPY, about
twice as fast as INSERT there.

As with `bulk_create`, no signals are sent and `save()` is not called.
"""

from __future__ import annotations

import io
import json

from django.db import connections, router

PLAIN = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "BigIntegerField",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "BooleanField",
    "CharField",
    "TextField",
}
REMEMBERED = {"DateField"}  # few distinct values: each converted once
POSTGRES_PARAMETERS = 65535
ROWS = 2000  # rows a statement at most


def _plain(field) -> bool:
    if field.is_relation:
        return field.target_field.get_internal_type() in PLAIN
    return field.get_internal_type() in PLAIN


def _converter(field, connection):
    """The function turning a (non-None) value into what the driver takes, or None
    when the value goes as it is."""
    if _plain(field):
        return None
    prepare = field.get_db_prep_save
    if field.get_internal_type() in REMEMBERED:
        seen: dict = {}

        def remembered(value):
            if value not in seen:
                seen[value] = prepare(value, connection)
            return seen[value]

        return remembered
    return lambda value: prepare(value, connection)


def _parameter_limit(connection) -> int:
    if connection.vendor == "postgresql":
        return POSTGRES_PARAMETERS
    try:  # SQLite 3.32 and later take 32,766; Python 3.11 can ask
        import sqlite3

        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:
        return connection.features.max_query_params


def _copy_escape(text: str) -> str:
    """Text in COPY's text format (backslash, tab, newline, carriage return)."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_text(field):
    """The function writing a field's (non-None) value in COPY's text format, or
    None for a kind of field this module does not write that way."""
    internal = (
        field.target_field.get_internal_type() if field.is_relation else (field.get_internal_type())
    )
    if internal == "BooleanField":
        return lambda value: "t" if value else "f"
    if internal in PLAIN or internal in ("DecimalField", "GenericIPAddressField"):
        return lambda value: _copy_escape(str(value))
    if internal in ("DateField", "DateTimeField"):
        return lambda value: value.isoformat()
    if internal == "JSONField":
        return lambda value: _copy_escape(json.dumps(value, cls=field.encoder))
    return None


def _copy(connection, opts, fields, objs) -> bool:
    """COPY the rows into PostgreSQL; False when a field cannot be written so."""
    writers = [(field.attname, _copy_text(field)) for field in fields]
    if any(write is None for _attname, write in writers):
        return False
    with connection.cursor() as cursor:
        if not hasattr(cursor.cursor, "copy_expert"):  # psycopg2's; others: INSERT
            return False
    buffer = io.StringIO()
    for obj in objs:
        buffer.write(
            "\t".join(
                "\\N" if (value := getattr(obj, attname)) is None else write(value)
                for attname, write in writers
            )
        )
        buffer.write("\n")
    buffer.seek(0)
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        # The model's own table and column names, quoted; the rows are data.
        cursor.cursor.copy_expert(f"COPY {quote(opts.db_table)} ({names}) FROM STDIN", buffer)
    return True


def analyze(models) -> None:
    """Refresh PostgreSQL's statistics of these models' tables (in the transaction:
    it counts the rows the transaction wrote). Other databases: nothing."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            # The model's own table name, quoted.
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def bulk_insert(model, objs: list, *, returning: bool = True) -> None:
    """Insert `objs` (instances of `model` without their ids yet); with `returning`,
    each gets its new id."""
    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor not in ("sqlite", "postgresql"):
        model.objects.bulk_create(objs)
        return
    connection.ensure_connection()
    opts = model._meta
    pk = opts.pk
    fields = [field for field in opts.concrete_fields if field is not pk]
    stamped = [
        field
        for field in fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    if connection.vendor == "postgresql" and not returning:
        for obj in objs:
            for field in stamped:
                field.pre_save(obj, add=True)
        if _copy(connection, opts, fields, objs):
            for obj in objs:
                obj._state.adding = False
                obj._state.db = connection.alias
            return
    columns = [(field.attname, _converter(field, connection)) for field in fields]
    quote = connection.ops.quote_name
    # Only the model's own table and column names, quoted, go into the statement;
    # every value is a parameter.
    table, names = quote(opts.db_table), ", ".join(quote(field.column) for field in fields)
    head = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
    tail = f" RETURNING {quote(pk.column)}" if returning else ""
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, min(ROWS, _parameter_limit(connection) // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per_statement):
            batch = objs[start : start + per_statement]
            params = []
            for obj in batch:
                for field in stamped:
                    field.pre_save(obj, add=True)
                for attname, convert in columns:
                    value = getattr(obj, attname)
                    params.append(value if convert is None or value is None else convert(value))
            cursor.execute(head + ", ".join([row_sql] * len(batch)) + tail, params)
            if returning:
                for obj, (pk_value,) in zip(batch, cursor.fetchall(), strict=True):
                    setattr(obj, pk.attname, pk_value)
            for obj in batch:
                obj._state.adding = False
                obj._state.db = connection.alias
