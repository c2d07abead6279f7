"""The base of every sheet of a child's records: one row per record, matched by the
child's `iin` and a date (Statuses and Placements by start date, Transfers by date;
later HousingRights, Benefits, Visits, …).

The importer lays the rows over the child's records in the database (a row whose
key matches a record changes it; records the workbook does not name are kept),
then checks each row against the rules with the child's whole merged history.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports.workbook import spec, values
from reports.workbook.context import Change, chunks

REF_UNKNOWN = {
    "district": lambda code: _("Unknown district “%(code)s”.") % {"code": code},
    "institution": lambda code: _("Unknown institution “%(code)s”.") % {"code": code},
    "region": lambda code: _("Unknown region “%(code)s”.") % {"code": code},
}


def iin_column() -> spec.Column:
    return spec.Column("iin", values.child_key, required=True, field=None)


def child_unknown() -> str:
    return _("No child with this IIN on the Children sheet or in the register.")


def child_outside_area() -> str:
    return _("The child with this IIN is kept by a district outside the area you may import into.")


class RecordBase:
    """A record of a child: from the database (`pk`), from a row (`row`), or both."""

    __slots__ = ("old", "pk", "row", "version")

    def __init__(self):
        self.pk = None
        self.version = 1
        self.row = None  # the Excel row number that states it
        self.old = None  # the values it had in the database, when a row changed it


class ChildRecordSheet(spec.Sheet):
    """Subclasses give `name`, `model`, `columns` (the first is `iin_column()`), `key`
    (("iin", <date column>)) and `check`; they may override `normalize` and
    `audit_scope_of`."""

    model = None
    child_key_column = "iin"
    record_base = RecordBase

    def __init__(self):
        super().__init__()
        self.date_column = self.key[1]
        self.row_column = self.row_column or self.date_column
        self.field_columns = tuple(c for c in self.columns if c.model_field is not None)
        self.fields = tuple(c.model_field for c in self.field_columns)
        self.Record = type(f"{self.name}Record", (self.record_base,), {"__slots__": self.fields})
        self._column_of = {c.model_field: c.name for c in self.field_columns}

    # --- to implement ---------------------------------------------------------
    def check(self, ctx, child, record, others) -> list[tuple[str | None, str]]:
        """The rules for `record` of `child` (a ChildEntry), among `others` (the
        child's other records of this sheet, merged): [(model field, message)]."""
        raise NotImplementedError

    def normalize(self, record) -> None:
        """Make a merged record consistent the way the services do (optional)."""

    def audit_scope_of(self, ctx, instance) -> dict:
        return ctx.children.scope_of(instance.child_id)

    # --- helpers ----------------------------------------------------------------
    def column_of(self, field: str | None) -> str:
        return self._column_of.get(field, self.row_column) if field else self.row_column

    def lookups(self) -> list[str]:
        """What to read from the database for each field (a reference by its code)."""
        return [f"{c.model_field}__code" if c.ref else c.model_field for c in self.field_columns]

    # --- the phases -------------------------------------------------------------
    def prepare(self, ctx, table) -> None:
        """The records in the database of every existing child the workbook names."""
        ids = ctx.children.existing_ids()
        by_pk = ctx.children.by_pk()
        has_version = any(f.name == "version" for f in self.model._meta.concrete_fields)
        extra = ["pk", "child_id", *(["version"] if has_version else [])]
        for chunk in chunks(ids):
            rows = ctx.locked(self.model.objects.filter(child_id__in=chunk)).order_by(
                self.date_field(), "pk"
            )
            for pk, child_id, *rest in rows.values_list(*extra, *self.lookups()):
                record = self.Record()
                record.pk, record.row, record.old = pk, None, None
                record.version = rest.pop(0) if has_version else 1
                for field, value in zip(self.fields, rest, strict=True):
                    setattr(record, field, value)
                by_pk[child_id].records.setdefault(self.name, []).append(record)

    def date_field(self) -> str:
        return self.by_name[self.date_column].model_field

    def merge(self, ctx, table) -> None:
        date_field = self.date_field()
        seen: dict[tuple, int] = {}
        for row in table.rows:
            child = ctx.children.for_row(ctx, self.name, row)
            if child is None:
                continue
            if not row.ok:  # its problems are reported: the child is not checked further
                child.broken = True
                continue
            day = getattr(row, self.date_column)
            key = (id(child), day)
            if key in seen:
                ctx.error(
                    self.name,
                    row.number,
                    self.date_column,
                    _("This row repeats row %(row)s: the same child and date.")
                    % {"row": seen[key]},
                )
                continue
            seen[key] = row.number
            if not self.references_known(ctx, row):
                continue
            records = child.records.setdefault(self.name, [])
            record = next(
                (r for r in records if r.row is None and getattr(r, date_field) == day), None
            )
            if record is None:
                record = self.Record()
                record.pk, record.version, record.old = None, 1, None
                for column in self.field_columns:
                    setattr(record, column.model_field, getattr(row, column.name))
                self.normalize(record)
                records.append(record)
            else:
                before = tuple(getattr(record, field) for field in self.fields)
                for column in self.field_columns:
                    if table.has(column.name):
                        setattr(record, column.model_field, getattr(row, column.name))
                self.normalize(record)
                record.old = {
                    field: value
                    for field, value in zip(self.fields, before, strict=True)
                    if getattr(record, field) != value
                }
            record.row = row.number
            child.touched.add(self.name)
        table.rows = []  # merged: the rows are no longer needed

    def references_known(self, ctx, row) -> bool:
        known = True
        for column in self.field_columns:
            code = getattr(row, column.name)
            if column.ref and code:
                ref = ctx.ref(column.ref, code)
                if ref is None:
                    ctx.error(self.name, row.number, column.name, REF_UNKNOWN[column.ref](code))
                    known = False
                elif ref.broken:
                    known = False
        return known

    def validate(self, ctx, table) -> None:
        plan = ctx.plan(self.name)
        for child in ctx.children.entries_for(self.name):
            records = child.records.get(self.name, [])
            for record in records:
                if record.row is None and not child.identity_changed:
                    continue
                others = [other for other in records if other is not record]
                errors = self.check(ctx, child, record, others)
                if record.row is not None:
                    for field, message in errors:
                        ctx.error(self.name, record.row, self.column_of(field), message)
                else:  # a record the workbook does not name, broken by a new birth date
                    for _field, message in errors:
                        child.history_error(ctx, message)
                if record.row is not None and not errors:
                    self.plan_record(plan, child, record)

    def plan_record(self, plan, child, record) -> None:
        if record.pk is None:
            plan.changes.append(Change((child, record)))
        elif record.old:
            plan.changes.append(Change((child, record), record.old))
        else:
            plan.unchanged += 1

    # --- writing ----------------------------------------------------------------
    def instance(self, ctx, child, record):
        values_ = {}
        for column in self.field_columns:
            value = getattr(record, column.model_field)
            if column.ref:
                ref = ctx.ref(column.ref, value) if value else None
                values_[column.model_field] = ref.obj if ref is not None else None
            else:
                values_[column.model_field] = value
        instance = self.model(child_id=child.pk, **values_)
        if record.pk is not None:
            instance.pk = record.pk
            if hasattr(instance, "version"):
                instance.version = record.version
        return instance

    def write(self, ctx, writer) -> None:
        plan = ctx.plans.get(self.name)
        if plan is None or not plan.changes:
            return
        scope = lambda instance: self.audit_scope_of(ctx, instance)  # noqa: E731
        created = (self.instance(ctx, *change.record) for change in plan.changes if change.created)
        writer.create(self.model, created, scope)
        updated, fields = [], set()
        references = {c.model_field: c.ref for c in self.field_columns if c.ref}
        for change in plan.changes:
            if change.created:
                continue
            instance = self.instance(ctx, *change.record)
            old = {}
            for field, value in change.old.items():
                kind = references.get(field)
                ref = ctx.ref(kind, value) if kind and value else None
                old[field] = ref.obj if ref is not None else value
            updated.append((instance, old))
            fields.update(change.old)
        writer.update(self.model, updated, fields, scope)

    # --- export -------------------------------------------------------------------
    def export_rows(self, export):
        rows = (
            self.model.objects.filter(child__in=export.children())
            .order_by("child_id", self.date_field(), "pk")
            .values_list("child_id", *self.lookups())
        )
        for child_id, *rest in rows.iterator(chunk_size=2000):
            yield (export.child_key(child_id), *rest)
