"""What a check read of a workbook, kept with its upload (`WorkbookUpload.tables`) so
that the confirmed import checks the same rows again without reading the file a
second time.

The rows read depend on the file alone, never on the register, so they stay valid
however the register changes between the check and the confirmation; the import
still runs every check on them against the register as it is then. Kept as plain
tuples (each row's number, whether it could be read, its values in its sheet's
columns), pickled and compressed: in the database, so that the host that runs the
import need not be the one that ran the check. Only this application writes them.

A check that found nothing to write (every row restates its record) also keeps what
it found and the version of the register's part it read (`with_outcome`): confirmed
while that part is as it was, on the same day, for the same area, the import has
nothing to check again (`importer.unchanged_import`).
"""

from __future__ import annotations

import pickle
import zlib

from exchange.workbook.problems import Problems
from exchange.workbook.spec import Sheet, Table

VERSION = 2  # what the tuples hold; a stored read of another version is not used


def dumps(tables: dict[str, Table], notices: Problems) -> bytes:
    """The tables a check read without a problem, and its notices, as bytes."""
    kept = {}
    for name, table in tables.items():
        slots = ("number", "ok", *table.sheet.column_names)
        rows = [tuple(getattr(row, slot) for slot in slots) for row in table.rows]
        kept[name] = (sorted(table.present), table.header, rows)
    notes = [(item.sheet, item.row, item.column, item.message) for item in notices]
    rows = zlib.compress(pickle.dumps((kept, notes), pickle.HIGHEST_PROTOCOL), 1)
    return pickle.dumps((VERSION, rows, None), pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes) -> tuple[bytes, dict | None] | None:
    """The compressed rows and the outcome kept in `data`, or None when another
    version of this module kept them."""
    try:
        version, rows, outcome = pickle.loads(data)  # noqa: S301 - our own rows
    except (pickle.UnpicklingError, ValueError, TypeError, EOFError):
        return None
    return (rows, outcome) if version == VERSION else None


def with_outcome(data: bytes, outcome: dict) -> bytes:
    """`data` (`dumps`) with the outcome of its check: plain values (`outcome_of`)."""
    rows, _before = _unpack(data)
    return pickle.dumps((VERSION, rows, outcome), pickle.HIGHEST_PROTOCOL)


def outcome_alone(outcome: dict) -> bytes:
    """The outcome of a check that did not read its file (`importer.recognised`),
    kept as `with_outcome` keeps one, without rows: confirmed under another mark, the
    file is read again."""
    return pickle.dumps((VERSION, None, outcome), pickle.HIGHEST_PROTOCOL)


def outcome_of(data: bytes) -> dict | None:
    """The outcome `with_outcome` kept, or None (the rows are not unpacked)."""
    unpacked = _unpack(data)
    return unpacked[1] if unpacked is not None else None


def loads(data: bytes, sheets: list[Sheet], notices: Problems) -> dict[str, Table] | None:
    """The tables kept by `dumps` (the notices added to `notices`), or None when they
    were kept by another version of this module, or none were (`outcome_alone`)."""
    unpacked = _unpack(data)
    if unpacked is None or unpacked[0] is None:
        return None
    kept, notes = pickle.loads(zlib.decompress(unpacked[0]))  # noqa: S301 - our own rows
    by_name = {sheet.name: sheet for sheet in sheets}
    tables = {}
    for name, (present, header, rows) in kept.items():
        sheet = by_name[name]
        make_row = sheet.Row
        slots = ("number", "ok", *sheet.column_names)
        table = Table(sheet=sheet, present=frozenset(present), header=header)
        append = table.rows.append
        for values in rows:
            row = make_row()
            for slot, value in zip(slots, values, strict=True):
                setattr(row, slot, value)
            append(row)
        tables[name] = table
    for note in notes:
        notices.add(*note)
    return tables
