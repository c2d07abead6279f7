"""The rules allowances and alimony obey, as pure functions over values.

The services check them against the database; the workbook import can check them
against a whole workbook before writing anything. Each returns `(field, message)`
pairs, empty when all is well; messages are in the active language.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from registry.records.rules import (
    Errors,
    Missing,
    dates_errors,
    fmt,
    not_before_birth,
    not_in_future,
    overlapping,
    parse_share,
)


def amount_errors(field: str, amount: Decimal | None, required: bool = True) -> Errors:
    """Money in tenge: a positive sum."""
    if amount is None:
        return [(field, Missing(field, _("Give the amount in tenge.")))] if required else []
    if not amount.is_finite() or amount <= 0:
        return [(field, _("The amount must be a positive sum in tenge."))]
    return []


def allowance_errors(
    *,
    kind: str,
    kind_label: str,
    monthly_amount: Decimal | None,
    birth_date: datetime.date,
    start: datetime.date,
    end: datetime.date | None,
    decision_date: datetime.date | None,
    others: Iterable,
    today: datetime.date,
) -> Errors:
    """`others` are the child's other allowances (with kind, start_date, end_date)."""
    errors = dates_errors(start, end, today)
    errors += not_before_birth("start_date", start, birth_date)
    errors += not_in_future("decision_date", decision_date, today)
    errors += amount_errors("monthly_amount", monthly_amount)
    clash = overlapping(start, end, [other for other in others if other.kind == kind])
    if clash is not None:
        errors.append(
            (
                None,
                _(
                    "The child already receives this allowance (%(kind)s) from %(start)s: "
                    "the two periods overlap. End that one first."
                )
                % {"kind": kind_label, "start": fmt(clash.start_date)},
            )
        )
    return errors


def alimony_order_errors(
    *,
    monthly_amount: Decimal | None,
    income_share: str,
    birth_date: datetime.date,
    start: datetime.date,
    end: datetime.date | None,
    decision_date: datetime.date | None,
    today: datetime.date,
) -> Errors:
    errors = dates_errors(start, end, today)
    errors += not_before_birth("start_date", start, birth_date)
    errors += not_in_future("decision_date", decision_date, today)
    income_share = (income_share or "").strip()
    if monthly_amount is None and not income_share:
        errors.append(
            (
                "monthly_amount",
                Missing(
                    "monthly_amount",
                    _("Give the monthly amount, or the share of income the court fixed."),
                ),
            )
        )
    elif monthly_amount is not None and income_share:
        errors.append(
            (
                "income_share",
                _("Give either a monthly amount or a share of income, not both."),
            )
        )
    elif monthly_amount is not None:
        errors += amount_errors("monthly_amount", monthly_amount)
    elif parse_share(income_share) is None:
        errors.append(
            (
                "income_share",
                _("The share of income must be a fraction such as 1/4: more than 0 and at most 1."),
            )
        )
    return errors


def alimony_payment_errors(
    *,
    date: datetime.date,
    amount: Decimal | None,
    order_start: datetime.date,
    order_end: datetime.date | None,
    today: datetime.date,
) -> Errors:
    """A payment is received under an order in force on its date."""
    errors = not_in_future("date", date, today)
    errors += amount_errors("amount", amount)
    if errors:
        return errors
    in_force = order_start <= date and (order_end is None or date < order_end)
    if not in_force:
        if order_end is None:
            message = _(
                "The order was not in force on %(date)s: it is in force from %(start)s. "
                "A payment is recorded against the order in force on its date."
            ) % {"date": fmt(date), "start": fmt(order_start)}
        else:
            message = _(
                "The order was not in force on %(date)s: it was in force from %(start)s "
                "until %(end)s. A payment is recorded against the order in force on its date."
            ) % {"date": fmt(date), "start": fmt(order_start), "end": fmt(order_end)}
        errors.append(("date", message))
    return errors


def alimony_order_end_errors(
    *,
    start: datetime.date,
    end: datetime.date,
    last_payment: datetime.date | None,
    today: datetime.date,
) -> Errors:
    """Ending an order: the payments received under it must stay inside its period."""
    errors = dates_errors(start, end, today)
    if not errors and last_payment is not None and last_payment >= end:
        errors.append(
            (
                "end_date",
                _(
                    "A payment was received under this order on %(date)s: the order cannot "
                    "end on or before that date."
                )
                % {"date": fmt(last_payment)},
            )
        )
    return errors
