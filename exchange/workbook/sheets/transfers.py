"""The Transfers sheet: a child's case handed to another district, by (iin, date)."""

from __future__ import annotations

from children import rules
from children.models import Transfer
from exchange.workbook import spec
from exchange.workbook.sheets.records import ChildRecordSheet, iin_column


class TransfersSheet(ChildRecordSheet):
    name = "Transfers"
    model = Transfer
    key = ("iin", "date")
    columns = (
        iin_column(),
        spec.reference("from_district", "district", required=True),
        spec.reference("to_district", "district", required=True),
        spec.date("date", required=True),
        spec.text("note", extra=True),
    )

    def check(self, ctx, child, record, others):
        earlier = [other for other in others if other.date < record.date]
        holding = max(earlier, key=lambda other: other.date).to_district if earlier else None
        holding = holding or child.registered_district
        from_ref = ctx.ref("district", record.from_district)
        errors = rules.transfer_errors(
            from_district_id=from_ref.ident,
            to_district_id=ctx.ref("district", record.to_district).ident,
            date=record.date,
            registered_on=child.registered_on,
            last_transfer_date=None,  # the order of the merged transfers is checked below
            today=ctx.today,
        )
        return errors + rules.transfer_from_errors(
            from_district_id=from_ref.ident,
            holding_district_id=ctx.ref("district", holding).ident,
            holding_district=holding,
            date=record.date,
        )

    def audit_scope_of(self, ctx, instance) -> dict:
        # As Transfer.audit_scope: filed under the district that receives the case.
        return {
            "region_id": instance.to_district.region_id,
            "district_id": instance.to_district_id,
            "child_id": instance.child_id,
        }
