"""The AlimonyPayments sheet: alimony received for a child, by (iin, date, amount).

A payment belongs to the child's alimony order in force on its date (AlimonyOrders
sheet or the register). A child may have two orders in force at once (one against
each parent): the extra column `order_start` then names the order by its start
date, and the export always writes it; a list that does not say has the payment
recorded under the order that started first, with a note on the check page.

Identical rows (the same child, date and amount) are that many payments: two months
paid on the same day. They are matched by their count: the second identical row is
the second such payment of the register (in the order they were recorded), so that
importing the same workbook again changes nothing, and a third row adds a third
payment. Every column is part of the key, so a row either names a payment of the
register (and changes nothing) or adds one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from benefits import rules
from benefits.models import AlimonyOrder, AlimonyPayment
from exchange.workbook import spec, values
from exchange.workbook.sheets.alimony_orders import AlimonyOrdersSheet
from exchange.workbook.sheets.records import ChildRecordSheet, iin_column
from registry.records.rules import fmt

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
        spec.date(
            "order_start", extra=True, field=None, label=_lazy("Start date of the alimony order")
        ),
    )
    # The AlimonyOrders record it is received under, and which of the identical
    # payments (same order, date and amount) it is: 1, 2, …
    record_slots = ("order", "occurrence")
    extra_lookups = ("order_id",)

    def loaded(self, ctx, child, record, extra) -> None:
        (order_id,) = extra
        record.order = next((o for o in child.records.get(ORDERS, []) if o.pk == order_id), None)
        # Records come in the order they were recorded (date, then id).
        record.occurrence = self.count(ctx, "loaded", child, record.order, record)

    def count(self, ctx, kind: str, child, order, payment) -> int:
        """How many payments of `kind` (records loaded, rows read) of the child so far
        have this one's order, date and amount, this one included."""
        seen = ctx.memo(f"{self.name}:{kind}").setdefault(id(child), {})
        key = (id(order), payment.date, payment.amount)
        seen[key] = seen.get(key, 0) + 1
        return seen[key]

    def resolve(self, ctx, child, row) -> dict | None:
        if child.broken:  # its orders may be missing: its problems are reported already
            return None
        order = self.order_of(ctx, child, row)
        if order is None:
            return None
        return {"order": order, "occurrence": self.count(ctx, "rows", child, order, row)}

    def order_of(self, ctx, child, row):
        """The order a row's payment is received under, or None (the problem is
        reported)."""
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
            return order
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
            ctx.notices.add(
                self.name,
                row.number,
                "order_start",
                _(
                    "Two alimony orders of this child were in force on %(date)s (from %(first)s "
                    "and from %(second)s): the payment is recorded under the order from "
                    "%(first)s. To choose the order, give its start date in the order_start "
                    "column."
                )
                % {
                    "date": fmt(row.date),
                    "first": fmt(found[0].start_date),
                    "second": fmt(found[1].start_date),
                },
            )
        return found[0]

    def row_key(self, row, resolved: dict) -> tuple:
        return (resolved["order"], row.date, row.amount, resolved["occurrence"])

    def record_key(self, record) -> tuple:
        return (record.order, record.date, record.amount, record.occurrence)

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
            export.read(AlimonyPayment)
            .filter(order__child__in=export.children())
            .order_by("order__child_id", "date", "pk")
            .values_list("order__child_id", "date", "amount", "order__start_date")
        )
        for child_id, *rest in rows.iterator(chunk_size=2000):
            yield (export.child_key(child_id), *rest)
