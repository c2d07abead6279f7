"""The AlimonyPayments sheet: alimony received for a child, by (iin, date, amount).

A payment belongs to the child's alimony order in force on its date (AlimonyOrders
sheet or the register). A child may have two orders in force at once (one against
each parent): the extra column `order_start` then names the order by its start
date; the export always writes it. Two payments of one order on the same day are
two rows with different amounts; a row repeating the child, date and amount of
another is refused as a duplicate. Every column is part of the key, so a row either
names a payment of the register (and changes nothing) or adds one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from benefits import rules
from benefits.models import AlimonyOrder, AlimonyPayment
from children.rules import fmt
from reports.workbook import spec, values
from reports.workbook.sheets.alimony_orders import AlimonyOrdersSheet
from reports.workbook.sheets.records import ChildRecordSheet, iin_column

ORDERS = AlimonyOrdersSheet.name


def in_force(order, day) -> bool:
    return order.start_date <= day and (order.end_date is None or day < order.end_date)


class AlimonyPaymentsSheet(ChildRecordSheet):
    name = "AlimonyPayments"
    model = AlimonyPayment
    key = ("iin", "date", "amount")
    child_path = "order__child"
    columns = (
        iin_column(),
        spec.date("date", required=True),
        spec.Column("amount", values.money, required=True),
        spec.date("order_start", extra=True, field=None),
    )
    record_slots = ("order",)  # the AlimonyOrders record it is received under
    extra_lookups = ("order_id",)

    def loaded(self, ctx, child, record, extra) -> None:
        (order_id,) = extra
        record.order = next((o for o in child.records.get(ORDERS, []) if o.pk == order_id), None)

    def resolve(self, ctx, child, row) -> dict | None:
        if child.broken:  # its orders may be missing: its problems are reported already
            return None
        orders = child.records.get(ORDERS, [])
        if row.get("order_start"):
            order = next((o for o in orders if o.start_date == row.order_start), None)
            if order is None:
                ctx.error(
                    self.name,
                    row.number,
                    "order_start",
                    _("The child has no alimony order from %(date)s.")
                    % {"date": fmt(row.order_start)},
                )
                return None
            return {"order": order}
        found = sorted((o for o in orders if in_force(o, row.date)), key=lambda o: o.start_date)
        if not found:
            ctx.error(
                self.name,
                row.number,
                "date",
                _(
                    "No alimony order of this child was in force on %(date)s: a payment is "
                    "recorded against the order in force on its date."
                )
                % {"date": fmt(row.date)},
            )
            return None
        if len(found) > 1:
            ctx.error(
                self.name,
                row.number,
                "order_start",
                _(
                    "Two alimony orders of this child were in force on %(date)s (from %(first)s "
                    "and from %(second)s): give the start date of the order in the order_start "
                    "column."
                )
                % {
                    "date": fmt(row.date),
                    "first": fmt(found[0].start_date),
                    "second": fmt(found[1].start_date),
                },
            )
            return None
        return {"order": found[0]}

    def row_key(self, row, resolved: dict) -> tuple:
        return (resolved["order"], row.date, row.amount)

    def record_key(self, record) -> tuple:
        return (record.order, record.date, record.amount)

    def duplicate_message(self, row_number: int) -> str:
        return _("This row repeats row %(row)s: the same child, date and amount.") % {
            "row": row_number
        }

    def check(self, ctx, child, record, others):
        return rules.alimony_payment_errors(
            date=record.date,
            amount=record.amount,
            order_start=record.order.start_date,
            order_end=record.order.end_date,
            today=ctx.today,
        )

    # --- writing ----------------------------------------------------------------------
    def instance(self, ctx, child, record):
        order = record.order
        # The order as the payment refers to it: named in the audit trail, filed
        # under its child.
        reference = AlimonyOrder(
            pk=order.pk,
            child_id=child.pk,
            decision_number=order.decision_number,
            decision_date=order.decision_date,
            debtor_name=order.debtor_name,
        )
        instance = AlimonyPayment(order=reference, date=record.date, amount=record.amount)
        if record.pk is not None:
            instance.pk = record.pk
        return instance

    def audit_scope_of(self, ctx, instance) -> dict:
        return ctx.children.scope_of(instance.order.child_id)

    # --- export -------------------------------------------------------------------------
    def export_rows(self, export):
        rows = (
            AlimonyPayment.objects.filter(order__child__in=export.children())
            .order_by("order__child_id", "date", "pk")
            .values_list("order__child_id", "date", "amount", "order__start_date")
        )
        for child_id, *rest in rows.iterator(chunk_size=2000):
            yield (export.child_key(child_id), *rest)
