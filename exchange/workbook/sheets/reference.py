"""Sheets of reference records matched by their code: regions, districts, institutions.

A row that matches a record and changes nothing is always accepted (a workbook names
the districts and institutions its children refer to). Adding or changing one needs
the right: regions only from the command line, districts and institutions by an
administrator within their region (or the command line).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from exchange.workbook import spec, values
from exchange.workbook.context import Change, ImportContext, Ref

NAME_FIELDS = ("name_kk", "name_ru", "name_en")


def name_columns() -> tuple:
    return (
        spec.text("name", required=True, field=None, label=_lazy("Name")),
        spec.text("name_kk", extra=True),
        spec.text("name_ru", extra=True),
        spec.text("name_en", extra=True),
    )


def active_column() -> spec.Column:
    return spec.Column("active", values.boolean, field="is_active", extra=True)


def export_name(obj) -> str:
    """The `name` column of an export: the Russian name, or the Kazakh one."""
    return obj.name_ru or obj.name_kk


def names_of(row, table: spec.Table, existing: dict | None) -> dict:
    """The three names a row gives a record. `name_kk`, `name_ru` and `name_en` win
    where the sheet has them; `name` fills the Kazakh and Russian names of a new
    record, and for an existing one is a change only when it is none of its names
    (it then replaces the name in the importer's language)."""
    result = {field: (existing or {}).get(field, "") for field in NAME_FIELDS}
    given = {field: row.get(field) or "" for field in NAME_FIELDS if table.has(field)}
    for field, value in given.items():
        if value or field == "name_en":
            result[field] = value
    name = row.name or ""
    if existing is None:
        for field in ("name_kk", "name_ru"):
            result[field] = result[field] or name
    elif (
        name and name not in result.values() and not (given.get("name_kk") or given.get("name_ru"))
    ):
        language = (translation.get_language() or "ru")[:2]
        result[{"kk": "name_kk", "en": "name_en"}.get(language, "name_ru")] = name
    return result


class ReferenceSheet(spec.Sheet):
    """Records with a unique `code`. Subclasses give `model`, `kind` (the Ref kind),
    `columns`, `fields` (the model fields compared and written, references by code)
    and implement `load`, `may_change` and `instance` (and `check_row` for rules of
    their own)."""

    model = None
    kind = ""
    key = ("code",)
    row_column = "code"
    fields: tuple[str, ...] = ()
    defaults: dict = {}

    def _max_lengths(self) -> dict[str, int]:
        lengths = super()._max_lengths()
        lengths["name"] = self.model._meta.get_field("name_ru").max_length  # `name` fills it
        return lengths

    # --- to implement ---------------------------------------------------------
    def load(self, ctx: ImportContext) -> None:
        """Fetch every record of the model into ctx.refs[kind]."""
        raise NotImplementedError

    def check_row(self, ctx, table, row, ref: Ref | None, new: dict) -> bool:
        """Problems of a row's values beyond parsing; False when there are some."""
        return True

    def may_change(self, ctx, row, ref: Ref | None, new: dict) -> str | None:
        """None, or the message why this import may not add or change the record."""
        raise NotImplementedError

    def instance(self, ctx, ref: Ref):
        """A model instance holding the ref's values (references resolved)."""
        raise NotImplementedError

    def audit_scope(self, instance) -> dict:
        return instance.audit_scope()

    # --- the phases -------------------------------------------------------------
    def prepare(self, ctx, table) -> None:
        self.load(ctx)

    def merge(self, ctx, table) -> None:
        refs = ctx.refs[self.kind]
        seen: dict[str, int] = {}
        plan = ctx.plan(self.name)
        for row in table.rows:
            code = row.code
            if not code:
                continue  # the empty code is already reported
            if code in seen:
                ctx.error(
                    self.name,
                    row.number,
                    "code",
                    _("The code “%(code)s” is already on row %(row)s.")
                    % {"code": code, "row": seen[code]},
                )
                continue
            seen[code] = row.number
            ref = refs.get(code)
            existing = ref.values if ref is not None and ref.obj is not None else None
            new = dict(existing or self.defaults)
            for column in self.columns:
                field = column.model_field
                if field in self.fields and table.has(column.name):
                    new[field] = getattr(row, column.name)
            new.update(names_of(row, table, existing))
            new["code"] = code
            if ref is None:
                ref = refs[code] = Ref(code, ctx.new_ident())
            ref.row = row.number
            if not row.ok or not self.check_row(ctx, table, row, ref, new):
                ref.broken = True
                continue
            changed = {
                field: value
                for field, value in new.items()
                if existing is None or existing.get(field) != value
            }
            if not changed:
                plan.unchanged += 1
                continue
            refusal = self.may_change(ctx, row, ref, new)
            if refusal:
                ctx.error(self.name, row.number, self.row_column, refusal)
                ref.broken = True
                continue
            old = None if existing is None else {field: existing.get(field) for field in changed}
            ref.values = new
            plan.changes.append(Change(ref, old))

    def write(self, ctx, writer) -> None:
        plan = ctx.plans.get(self.name)
        if plan is None or not plan.changes:
            return
        created, updated, fields = [], [], set()
        for change in plan.changes:
            ref = change.record
            if change.created:
                ref.obj = self.instance(ctx, ref)
                created.append(ref.obj)
            else:
                old = {
                    field: self.old_value(ctx, field, value) for field, value in change.old.items()
                }
                self.apply(ctx, ref.obj, ref.values, change.old)
                updated.append((ref.obj, old))
                fields.update(change.old)
        writer.create(self.model, created, self.audit_scope)
        writer.update(self.model, updated, fields, self.audit_scope)

    def old_value(self, ctx, field, value):
        """An old value as the audit trail shows it (a reference: the record's name)."""
        kind = self.reference_fields().get(field)
        if kind is None:
            return value
        ref = ctx.ref(kind, value)
        return ref.obj if ref is not None and ref.obj is not None else value

    def reference_fields(self) -> dict:
        return {column.model_field: column.ref for column in self.columns if column.ref}

    def apply(self, ctx, obj, new: dict, fields) -> None:
        references = self.reference_fields()
        for field in fields:
            kind = references.get(field)
            if kind is None:
                setattr(obj, field, new[field])
            else:
                setattr(obj, field, ctx.ref(kind, new[field]).obj)
