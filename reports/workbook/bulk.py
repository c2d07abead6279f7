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

As with `bulk_create`, no signals are sent and `save()` is not called.
"""

from __future__ import annotations

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
