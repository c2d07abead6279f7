"""The Children sheet, and the index of every child the workbook names.

`iin` is the key. A child whose IIN is not known yet (a temporary registration) is
written with a temporary key `TMP-…` in the `iin` column: the export writes
`TMP-<id>` (or the key the child came in with, see `exchange.models.WorkbookKey`), and
the import matches it again.

`district` is the district the child was registered in; the district that keeps the
case today follows from it and the Transfers sheet. `registered_on` (a column of the
register's own) is the date the child came into the register; when a new child's row
leaves it empty, it is the earliest start of its statuses and placements (the day of the
import for a child the workbook gives neither: its status is then work to do).

`documents` (read-only) says how many documents the child's file holds (not withdrawn):
the workbook does not carry the files, and the import ignores the column.
"""

from __future__ import annotations

import re

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from children import rules
from children.models import Child
from children.names import name_key, search_key
from documents.models import Document
from exchange.models import WorkbookKey
from exchange.workbook import spec, values
from exchange.workbook.context import Change, chunks
from exchange.workbook.sheets.geography import outside_area
from exchange.workbook.sheets.records import REF_UNKNOWN, child_outside_area, child_unknown
from registry.records.rules import fmt, not_in_future

NATIVE_KEY = re.compile(r"^TMP-(\d+)(?:-\d+)?$")
IDENTITY = ("last_name", "first_name", "middle_name", "birth_date", "sex")
LOADED = (
    "pk",
    "iin",
    *IDENTITY,
    "district_id",
    "registered_district_id",
    "registered_on",
    "version",
)


def native_key(pk: int, taken: set[str]) -> str:
    """The temporary key of a child without an IIN that did not come in by a workbook:
    `TMP-<id>`, or `TMP-<id>-<n>` should a child that came in by a workbook hold that."""
    key = f"{values.TEMPORARY_PREFIX}{pk}"
    number = 0
    while key in taken:
        number += 1
        key = f"{values.TEMPORARY_PREFIX}{pk}-{number}"
    return key


class ChildEntry:
    """A child the workbook names: what the database holds, overlaid with its row."""

    __slots__ = (
        "birth_date",
        "blocked",
        "broken",
        "changed_column",
        "district",
        "first_name",
        "identity_changed",
        "iin",
        "key",
        "last_name",
        "middle_name",
        "old",
        "pk",
        "records",
        "registered_district",
        "registered_on",
        "registered_on_given",
        "reported",
        "row",
        "sex",
        "touched",
        "version",
    )

    def __init__(self, key: str):
        self.key = key
        self.pk = None
        self.row = None
        self.iin = None if values.is_temporary(key) else key
        self.last_name = self.first_name = self.middle_name = ""
        self.birth_date = self.sex = None
        self.registered_district = self.district = None  # district codes
        self.registered_on = None
        self.registered_on_given = False
        self.version = 1
        self.old = None
        self.blocked = self.broken = self.identity_changed = False
        self.changed_column = "birth_date"
        self.records: dict[str, list] = {}
        self.touched: set[str] = set()
        self.reported: set[str] = set()

    def values(self) -> dict:
        return {
            **{field: getattr(self, field) for field in IDENTITY},
            "registered_on": self.registered_on,
            "district": self.district,
        }

    def history_error(self, ctx, message: str) -> None:
        """A record the workbook does not name no longer fits the child's new birth
        date or registration date: shown once, on the child's row."""
        if message not in self.reported:
            self.reported.add(message)
            ctx.error(ChildrenSheet.name, self.row, self.changed_column, message)


class ChildIndex:
    def __init__(self):
        self.entries: dict[str, ChildEntry] = {}
        self.pk_entries: dict[int, ChildEntry] = {}
        self.scopes: dict[int, dict] = {}

    def unique(self) -> list[ChildEntry]:
        return list({id(entry): entry for entry in self.entries.values()}.values())

    def existing_ids(self) -> list[int]:
        return sorted({entry.pk for entry in self.entries.values() if entry.pk is not None})

    def by_pk(self) -> dict[int, ChildEntry]:
        return {entry.pk: entry for entry in self.entries.values() if entry.pk is not None}

    def for_row(self, ctx, sheet: str, row) -> ChildEntry | None:
        """The child a record's row names, or None (the problem is reported)."""
        key = row.iin
        if not key:
            return None
        entry = self.entries.get(key)
        if entry is None:
            ctx.error(sheet, row.number, "iin", child_unknown())
            return None
        if entry.blocked:
            # As for an unknown IIN: a record's row does not tell that the child is
            # kept elsewhere.
            ctx.error(sheet, row.number, "iin", child_unknown())
            return None
        return entry  # a broken child's records are merged, but not checked

    def entries_for(self, sheet: str) -> list[ChildEntry]:
        return [
            entry
            for entry in self.unique()
            if not (entry.blocked or entry.broken)
            and (sheet in entry.touched or entry.identity_changed)
        ]

    def scope_of(self, child_id: int) -> dict:
        return self.scopes[child_id]


class ChildrenSheet(spec.Sheet):
    name = "Children"
    model = Child
    key = ("iin",)
    row_column = "iin"
    columns = (
        spec.Column("iin", values.child_key, required=True, field=None, label=_lazy("IIN")),
        spec.text("last_name", required=True),
        spec.text("first_name", required=True),
        spec.text("middle_name"),
        spec.date("birth_date", required=True),
        spec.Column("sex", values.sex, required=True),
        spec.reference("district", "district", required=True, field="registered_district"),
        spec.date("registered_on", extra=True),
        # The workbook does not carry the documents' files; it says how many each child
        # has (not withdrawn). Read-only: the import ignores the column.
        spec.computed(
            "documents", _lazy("Documents in the child's file (not withdrawn); not imported")
        ),
    )

    # --- prepare: the children of the database the workbook names ---------------
    def prepare(self, ctx, table) -> None:
        ctx.children = index = ChildIndex()
        keys = set()
        for other in ctx.tables.values():
            if other.sheet is self or getattr(other.sheet, "child_key_column", None):
                keys.update(row.iin for row in other.rows if row.iin)
        ctx.looked_up = len(keys)  # for the access log: a check looks IINs up
        real = sorted(key for key in keys if not values.is_temporary(key))
        temporary = sorted(key for key in keys if values.is_temporary(key))
        children = ctx.locked(Child.objects.order_by())  # no order by name: not needed
        districts = ctx.ident_by_pk("district")
        for chunk in chunks(real):
            for loaded in children.filter(iin__in=chunk).values_list(*LOADED):
                self._add(ctx, districts, loaded[1], loaded)
        for chunk in chunks(temporary):
            found = children.filter(workbook_key__key__in=chunk)
            for *loaded, key in found.values_list(*LOADED, "workbook_key__key"):
                self._add(ctx, districts, key, loaded)
        natives = {}
        for key in temporary:
            match = NATIVE_KEY.match(key)
            if key not in index.entries and match:
                natives.setdefault(int(match.group(1)), key)
        for chunk in chunks(sorted(natives)):
            found = children.filter(pk__in=chunk, iin__isnull=True, workbook_key__isnull=True)
            for loaded in found.values_list(*LOADED):
                self._add(ctx, districts, natives[loaded[0]], loaded)

    def _add(self, ctx, districts: dict, key: str, loaded) -> ChildEntry:
        """Index a child of the database (`loaded`: the LOADED values) under `key`."""
        index: ChildIndex = ctx.children
        pk, iin, *identity, district_id, registered_id, registered_on, version = loaded
        entry = index.pk_entries.get(pk)
        if entry is not None:  # the same child under two keys (its IIN and its old key)
            index.entries[key] = entry
            return entry
        entry = index.entries[key] = index.pk_entries[pk] = ChildEntry(key)
        entry.pk, entry.iin, entry.version = pk, iin, version
        for field, value in zip(IDENTITY, identity, strict=True):
            setattr(entry, field, value)
        entry.district = districts[district_id].code
        entry.registered_district = districts[registered_id].code
        entry.registered_on = registered_on
        entry.old = entry.values()
        region = districts[district_id].obj.region_id
        entry.blocked = not ctx.scope.district_in_area(district_id, region)
        return entry

    # --- merge: the rows over the children ----------------------------------------
    def merge(self, ctx, table) -> None:
        index: ChildIndex = ctx.children
        seen: dict[int, int] = {}
        for row in table.rows:
            key = row.iin
            if not key:
                continue
            entry = index.entries.get(key)
            if entry is not None and id(entry) in seen:
                ctx.error(
                    self.name,
                    row.number,
                    "iin",
                    _("The IIN “%(iin)s” is already on row %(row)s.")
                    % {"iin": key, "row": seen[id(entry)]},
                )
                continue
            if entry is None:
                entry = index.entries[key] = ChildEntry(key)
            seen[id(entry)] = row.number
            if entry.blocked:
                ctx.error(self.name, row.number, "iin", child_outside_area())
                continue
            entry.row = row.number
            entry.touched.add(self.name)
            if not row.ok:
                entry.broken = True
                district = ctx.ref("district", row.district)
                if entry.pk is None and district is not None and not district.broken:
                    entry.registered_district = row.district  # for the area check
                continue
            self._overlay(ctx, table, row, entry)

    def _overlay(self, ctx, table, row, entry: ChildEntry) -> None:
        for field in IDENTITY:
            if entry.pk is None or table.has(field):
                setattr(entry, field, getattr(row, field))
        district = ctx.ref("district", row.district)
        if district is None:
            ctx.error(self.name, row.number, "district", REF_UNKNOWN["district"](row.district))
            entry.broken = True
        elif district.broken:
            entry.broken = True
        elif entry.pk is None:
            entry.registered_district = row.district
        elif row.district != entry.registered_district:
            ctx.error(
                self.name,
                row.number,
                "district",
                _(
                    "The child was registered in “%(code)s”; a case moves to another district "
                    "with a row on the Transfers sheet."
                )
                % {"code": entry.registered_district},
            )
            entry.broken = True
        if row.get("registered_on"):
            entry.registered_on = row.registered_on
            entry.registered_on_given = True
        errors = rules.identity_errors(
            iin=entry.iin, birth_date=entry.birth_date, sex=entry.sex, today=ctx.today
        )
        for field, message in errors:
            ctx.error(self.name, row.number, field or "iin", message)
        if errors:
            entry.broken = True

    # --- validate: registration date, district, area; the plan ---------------------
    def validate(self, ctx, table) -> None:
        plan = ctx.plan(self.name)
        for entry in ctx.children.unique():
            if entry.blocked or not entry.registered_district:
                continue
            transfers = sorted(entry.records.get("Transfers", []), key=lambda record: record.date)
            entry.district = transfers[-1].to_district if transfers else entry.registered_district
            if entry.pk is None and not any(
                self._in_area(ctx, code) for code in (entry.registered_district, entry.district)
            ):
                ctx.error(self.name, entry.row, "district", outside_area())
                entry.broken = True
            if entry.broken:
                continue
            if not self._finish(ctx, entry):
                entry.broken = True
                continue
            new = entry.values()
            if entry.pk is None:
                plan.changes.append(Change(entry))
                continue
            old = {field: value for field, value in entry.old.items() if new[field] != value}
            if old:
                plan.changes.append(Change(entry, old))
                plan.unnamed += self.name not in entry.touched
            elif self.name in entry.touched:
                plan.unchanged += 1

    def _finish(self, ctx, entry: ChildEntry) -> bool:
        statuses = entry.records.get("Statuses", [])
        placements = entry.records.get("Placements", [])
        if not statuses:  # a list of children alone: their statuses are work to do
            ctx.plan(self.name).gaps["child.status"] += 1
        if entry.registered_on_given:
            errors = not_in_future("registered_on", entry.registered_on, ctx.today)
            if entry.registered_on < entry.birth_date:
                errors.append(
                    ("registered_on", _("A child cannot come into the register before birth."))
                )
            for _field, message in errors:
                ctx.error(self.name, entry.row, "registered_on", message)
            if errors:
                return False
        elif entry.pk is None:
            # The earliest of its statuses and placements; without any, the child comes
            # into the register with the import.
            starts = [record.start_date for record in (*statuses, *placements)]
            entry.registered_on = min((day for day in starts if day is not None), default=None)
            entry.registered_on = entry.registered_on or ctx.today
        if entry.pk is not None and entry.registered_on < entry.birth_date:
            ctx.error(
                self.name,
                entry.row,
                "birth_date",
                _("The child came into the register on %(date)s, before this birth date.")
                % {"date": fmt(entry.registered_on)},
            )
            return False
        if entry.pk is not None:
            born_changed = entry.birth_date != entry.old["birth_date"]
            entry.identity_changed = (
                born_changed or entry.registered_on != entry.old["registered_on"]
            )
            entry.changed_column = "birth_date" if born_changed else "registered_on"
        return True

    def _in_area(self, ctx, code) -> bool:
        district = ctx.ref("district", code)
        region = ctx.ref("region", district.values.get("region"))
        return ctx.scope.district_in_area(district.pk, region.pk if region else None)

    # --- write ----------------------------------------------------------------------
    def write(self, ctx, writer) -> None:
        index: ChildIndex = ctx.children
        plan = ctx.plans.get(self.name)
        created, updated, fields, new_entries = [], [], set(), []
        now = timezone.now()
        for change in plan.changes if plan else ():
            entry = change.record
            child = self.instance(ctx, entry)
            if change.created:
                created.append(child)
                new_entries.append(entry)
                continue
            child.updated_at = now
            old = dict(change.old)
            # The 18th birthday ends the visits due (care app), and the region that
            # keeps the case sets their schedule.
            if "birth_date" in old or "district" in old:
                writer.placements_to_rebuild.update(
                    record.pk for record in entry.records.get("Placements", ()) if record.pk
                )
            if "district" in old:
                old["district"] = ctx.ref("district", old["district"]).obj
            updated.append((child, old))
            fields.update(change.old)
        writer.create(Child, created, self.audit_scope)
        for entry, child in zip(new_entries, created, strict=True):
            entry.pk = child.pk
        WorkbookKey.objects.bulk_create(
            [WorkbookKey(child_id=e.pk, key=e.key) for e in new_entries if e.iin is None],
            batch_size=1000,
        )
        if fields & {"last_name", "first_name"}:
            fields.add("name_key")
        if fields & {"last_name", "first_name", "middle_name"}:
            fields.add("search_key")
        if updated:
            fields.add("updated_at")
        writer.update(Child, updated, fields, self.audit_scope)
        for entry in index.unique():
            if entry.pk is not None and entry.district:
                district = ctx.ref("district", entry.district).obj
                index.scopes[entry.pk] = {
                    "region_id": district.region_id,
                    "district_id": district.pk,
                    "child_id": entry.pk,
                }

    def instance(self, ctx, entry: ChildEntry) -> Child:
        child = Child(
            iin=entry.iin,
            last_name=entry.last_name,
            first_name=entry.first_name,
            middle_name=entry.middle_name,
            birth_date=entry.birth_date,
            sex=entry.sex,
            district=ctx.ref("district", entry.district).obj,
            registered_district=ctx.ref("district", entry.registered_district).obj,
            registered_on=entry.registered_on,
            name_key=name_key(entry.last_name, entry.first_name),
            search_key=search_key(entry.last_name, entry.first_name, entry.middle_name),
        )
        if entry.pk is not None:
            child.pk, child.version = entry.pk, entry.version
        return child

    @staticmethod
    def audit_scope(child: Child) -> dict:
        return {
            "region_id": child.district.region_id,
            "district_id": child.district_id,
            "child_id": child.pk,
        }

    # --- export ---------------------------------------------------------------------
    def export_rows(self, export):
        taken = set(export.read(WorkbookKey).values_list("key", flat=True))
        documents = (
            export.read(Document)
            .filter(child=OuterRef("pk"), withdrawn_at__isnull=True)
            .order_by()
            .values("child")
            .annotate(count=Count("pk"))
            .values("count")
        )
        rows = (
            export.children()
            .order_by("pk")
            .annotate(document_count=Coalesce(Subquery(documents), 0))
            .values_list(
                "pk",
                "iin",
                "workbook_key__key",
                *IDENTITY,
                "registered_district__code",
                "registered_on",
                "document_count",
            )
        )
        for pk, iin, stored, *rest in rows.iterator(chunk_size=2000):
            key = iin or stored or native_key(pk, taken)
            export.remember(pk, key)
            yield (key, *rest)
