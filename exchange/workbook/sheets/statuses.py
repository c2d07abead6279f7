"""The Statuses sheet: a child's statuses, by (iin, start_date)."""

from __future__ import annotations

from children import rules
from children.models import Category, Status, StatusEndReason, StatusReason
from exchange.workbook import spec
from exchange.workbook.sheets.records import ChildRecordSheet, iin_column


class StatusesSheet(ChildRecordSheet):
    name = "Statuses"
    model = Status
    key = ("iin", "start_date")
    columns = (
        iin_column(),
        spec.code("category", Category, required=True),
        spec.code("reason", StatusReason),
        spec.date("start_date", required=True),
        spec.date("end_date"),
        spec.code("end_reason", StatusEndReason),
        spec.text("document", extra=True),
    )

    def check(self, ctx, child, record, others):
        return rules.status_errors(
            reason=record.reason,
            birth_date=child.birth_date,
            start=record.start_date,
            end=record.end_date,
            end_reason=record.end_reason,
            others=others,
            today=ctx.today,
        )
