"""Inserting many rows of one model quickly: the writes of the workbook import, with
`registry.audit_bulk` their audit entries, and the rebuilt visit schedule.

`bulk_create` spends most of its time building the statement: it prepares every
value through the field and the compiler (two dozen calls a value), and on SQLite
it stops at 999 parameters a statement. For the hundreds of thousands of records
and audit entries of a large import this took most of the writing time. Here each
field's conversion is chosen once (none for text, numbers and references; the
database's own adaptation of a date or a JSON object; the field's own
`get_db_prep_save` for the rest, remembered for the stamps), `auto_now_add` fields
are filled as `save()` fills them, one moment for all the rows of a call, and the
rows go in multi-row INSERT statements as large as the database takes, with
their new ids returned in order as `bulk_create` has them. On PostgreSQL the ids are
taken from the table's sequence first and the rows go by COPY, about twice as fast
as INSERT there. On a database other than SQLite or PostgreSQL it falls back to
`bulk_create`.

Rows whose ids are not needed (the audit entries, the due visits) are given as tuples
of values (`insert_rows`), without model instances, the values every row shares
written once.

As with `bulk_create`, no signals are sent and `save()` is not called.
"""

from __future__ import annotations

import datetime
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
TEXT = {"CharField", "TextField", "DecimalField", "GenericIPAddressField"}
REMEMBERED = {"DateTimeField"}  # few distinct values (the stamps): each converted once
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
    internal = field.get_internal_type()
    prepare = field.get_db_prep_save
    if internal in REMEMBERED:
        seen: dict = {}

        def remembered(value):
            if value not in seen:
                seen[value] = prepare(value, connection)
            return seen[value]

        return remembered
    # What the field's own preparation gives a date or a JSON object, without its
    # dozen calls.
    if internal == "DateField":
        adapt_date = connection.ops.adapt_datefield_value
        return lambda value: (
            adapt_date(value) if type(value) is datetime.date else prepare(value, connection)
        )
    if internal == "JSONField":
        adapt_json, encoder = connection.ops.adapt_json_value, field.encoder
        return lambda value: (
            adapt_json(value, encoder) if type(value) is dict else prepare(value, connection)
        )
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
    if internal in TEXT:
        return lambda value: _copy_escape(str(value))
    if internal in PLAIN:  # numbers
        return str
    if internal in ("DateField", "DateTimeField"):
        return lambda value: value.isoformat()
    if internal == "JSONField":
        return lambda value: _copy_escape(json.dumps(value, cls=field.encoder))
    return None


def _copy(connection, opts, fields, rows, constant: dict) -> bool:
    """COPY `rows` (tuples of the values of `fields`), each also with the `constant`
    values (field -> value), into PostgreSQL; False when a field cannot be written
    so. The constant columns come first, their text written once for all rows."""
    writers = [_copy_text(field) for field in fields]
    fixed = [(_copy_text(field), value) for field, value in constant.items()]
    if any(write is None for write in writers) or any(write is None for write, _v in fixed):
        return False
    with connection.cursor() as cursor:
        if not hasattr(cursor.cursor, "copy_expert"):  # psycopg2's; others: INSERT
            return False
    head = "".join(("\\N" if value is None else write(value)) + "\t" for write, value in fixed)
    buffer = io.StringIO()
    for row in rows:
        buffer.write(head)
        buffer.write(
            "\t".join(
                "\\N" if value is None else write(value)
                for value, write in zip(row, writers, strict=True)
            )
        )
        buffer.write("\n")
    buffer.seek(0)
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in (*constant, *fields))
    with connection.cursor() as cursor:
        # The model's own table and column names, quoted; the rows are data.
        cursor.cursor.copy_expert(f"COPY {quote(opts.db_table)} ({names}) FROM STDIN", buffer)
    return True


def _insert(connection, opts, fields, rows: list, *, returning: bool) -> list:
    """Multi-row INSERTs of `rows` (sequences of the fields' values as the driver
    takes them), as many rows a statement as the database takes; with `returning`,
    the new ids in order."""
    quote = connection.ops.quote_name
    # Only the model's own table and column names, quoted, go into the statement;
    # every value is a parameter.
    table, names = quote(opts.db_table), ", ".join(quote(field.column) for field in fields)
    head = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
    tail = f" RETURNING {quote(opts.pk.column)}" if returning else ""
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, min(ROWS, _parameter_limit(connection) // len(fields)))
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            cursor.execute(
                head + ", ".join([row_sql] * len(batch)) + tail,
                [value for row in batch for value in row],
            )
            if returning:
                ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


def instances_of(model):
    """A function making instances of `model` from values by attribute name (a
    reference by its `_id`; the rest take their defaults), as `model(**values)` does,
    for the many records of an import: it gives the model its fields' values in their
    order (`model(*values)`, as `Model.from_db` does), which takes half the time of
    Django matching keyword arguments with every field."""
    fields = model._meta.concrete_fields
    defaults = [field.get_default() for field in fields]
    made_anew = [  # defaults made for each instance (a new list, a new dict, …)
        (position, field.get_default)
        for position, field in enumerate(fields)
        if field.has_default() and callable(field.default)
    ]
    position = {field.attname: number for number, field in enumerate(fields)}

    def make(values: dict):
        args = defaults.copy()
        for number, default in made_anew:
            args[number] = default()
        for attname, value in values.items():
            args[position[attname]] = value
        return model(*args)

    return make


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


def _for_driver(values, converters) -> list:
    """The values as the driver takes them (`converters`: from `_converter`)."""
    return [
        value if convert is None or value is None else convert(value)
        for value, convert in zip(values, converters, strict=True)
    ]


def _copy_new(connection, opts, fields, objs) -> list[int] | None:
    """COPY the instances into PostgreSQL, with ids taken from the table's sequence
    first: their ids, or None when the ids are not a sequence's or a field cannot be
    written so."""
    if (
        connection.vendor != "postgresql"
        or opts.pk.get_internal_type() not in ("AutoField", "BigAutoField", "SmallAutoField")
        or not all(map(_copy_text, fields))
    ):
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(opts.db_table), opts.pk.column, len(objs)],
        )
        ids = sorted(pk for (pk,) in cursor.fetchall())
    rows = [
        (pk, *[getattr(obj, field.attname) for field in fields])
        for obj, pk in zip(objs, ids, strict=True)
    ]
    return ids if _copy(connection, opts, [opts.pk, *fields], rows, {}) else None


def _insert_new(connection, opts, fields, objs) -> list[int]:
    """INSERT … RETURNING the instances: their new ids."""
    converters = [_converter(field, connection) for field in fields]
    rows = [
        _for_driver([getattr(obj, field.attname) for field in fields], converters) for obj in objs
    ]
    return _insert(connection, opts, fields, rows, returning=True)


def bulk_insert(model, objs: list) -> None:
    """Insert `objs` (instances of `model` without their ids yet); each gets its new
    id."""
    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor not in ("sqlite", "postgresql"):
        model.objects.bulk_create(objs)
        return
    connection.ensure_connection()
    opts = model._meta
    fields = [field for field in opts.concrete_fields if field is not opts.pk]
    stamped = [
        field
        for field in fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for field in stamped:  # one moment for all, as the rows go in one transaction
        now = field.pre_save(objs[0], add=True)
        for obj in objs[1:]:
            setattr(obj, field.attname, now)
    ids = _copy_new(connection, opts, fields, objs) or _insert_new(connection, opts, fields, objs)
    for obj, pk in zip(objs, ids, strict=True):
        setattr(obj, opts.pk.attname, pk)
        obj._state.adding = False
        obj._state.db = connection.alias


def insert_rows(model, columns: list[str], rows: list[tuple], constant: dict | None = None):
    """Insert rows of `model` given as tuples of the values of `columns` (its fields'
    attribute names), each also with the `constant` values (attribute name -> value);
    a field named in neither takes its default. For rows whose ids are not needed
    (the audit entries): no instances are built and no ids come back."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    opts = model._meta
    by_attname = {field.attname: field for field in opts.concrete_fields if field is not opts.pk}
    constant = dict(constant or {})
    for attname, field in by_attname.items():
        if attname not in columns and attname not in constant:
            constant[attname] = field.get_default()
    fields = [by_attname[attname] for attname in columns]
    fixed = {by_attname[attname]: value for attname, value in constant.items()}
    if connection.vendor not in ("sqlite", "postgresql"):
        model.objects.bulk_create(
            [model(**constant, **dict(zip(columns, row, strict=True))) for row in rows]
        )
        return
    connection.ensure_connection()
    if connection.vendor == "postgresql" and _copy(connection, opts, fields, rows, fixed):
        return
    head = _for_driver(fixed.values(), [_converter(field, connection) for field in fixed])
    converters = [_converter(field, connection) for field in fields]
    prepared = [head + _for_driver(row, converters) for row in rows]
    _insert(connection, opts, [*fixed, *fields], prepared, returning=False)
