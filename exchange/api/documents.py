"""The register's records as JSON documents, in the words of the workbook template.

A child's document is its row of the Children sheet, as an object of the sheet's
columns, with its `id` in the register, and one list per sheet of a child's records
(Statuses, Placements, …: `RECORD_SHEETS`) holding its rows of that sheet. Every row
is what the workbook export writes, read by the sheets' own `export_rows`: the same
columns, codes and keys (a child without an IIN has the key `TMP-…` the export gives
it). Values are JSON (`json_value`): a date is ISO text "YYYY-MM-DD", a sum of money
text with its two decimals ("36900.00", exact, as the workbook reads it back), an
empty cell null.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from children.models import Child
from exchange.workbook.exporter import Export
from exchange.workbook.scope import ExportScope
from exchange.workbook.sheets import SHEETS
from exchange.workbook.sheets.records import ChildRecordSheet

CHILDREN = next(sheet for sheet in SHEETS if sheet.name == "Children")
# The sheets of a child's records, in the workbook's order.
RECORD_SHEETS = tuple(sheet for sheet in SHEETS if isinstance(sheet, ChildRecordSheet))


def json_value(value):
    """A cell value as JSON: dates ISO, decimals as text, an empty text null."""
    if value is None or value == "":
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def record_sheets(names=None) -> tuple:
    """The sheets of a child's records named (all of them when `names` is None), in
    the workbook's order. A name that is not one of them is a ValueError."""
    if names is None:
        return RECORD_SHEETS
    known = {sheet.name for sheet in RECORD_SHEETS}
    unknown = set(names) - known
    if unknown:
        raise ValueError(f"Not sheets of a child's records: {', '.join(sorted(unknown))}")
    return tuple(sheet for sheet in RECORD_SHEETS if sheet.name in names)


def rows_as_objects(sheet, rows) -> list[dict]:
    names = sheet.column_names
    return [
        {name: json_value(value) for name, value in zip(names, row, strict=True)} for row in rows
    ]


def child_documents(
    scope: ExportScope, children: Q, *, using: str = DEFAULT_DB_ALIAS, sheets=None
) -> dict[int, dict]:
    """The documents of the children of `scope` that `children` (a filter on Child)
    keeps, by id in id order: one query for the children and one or two per sheet,
    whatever their number. `sheets`: see `record_sheets`."""
    export = Export(dataclasses.replace(scope, children=scope.children & children), using)
    chosen = record_sheets(sheets)
    documents: dict[int, dict] = {}
    by_key: dict[str, dict] = {}
    rows = list(CHILDREN.export_rows(export))
    for (pk, key), row in zip(export.child_keys().items(), rows, strict=True):
        document = {"id": pk, **rows_as_objects(CHILDREN, [row])[0]}
        for sheet in chosen:
            document[sheet.name] = []
        documents[pk] = by_key[key] = document
    if not documents:
        return documents
    for sheet in chosen:
        names = sheet.column_names
        for row in sheet.export_rows(export):
            by_key[row[0]][sheet.name].append(
                {name: json_value(value) for name, value in zip(names, row, strict=True)}
            )
    return documents


def children_page(
    scope: ExportScope,
    *,
    after: int | None,
    limit: int,
    using: str = DEFAULT_DB_ALIAS,
    sheets=None,
) -> tuple[list[dict], int | None]:
    """The documents of the children of `scope` whose id is above `after` (None: from
    the first), at most `limit` of them, by id; and the cursor of the next page (the
    last child's id), None when this page is the last. A fixed number of queries
    whatever `limit`. `sheets` names the sheets of a child's records the documents
    hold (all when None: see `record_sheets`)."""
    if limit < 1:
        raise ValueError("A page holds at least one child.")
    ids = list(
        Child.objects.using(using)
        .filter(scope.children, pk__gt=after or 0)
        .order_by("pk")
        .values_list("pk", flat=True)[: limit + 1]
    )
    more = len(ids) > limit
    ids = ids[:limit]
    if not ids:
        return [], None
    documents = child_documents(
        scope, Q(pk__gte=ids[0], pk__lte=ids[-1]), using=using, sheets=sheets
    )
    return list(documents.values()), ids[-1] if more else None
