"""What a check read of a workbook, kept with its upload (`WorkbookUpload.tables`) so
that the confirmed import checks the same rows again without reading the file a
second time.

The rows read depend on the file alone, never on the register, so they stay valid
however the register changes between the check and the confirmation; the import
still runs every check on them against the register as it is then. Kept as plain
tuples (each row's number, whether it could be read, its values in its sheet's
columns), pickled and compressed: in the database, so that the host that runs the
import need not be the one that ran the check. Only this application writes them.
"""

from __future__ import annotations

import pickle
import zlib

from exchange.workbook.problems import Problems
from exchange.workbook.spec import Sheet, Table

VERSION = 1  # what the tuples hold; a stored read of another version is not used


def dumps(tables: dict[str, Table], notices: Problems) -> bytes:
    """The tables a check read without a problem, and its notices, as bytes."""
    kept = {}
    for name, table in tables.items():
        slots = ("number", "ok", *table.sheet.column_names)
        rows = [tuple(getattr(row, slot) for slot in slots) for row in table.rows]
        kept[name] = (sorted(table.present), table.header, rows)
    notes = [(item.sheet, item.row, item.column, item.message) for item in notices]
    return zlib.compress(pickle.dumps((VERSION, kept, notes), pickle.HIGHEST_PROTOCOL), 1)


def loads(data: bytes, sheets: list[Sheet], notices: Problems) -> dict[str, Table] | None:
    """The tables kept by `dumps` (the notices added to `notices`), or None when they
    were kept by another version of this module."""
    version, kept, notes = pickle.loads(zlib.decompress(data))  # noqa: S301 - our own rows
    if version != VERSION:
        return None
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
