"""The Benefits sheet: a child's allowances, by (iin, kind, start_date).

A child may receive allowances of several kinds from the same day (a survivor's
allowance and the guardian's payment from the guardianship decision), so the kind
is part of the key; only two periods of the same kind may not overlap. The monthly
amount is required, as the benefits service asks. Beyond the template:
`decision_number` and `decision_date`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from benefits import rules
from benefits.models import Allowance, AllowanceKind
from exchange.workbook import spec, values
from exchange.workbook.sheets.records import ChildRecordSheet, iin_column


class BenefitsSheet(ChildRecordSheet):
    name = "Benefits"
    model = Allowance
    key = ("iin", "kind", "start_date")
    date_column = "start_date"
    columns = (
        iin_column(),
        spec.code("kind", AllowanceKind, required=True),
        spec.date("start_date", required=True),
        spec.date("end_date"),
        spec.Column("monthly_amount", values.money),
        spec.text("decision_number", extra=True),
        spec.date("decision_date", extra=True),
    )

    def duplicate_message(self, row_number: int) -> str:
        return _("This row repeats row %(row)s: the same child, kind and start date.") % {
            "row": row_number
        }

    def check(self, ctx, child, record, others):
        return rules.allowance_errors(
            kind=record.kind,
            kind_label=AllowanceKind(record.kind).label,
            monthly_amount=record.monthly_amount,
            birth_date=child.birth_date,
            start=record.start_date,
            end=record.end_date,
            decision_date=record.decision_date,
            others=others,
            today=ctx.today,
        )
