"""How a sheet is declared: its columns, its key, and what the importer and the
exporter do with it (see `exchange/workbook/__init__.py` for adding a sheet)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist

from exchange.workbook import values


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    - `parse` reads a non-empty cell (see `values`); an empty cell gives `empty`;
    - `required`: the column must be in the sheet and every row must fill it;
    - `field`: the model field the column fills ("" means the column's own name,
      None: not a field of the sheet's model, like the child's `iin` on a child's
      record);
    - `ref`: the column holds the code of a region, district or institution;
    - `extra`: a column of the register's own, beyond the template (round trip);
    - `label`: what the column holds in the interface's words (the export writes it
      as a comment on the header cell; the code above stays the header), when its
      model field's own name does not say it.
    """

    name: str
    parse: Callable = values.text
    required: bool = False
    field: str | None = ""
    ref: str | None = None
    empty: object = None
    extra: bool = False
    label: object = None

    @property
    def model_field(self) -> str | None:
        return self.name if self.field == "" else self.field


def text(name: str, **options) -> Column:
    return Column(name, values.text, empty="", **options)


def date(name: str, **options) -> Column:
    return Column(name, values.date, **options)


def code(name: str, choices, **options) -> Column:
    options.setdefault("empty", "")
    return Column(name, values.code(choices), **options)


def computed(name: str, label) -> Column:
    """A figure the export adds beyond the template for its readers (how many
    documents a child has): never read back, never an error on import."""
    return Column(name, values.ignored, field=None, extra=True, label=label)


def reference(name: str, ref: str, **options) -> Column:
    """The code of a region, district or institution (matched as written, trimmed)."""
    return Column(name, values.text, ref=ref, **options)


class RowBase:
    """A row of a sheet, compact: its Excel row number, whether every cell could be
    read, and one attribute per column (None for a column the sheet does not have)."""

    __slots__ = ("number", "ok")

    def get(self, name, default=None):
        return getattr(self, name, default)


def row_class(sheet_name: str, columns: Iterable[Column]) -> type:
    names = tuple(column.name for column in columns)
    return type(f"{sheet_name}Row", (RowBase,), {"__slots__": names})


@dataclass
class Table:
    """What the reader found on one sheet."""

    sheet: Sheet
    present: frozenset = frozenset()
    header: dict = field(default_factory=dict)  # column name -> 0-based position
    rows: list = field(default_factory=list)

    def has(self, column: str) -> bool:
        return column in self.present


class Sheet:
    """A sheet of the workbook. Subclasses declare `name`, `columns`, `key` and
    implement the phases; the importer calls, sheet by sheet in workbook order,
    `prepare` (fetch in bulk what the database holds for these rows), `merge` (lay
    the rows over those records), `validate` (the rules, on the merged picture) and,
    when nothing is wrong, `write`. The exporter calls `export_rows`."""

    name: str = ""
    model = None  # the model the rows become (its text fields' lengths are checked)
    columns: tuple[Column, ...] = ()
    key: tuple[str, ...] = ()
    # Where a problem of the whole row (an overlap, a duplicate) is shown.
    row_column: str = ""

    def __init__(self):
        self.column_names = tuple(column.name for column in self.columns)
        self.by_name = {column.name: column for column in self.columns}
        self.Row = row_class(self.name, self.columns)
        self.max_lengths = self._max_lengths()

    def _max_lengths(self) -> dict[str, int]:
        """Column name -> the length its model field holds (text fields only)."""
        if self.model is None:
            return {}
        lengths = {}
        for column in self.columns:
            if column.model_field and not column.ref:
                field = self.model._meta.get_field(column.model_field)
                if getattr(field, "max_length", None) and field.get_internal_type() == "CharField":
                    lengths[column.name] = field.max_length
        return lengths

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)

    def prepare(self, ctx, table: Table) -> None:
        pass

    def merge(self, ctx, table: Table) -> None:
        pass

    def validate(self, ctx, table: Table) -> None:
        pass

    def write(self, ctx, writer) -> None:
        pass

    def export_rows(self, export) -> Iterable[tuple]:
        return ()

    @property
    def title(self) -> str:
        """The sheet's title in the current language (its model's plural name)."""
        return str(self.model._meta.verbose_name_plural) if self.model is not None else self.name

    def column_label(self, column: Column) -> str:
        """What `column` holds, in the current language: its own label, else its
        model field's name; the column's code when neither says it."""
        if column.label is not None:
            return str(column.label)
        if self.model is not None and column.model_field:
            try:
                return str(self.model._meta.get_field(column.model_field).verbose_name)
            except FieldDoesNotExist:
                pass
        return column.name

    def referenced_districts(self, export) -> Iterable[int]:
        """Ids of districts this sheet's exported rows name beyond the children's own
        (they come along in the export's Districts sheet)."""
        return ()

    def __repr__(self) -> str:
        return f"<Sheet {self.name}>"
