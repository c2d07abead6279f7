"""What an import knows while it runs: the rows, the records of the database they
touch, and what it will create and change."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.expressions import RawSQL

from exchange.workbook.problems import Problems
from exchange.workbook.scope import ImportScope
from exchange.workbook.spec import Table

CHUNK = 900  # ids per IN (...) query: below SQLite's parameter limit


def chunks(items, size: int = CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def among(ids):
    """The integers `ids` as the right side of an `__in` filter, sent as one
    parameter: one statement for any number of them (SQLite takes 999 parameters a
    statement), and no field preparing each value (which took a third of the time a
    check spent loading the records of the children a workbook names)."""
    ids = [int(value) for value in ids]
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids


class Ref:
    """A region, district or institution by its code: the record in the database
    (`obj`, None until a new one is written) and the values the import gives it."""

    __slots__ = ("broken", "code", "ident", "obj", "row", "values")

    def __init__(self, code, ident, obj=None, values=None, row=None):
        self.code = code
        self.ident = ident  # the pk, or a negative number for a record not yet written
        self.obj = obj
        self.values = values or {}  # field -> value, references by code
        self.row = row  # the workbook row that names it
        self.broken = False  # its row has problems: do not report its users again

    @property
    def pk(self):
        return self.obj.pk if self.obj is not None else None


class Change:
    """One record to create (`old` is None) or to change (`old` holds the values the
    changed fields had)."""

    __slots__ = ("old", "record")

    def __init__(self, record, old: dict | None = None):
        self.record = record
        self.old = old

    @property
    def created(self) -> bool:
        return self.old is None


@dataclass
class Plan:
    """What the import does to one sheet's records."""

    changes: list = field(default_factory=list)
    unchanged: int = 0
    # changes of records no row of the sheet names (a child whose district a transfer
    # changes): a check of the same rows, once written, does not count them
    unnamed: int = 0
    # gap code (registry.records.gaps) -> records of the sheet that will lack that detail
    gaps: Counter = field(default_factory=Counter)

    @property
    def created(self) -> int:
        return sum(1 for change in self.changes if change.created)

    @property
    def updated(self) -> int:
        return sum(1 for change in self.changes if not change.created)

    def counts(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}

    def counts_once_written(self) -> dict:
        """The counts a check of the same rows finds once this plan is written: every
        record a row names restates it."""
        named = len(self.changes) - self.unnamed + self.unchanged
        return {"created": 0, "updated": 0, "unchanged": named}


class ImportContext:
    def __init__(self, *, scope: ImportScope, today: datetime.date, lock: bool = False):
        self.scope = scope
        self.today = today
        self.lock = lock  # lock the records read (the writing run, on PostgreSQL)
        self.problems = Problems()
        self.notices = Problems()
        self.tables: dict[str, Table] = {}
        self.refs: dict[str, dict[str, Ref]] = {"region": {}, "district": {}, "institution": {}}
        self.plans: dict[str, Plan] = {}
        self.children = None  # the ChildIndex, made by the Children sheet
        self.looked_up = 0  # children's keys (IINs, temporary keys) sought in the register
        self.default_region: Ref | None = None
        self._new_ident = 0
        self.timings: dict[str, float] = {}
        self._memos: dict[str, dict] = {}

    def memo(self, sheet: str) -> dict:
        """What a sheet keeps between its rows during this import."""
        return self._memos.setdefault(sheet, {})

    def error(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.problems.add(sheet, row, column, message)

    def new_ident(self) -> int:
        self._new_ident -= 1
        return self._new_ident

    def plan(self, sheet: str) -> Plan:
        return self.plans.setdefault(sheet, Plan())

    def ref(self, kind: str, code) -> Ref | None:
        return self.refs[kind].get(code) if code else None

    def ident_by_pk(self, kind: str) -> dict:
        return {ref.pk: ref for ref in self.refs[kind].values() if ref.pk is not None}

    def locked(self, queryset):
        """The queryset, locking its rows when the writing run reads them (PostgreSQL;
        SQLite's writing transaction locks the database). FOR NO KEY UPDATE: others
        still insert records that refer to these rows (a status of a child, a child of
        a district), but cannot change them before the import commits."""
        return queryset.select_for_update(of=("self",), no_key=True) if self.lock else queryset
