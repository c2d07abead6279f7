"""The base of every sheet of a child's records: one row per record, matched by the
child's `iin` and a date (Statuses, Placements, HousingRights, … by start date;
Benefits by kind and start date; Transfers, HousingProvided, Visits by date;
AlimonyPayments by date and amount).

The importer lays the rows over the child's records in the database (a row whose
key matches a record changes it; records the workbook does not name are kept),
then checks each row against the rules with the child's whole merged history.

Fields the model needs but the template leaves optional have `defaults`: a new
record whose cell is empty gets the default (which the export then writes), an
existing record whose cell is empty keeps its value.
"""

from __future__ import annotations

from collections import deque
from operator import attrgetter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from exchange.workbook import spec, values
from exchange.workbook.context import Change, among
from registry.bulk import instances_of
from registry.records.rules import hard, missing

NOT_STATED = "—"  # the default of a required text the list does not give

REF_UNKNOWN = {
    "district": lambda code: _("Unknown district “%(code)s”.") % {"code": code},
    "institution": lambda code: _("Unknown institution “%(code)s”.") % {"code": code},
    "region": lambda code: _("Unknown region “%(code)s”.") % {"code": code},
}


def iin_column() -> spec.Column:
    return spec.Column(
        "iin", values.child_key, required=True, field=None, label=_lazy("Child's IIN")
    )


def child_unknown() -> str:
    """A record's row names a child the import does not know, or may not reach: the
    same words for both, so that a check does not tell whether an IIN is in the
    register elsewhere."""
    return _("No child with this IIN on the Children sheet or among the children of your area.")


def child_outside_area() -> str:
    """A Children row for an IIN the import may not take: where the child is kept is
    not said (every check is in the access log, and checks are limited per hour)."""
    return _("This IIN cannot be imported into your area.")


class RecordBase:
    """A record of a child: from the database (`pk`), from a row (`row`), or both."""

    __slots__ = ("old", "pk", "row", "version")

    def __init__(self):
        self.pk = None
        self.version = 1
        self.row = None  # the Excel row number that states it
        self.old = None  # the values it had in the database, when a row changed it


def is_empty(value) -> bool:
    return value is None or value == ""


def values_of(names) -> callable:
    """A function giving the tuple of an object's attributes `names` (in C)."""
    names = tuple(names)
    if len(names) == 1:
        return lambda item, _get=attrgetter(names[0]): (_get(item),)
    return attrgetter(*names) if names else lambda item: ()


class ChildRecordSheet(spec.Sheet):
    """Subclasses give `name`, `model`, `columns` (the first is `iin_column()`), `key`
    (("iin", <date column>, …)) and `check`; they may override `normalize`,
    `defaults`, `resolve` (a record that hangs on another record of the child),
    `audit_scope_of` and `duplicate_message`."""

    model = None
    child_key_column = "iin"
    record_base = RecordBase
    date_column = ""  # the record's date (ordering, problems of the whole row): key[1]
    child_path = "child"  # how the model reaches the child ("order__child")
    # field -> the value a new record gets when its cell is empty (or a callable of
    # the record, called after the other fields are set); an existing record whose
    # cell is empty keeps its value
    defaults: dict = {}
    keep_when_empty: tuple[str, ...] = ()  # further fields an empty cell does not clear
    # attributes of a record beyond its columns' fields (a link to another record)
    record_slots: tuple[str, ...] = ()
    # fields of the record whose columns are not fields of the model (another
    # record's, read by `loaded` and written by the sheet itself)
    other_fields: tuple[str, ...] = ()
    extra_lookups: tuple[str, ...] = ()  # read with each record, handed to `loaded`
    # field -> a field the model derives from it (set by `instance`), written with it
    derived_fields: dict[str, str] = {}

    def __init__(self):
        super().__init__()
        self.date_column = self.date_column or self.key[1]
        self.row_column = self.row_column or self.date_column
        self.field_columns = tuple(c for c in self.columns if c.model_field is not None)
        self.fields = tuple(c.model_field for c in self.field_columns)
        self.model_columns = tuple(
            c for c in self.field_columns if c.model_field not in self.other_fields
        )
        # (field, attribute, kind of reference or None) of what `instance` sets from a
        # record, and how it makes the instance
        self._instance_fields = tuple(
            (c.model_field, self.model._meta.get_field(c.model_field).attname, c.ref)
            for c in self.model_columns
        )
        self._make = instances_of(self.model)
        self.compared = self.fields + self.record_slots  # what makes a record changed
        self.Record = type(f"{self.name}Record", (self.record_base,), {"__slots__": self.compared})
        self._column_of = {c.model_field: c.name for c in self.field_columns}
        self._keeps = set(self.defaults) | set(self.keep_when_empty)
        self._compared_values = values_of(self.compared)
        self._ref_columns = tuple(c for c in self.field_columns if c.ref)
        self._row_key = values_of(self.key[1:])
        self._record_key = values_of(self.by_name[column].model_field for column in self.key[1:])

    def _max_lengths(self) -> dict[str, int]:
        other = set(self.other_fields)
        lengths = {}
        for column in self.columns:
            field = column.model_field
            if field and not column.ref and field not in other:
                model_field = self.model._meta.get_field(field)
                if getattr(model_field, "max_length", None) and (
                    model_field.get_internal_type() == "CharField"
                ):
                    lengths[column.name] = model_field.max_length
        return lengths

    # --- to implement ---------------------------------------------------------
    def check(self, ctx, child, record, others) -> list[tuple[str | None, str]]:
        """The rules for `record` of `child` (a ChildEntry), among `others` (the
        child's other records of this sheet, merged): [(model field, message)]."""
        raise NotImplementedError

    def normalize(self, record) -> None:
        """Make a merged record consistent the way the services do (optional)."""

    def resolve(self, ctx, child, row) -> dict | None:
        """Values of the record's `record_slots` that follow from the child's other
        records (the order or placement it belongs to), or None when the row cannot
        belong anywhere (the problem is reported). Called before the row is matched."""
        return {}

    def loaded(self, ctx, child, record, extra: tuple) -> None:
        """A record read from the database, with its `extra_lookups` (to link it to
        the records it hangs on)."""

    def row_key(self, row, resolved: dict) -> tuple:
        """What identifies a row's record among the child's records of this sheet."""
        return self._row_key(row)

    def record_key(self, record) -> tuple:
        return self._record_key(record)

    def duplicate_message(self, row_number: int) -> str:
        return _("This row repeats row %(row)s: the same child and date.") % {"row": row_number}

    def audit_scope_of(self, ctx, instance) -> dict:
        return ctx.children.scope_of(instance.child_id)

    def gap_code(self, what: str) -> str:
        """The kind of gap (registry.records.gaps) of a detail a record of the sheet lacks."""
        return f"{self.model._meta.model_name}.{what}"

    def apply_defaults(self, record) -> None:
        for field, default in self.defaults.items():
            if is_empty(getattr(record, field)):
                setattr(record, field, default(record) if callable(default) else default)

    # --- helpers ----------------------------------------------------------------
    def column_of(self, field: str | None) -> str:
        return self._column_of.get(field, self.row_column) if field else self.row_column

    def lookups(self) -> list[str]:
        """What to read from the database for each field (a reference by its code)."""
        return [f"{c.model_field}__code" if c.ref else c.model_field for c in self.model_columns]

    # --- the phases -------------------------------------------------------------
    def prepare(self, ctx, table) -> None:
        """The records in the database of every existing child the workbook names."""
        ids = ctx.children.existing_ids()
        by_pk = ctx.children.by_pk()
        has_version = any(f.name == "version" for f in self.model._meta.concrete_fields)
        extra = ["pk", f"{self.child_path}_id", *(["version"] if has_version else [])]
        fields = [c.model_field for c in self.model_columns]
        others = len(self.extra_lookups)
        if not ids:
            return
        rows = ctx.locked(
            self.model.objects.filter(**{f"{self.child_path}_id__in": among(ids)})
        ).order_by(self.date_field(), "pk")
        lookups = (*extra, *self.lookups(), *self.extra_lookups)
        for pk, child_id, *rest in rows.values_list(*lookups):
            record = self.Record()
            record.pk, record.row, record.old = pk, None, None
            record.version = rest.pop(0) if has_version else 1
            if others:
                rest, extra_values = rest[:-others], tuple(rest[-others:])
            else:
                extra_values = ()
            for field, value in zip(fields, rest, strict=True):
                setattr(record, field, value)
            for field in self.other_fields:
                setattr(record, field, self.by_name[self.column_of(field)].empty)
            for slot in self.record_slots:
                setattr(record, slot, None)
            child = by_pk[child_id]
            child.records.setdefault(self.name, []).append(record)
            self.loaded(ctx, child, record, extra_values)

    def date_field(self) -> str:
        return self.by_name[self.date_column].model_field

    def merge(self, ctx, table) -> None:
        # The columns the sheet has: their cells and the fields they fill, as tuples.
        given = tuple(c for c in self.field_columns if table.has(c.name))
        row_values = values_of(c.name for c in given)
        record_values = values_of(c.model_field for c in given)
        seen: dict[tuple, int] = {}
        unnamed: dict[int, dict] = {}  # child -> key -> its record not named by a row yet
        for row in table.rows:
            child = ctx.children.for_row(ctx, self.name, row)
            if child is None:
                continue
            if not row.ok:  # its problems are reported: the child is not checked further
                child.broken = True
                continue
            resolved = self.resolve(ctx, child, row)
            if resolved is None:
                continue
            key = self.row_key(row, resolved)
            if (id(child), key) in seen:
                message = self.duplicate_message(seen[id(child), key])
                ctx.error(self.name, row.number, self.row_column, message)
                continue
            seen[id(child), key] = row.number
            if not self.references_known(ctx, row):
                continue
            records = child.records.setdefault(self.name, [])
            index = unnamed.get(id(child))
            if index is None:
                index = unnamed[id(child)] = {}
                for other in records:
                    if other.row is None:
                        index.setdefault(self.record_key(other), other)
            record = index.pop(key, None)
            if record is None:
                record = self.Record()
                record.pk, record.version, record.old = None, 1, None
                for column in self.field_columns:
                    setattr(record, column.model_field, getattr(row, column.name))
                for slot in self.record_slots:
                    setattr(record, slot, None)
                for slot, value in resolved.items():
                    setattr(record, slot, value)
                self.apply_defaults(record)
                self.normalize(record)
                records.append(record)
            else:
                before = self._compared_values(record)
                # Most rows restate their record: compared as two tuples, nothing set.
                if row_values(row) != record_values(record):
                    for column in given:
                        value = getattr(row, column.name)
                        if not (column.model_field in self._keeps and is_empty(value)):
                            setattr(record, column.model_field, value)
                for slot, value in resolved.items():
                    setattr(record, slot, value)
                self.normalize(record)
                after = self._compared_values(record)
                record.old = (
                    {}
                    if after == before
                    else {
                        field: value
                        for field, value, now in zip(self.compared, before, after, strict=True)
                        if now != value
                    }
                )
            record.row = row.number
            child.touched.add(self.name)
        table.rows = []  # merged: the rows are no longer needed

    def references_known(self, ctx, row) -> bool:
        known = True
        for column in self._ref_columns:
            code = getattr(row, column.name)
            if code:
                ref = ctx.ref(column.ref, code)
                if ref is None:
                    ctx.error(self.name, row.number, column.name, REF_UNKNOWN[column.ref](code))
                    known = False
                elif ref.broken:
                    known = False
        return known

    def validate(self, ctx, table) -> None:
        """Each record the workbook names, and those a new birth date may break, against
        the rules. A detail the record does not state (a rule's `Missing`) refuses
        nothing: the record is written incomplete, counted in the plan by kind of gap."""
        plan = ctx.plan(self.name)
        for child in ctx.children.entries_for(self.name):
            records = child.records.get(self.name, [])
            for record in records:
                if record.row is None and not child.identity_changed:
                    continue
                others = [other for other in records if other is not record]
                errors = self.check(ctx, child, record, others)
                if record.row is None:  # not named, but broken by a new birth date
                    for _field, message in hard(errors):
                        child.history_error(ctx, message)
                    continue
                if not errors:  # most records: nothing to sort out
                    self.plan_record(plan, child, record)
                    continue
                if record.old and self.keep_stated(record, errors):
                    errors = self.check(ctx, child, record, others)
                refusing = hard(errors)
                for field, message in refusing:
                    ctx.error(self.name, record.row, self.column_of(field), message)
                if not refusing:
                    self.plan_record(plan, child, record)
                    plan.gaps.update({self.gap_code(what.what) for what in missing(errors)})

    def keep_stated(self, record, errors) -> bool:
        """An empty cell never takes away a detail the register states: where the row
        leaves out a field and the record would lack it, the register's value stays.
        (An empty end reason beside an empty end date reopens the record: no gap, so
        nothing is kept.) True when a value was kept."""
        kept = False
        for message in missing(errors):
            field = message.what
            if field in record.old and not is_empty(record.old[field]):
                setattr(record, field, record.old.pop(field))
                kept = True
        return kept

    def plan_record(self, plan, child, record) -> None:
        if record.pk is None:
            plan.changes.append(Change((child, record)))
        elif record.old:
            plan.changes.append(Change((child, record), record.old))
        else:
            plan.unchanged += 1

    # --- writing ----------------------------------------------------------------
    def instance(self, ctx, child, record):
        values_, references = {"child_id": child.pk}, []
        for field, attname, kind in self._instance_fields:
            value = getattr(record, field)
            if kind:
                ref = ctx.ref(kind, value) if value else None
                obj = ref.obj if ref is not None else None
                if obj is not None:  # the record it names is kept with the instance
                    references.append((field, obj))
                value = obj.pk if obj is not None else None
            values_[attname] = value
        instance = self._make(values_)
        for field, obj in references:
            setattr(instance, field, obj)
        if record.pk is not None:
            instance.pk = record.pk
            if hasattr(instance, "version"):
                instance.version = record.version
        return instance

    def old_values(self, ctx, old: dict) -> dict:
        """The changed fields' values before, as the audit trail shows them (a
        reference: its record); `record_slots` a subclass maps to fields itself."""
        references = {c.model_field: c.ref for c in self.field_columns if c.ref}
        result = {}
        for field, value in old.items():
            if field in self.record_slots or field in self.other_fields:
                continue
            kind = references.get(field)
            ref = ctx.ref(kind, value) if kind and value else None
            result[field] = ref.obj if ref is not None else value
        return result

    def write(self, ctx, writer) -> None:
        plan = ctx.plans.get(self.name)
        if plan is None or not plan.changes:
            return
        scope = lambda instance: self.audit_scope_of(ctx, instance)  # noqa: E731
        pending = deque()  # the records of the instances being created, in order

        def created():
            for change in plan.changes:
                if change.created:
                    pending.append(change.record[1])
                    yield self.instance(ctx, *change.record)

        def saved(batch):  # later sheets link to these records by their ids
            for instance in batch:
                pending.popleft().pk = instance.pk

        # Changes first: a record ended frees the place of a new one (one open queue
        # entry per child).
        updated, fields = [], set()
        for change in plan.changes:
            if change.created:
                continue
            old = self.old_values(ctx, change.old)
            if old:
                updated.append((self.instance(ctx, *change.record), old))
                fields.update(old)
                fields.update(self.derived_fields[f] for f in old if f in self.derived_fields)
        writer.update(self.model, updated, fields, scope)
        writer.create(self.model, created(), scope, saved=saved)

    # --- export -------------------------------------------------------------------
    def export_rows(self, export):
        path = self.child_path
        rows = (
            export.read(self.model)
            .filter(**{f"{path}__in": export.children()})
            .order_by(f"{path}_id", self.date_field(), "pk")
            .values_list(f"{path}_id", *self.lookups())
        )
        for child_id, *rest in rows.iterator(chunk_size=2000):
            yield (export.child_key(child_id), *rest)
