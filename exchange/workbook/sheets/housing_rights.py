"""The HousingRights sheet: housing a child keeps a right to, by (iin, start_date).

Beyond the template: `share_size` (required for a share, as the housing service
asks), `document` and `end_reason` (required once the right has ended)."""

from __future__ import annotations

from exchange.workbook import spec
from exchange.workbook.sheets.records import ChildRecordSheet, iin_column
from housing import rules
from housing.models import HousingKind, HousingRight, HousingRightEndReason


class HousingRightsSheet(ChildRecordSheet):
    name = "HousingRights"
    model = HousingRight
    key = ("iin", "start_date")
    columns = (
        iin_column(),
        spec.code("kind", HousingKind, required=True),
        spec.text("address"),
        spec.date("start_date", required=True),
        spec.date("end_date"),
        spec.text("share_size", extra=True),
        spec.text("document", extra=True),
        spec.code("end_reason", HousingRightEndReason, extra=True),
    )

    def normalize(self, record) -> None:
        """As the housing service does: a share is written without spaces (1 / 3 is
        1/3); a share size given for full ownership stays, so that the rule says so."""
        if record.kind == HousingKind.SHARE:
            record.share_size = (record.share_size or "").replace(" ", "")

    def check(self, ctx, child, record, others):
        return rules.housing_right_errors(
            kind=record.kind,
            share_size=record.share_size,
            address=record.address,
            birth_date=child.birth_date,
            start=record.start_date,
            end=record.end_date,
            end_reason=record.end_reason,
            today=ctx.today,
        )
