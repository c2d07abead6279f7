"""The AlimonyOrders sheet: court orders for a parent to pay a child's alimony, by
(iin, start_date).

A fixed `monthly_amount` or, beyond the template, an `income_share` (such as 1/4):
one of the two, as the benefits service asks. The order's decision is beyond the
template too; a district's list that does not give it is imported with these
defaults, which the export then writes: `decision_number` and `court` "—" (not
stated), `decision_date` the order's start date; `debtor_name` left empty is "—".
An order cannot end on or before a payment the register holds under it.
"""

from __future__ import annotations

from benefits import rules
from benefits.models import AlimonyOrder
from exchange.workbook import spec, values
from exchange.workbook.sheets.records import NOT_STATED, ChildRecordSheet, iin_column
from registry.records.rules import hard

PAYMENTS = "AlimonyPayments"


class AlimonyOrdersSheet(ChildRecordSheet):
    name = "AlimonyOrders"
    model = AlimonyOrder
    key = ("iin", "start_date")
    columns = (
        iin_column(),
        spec.date("start_date", required=True),
        spec.date("end_date"),
        spec.text("debtor_name"),
        spec.Column("monthly_amount", values.money),
        spec.text("decision_number", extra=True),
        spec.date("decision_date", extra=True),
        spec.text("court", extra=True),
        spec.text("income_share", extra=True),
    )
    defaults = {
        "debtor_name": NOT_STATED,
        "decision_number": NOT_STATED,
        "court": NOT_STATED,
        "decision_date": lambda record: record.start_date,
    }

    def normalize(self, record) -> None:
        """As the service does: a share of income is written without spaces."""
        record.income_share = (record.income_share or "").replace(" ", "")

    def check(self, ctx, child, record, others):
        errors = rules.alimony_order_errors(
            monthly_amount=record.monthly_amount,
            income_share=record.income_share,
            birth_date=child.birth_date,
            start=record.start_date,
            end=record.end_date,
            decision_date=record.decision_date,
            today=ctx.today,
        )
        if record.end_date is not None and not hard(errors):
            # Payments on the AlimonyPayments sheet are checked against their order there.
            paid = [
                p.date
                for p in child.records.get(PAYMENTS, [])
                if p.order is record and p.row is None
            ]
            errors += rules.alimony_order_end_errors(
                start=record.start_date,
                end=record.end_date,
                last_payment=max(paid, default=None),
                today=ctx.today,
            )
        return errors
