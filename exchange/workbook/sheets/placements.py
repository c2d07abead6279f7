"""The Placements sheet: a child's forms of care, by (iin, start_date)."""

from __future__ import annotations

from children import rules
from children.models import Placement, PlacementEndReason, PlacementForm
from children.names import search_key
from exchange.workbook import spec, values
from exchange.workbook.sheets.records import ChildRecordSheet, RecordBase, iin_column

CARER_FIELDS = ("carer_iin", "carer_name", "carer_address", "carer_phone")


class PlacementRecord(RecordBase):
    __slots__ = ()

    def get_form_display(self) -> str:
        return str(PlacementForm(self.form).label)


class PlacementsSheet(ChildRecordSheet):
    name = "Placements"
    model = Placement
    key = ("iin", "start_date")
    record_base = PlacementRecord
    columns = (
        iin_column(),
        spec.code("form", PlacementForm, required=True),
        spec.reference("institution", "institution"),
        spec.Column("carer_iin", values.iin_text, empty=""),
        spec.text("carer_name"),
        spec.date("start_date", required=True),
        spec.date("end_date"),
        spec.code("end_reason", PlacementEndReason),
        spec.text("carer_address", extra=True),
        spec.text("carer_phone", extra=True),
    )

    def normalize(self, record) -> None:
        """As the placement services do: an institution names no carer, a family no
        institution."""
        if record.form == PlacementForm.INSTITUTION:
            for field in CARER_FIELDS:
                setattr(record, field, "")
        else:
            record.institution = None

    derived_fields = {"carer_name": "carer_key"}

    def instance(self, ctx, child, record):
        instance = super().instance(ctx, child, record)
        instance.carer_key = search_key(instance.carer_name)
        return instance

    def check(self, ctx, child, record, others):
        return rules.placement_errors(
            form=record.form,
            birth_date=child.birth_date,
            registered_on=child.registered_on,
            start=record.start_date,
            end=record.end_date,
            end_reason=record.end_reason,
            has_institution=bool(record.institution),
            institution_kind=getattr(record.institution, "kind", ""),
            status_start=min(
                (s.start_date for s in child.records.get("Statuses", ()) if s.start_date),
                default=None,
            ),
            carer_name=record.carer_name,
            carer_iin=record.carer_iin if record.row is not None else "",
            others=others,
            today=ctx.today,
        )
