"""The shapes of the records' bodies in the OpenAPI description: a child's document,
the rows of each sheet, the change feed's items, records sent and the answer to them.

A row is an object of its sheet's columns (exchange.workbook.sheets.SHEETS), each cell
text, a number, true or false, or null, as the workbook export writes it."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from exchange.api.documents import CHILDREN, RECORD_SHEETS
from exchange.workbook.sheets import SHEETS

CELL = {
    "anyOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}],
    "nullable": True,
    "description": "A cell: a date as YYYY-MM-DD, a sum of money as text with two "
    "decimals, a code as in the template, a number, or null for an empty cell.",
}


@extend_schema_field(CELL)
class CellField(serializers.JSONField):
    pass


_ROWS: dict[tuple[str, bool, bool], type[serializers.Serializer]] = {}


def record_row(sheet, *, with_child: bool = False, sent: bool = False):
    """The serializer class of a row of `sheet` (one component per sheet): its
    columns, all present in what the register answers (`sent`: none required);
    `with_child` adds `child_id`, the child's id in the register."""
    key = (sheet.name, with_child, sent)
    if key not in _ROWS:
        fields = {}
        if with_child:
            fields["child_id"] = serializers.IntegerField(
                help_text="The child's id in the register (as `id` of its document)."
            )
        for name in sheet.column_names:
            fields[name] = CellField(required=not sent)
        suffix = "Sent" if sent else ("OfChild" if with_child else "")
        _ROWS[key] = type(f"{sheet.name}Row{suffix}", (serializers.Serializer,), fields)
    return _ROWS[key]


def _child_document_fields() -> dict:
    fields = {"id": serializers.IntegerField(help_text="The child's id in the register.")}
    for name in CHILDREN.column_names:
        fields[name] = CellField()
    fields["iin"] = serializers.CharField(
        help_text="The child's key in the workbook: its IIN, or TMP-… without one."
    )
    for sheet in RECORD_SHEETS:
        fields[sheet.name] = record_row(sheet)(many=True)
    return fields


ChildDocument = type(
    "ChildDocument",
    (serializers.Serializer,),
    {
        **_child_document_fields(),
        "__doc__": "A child: its id, its row of the Children sheet and its rows of each "
        "sheet of a child's records.",
    },
)


class ChangeItem(serializers.Serializer):
    cursor = serializers.IntegerField(help_text="A place to resume the feed from, too.")
    action = serializers.ChoiceField(choices=["upsert", "remove"])
    id = serializers.IntegerField(help_text="The child's id in the register.")
    child = serializers.CharField(
        allow_null=True, help_text="The child's key in the workbook (its IIN, or TMP-…)."
    )
    record = ChildDocument(required=False, help_text="The child's document (an upsert only).")


class ChangesBody(serializers.Serializer):
    results = ChangeItem(many=True)
    cursor = serializers.IntegerField(
        min_value=0, help_text="The cursor to ask with next (store it with the copy)."
    )


RecordsSent = type(
    "RecordsSent",
    (serializers.Serializer,),
    {
        **{sheet.name: record_row(sheet, sent=True)(many=True, required=False) for sheet in SHEETS},
        "__doc__": "Records to import: the template's sheets, each a list of rows, each row "
        "an object of the sheet's columns (a column left out is an empty cell).",
    },
)


class SheetCounts(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class WriteBody(serializers.Serializer):
    written = serializers.BooleanField(help_text="Whether the records were written.")
    dry_run = serializers.BooleanField()
    counts = serializers.DictField(
        child=SheetCounts(), help_text="Per sheet: the records created, updated, unchanged."
    )
    incomplete = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Per kind of detail not stated: how many records lack it (data-quality "
        "work, as after a workbook import).",
    )
