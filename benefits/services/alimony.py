"""Alimony: court orders against a parent, and the payments received under them."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from benefits import rules
from benefits.models import AlimonyOrder, AlimonyPayment
from children.models import Child
from registry.records.rules import fmt, raise_if
from registry.records.services import end_record, update_record
from registry.services.base import service


@service
def alimony_order_add(
    *,
    actor,
    child: Child,
    decision_number: str,
    decision_date: datetime.date,
    court: str,
    debtor_name: str,
    start_date: datetime.date,
    monthly_amount: Decimal | None = None,
    income_share: str = "",
) -> AlimonyOrder:
    """Record a court order for a parent to pay alimony from `start_date`."""
    income_share = (income_share or "").replace(" ", "")
    raise_if(
        rules.alimony_order_errors(
            monthly_amount=monthly_amount,
            income_share=income_share,
            birth_date=child.birth_date,
            start=start_date,
            end=None,
            decision_date=decision_date,
            today=timezone.localdate(),
        )
    )
    order = AlimonyOrder(
        child=child,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        court=court.strip(),
        debtor_name=debtor_name.strip(),
        monthly_amount=monthly_amount,
        income_share=income_share,
        start_date=start_date,
    )
    order.full_clean()
    order.save()
    return order


@service
def alimony_order_end(
    *, actor, order: AlimonyOrder, version: int | None, end_date: datetime.date
) -> AlimonyOrder:
    """The order is no longer in force from `end_date` (the child came of age, the order
    was cancelled). Payments dated on or after it are refused."""
    return end_record(
        order,
        version=version,
        check=lambda: rules.alimony_order_end_errors(
            start=order.start_date,
            end=end_date,
            last_payment=order.payments.order_by("-date").values_list("date", flat=True).first(),
            today=timezone.localdate(),
        ),
        end_date=end_date,
    )


@service
def alimony_payment_add(
    *, actor, order: AlimonyOrder, date: datetime.date, amount: Decimal | None
) -> AlimonyPayment:
    """Alimony received under `order` on `date`: the order must be in force then."""
    raise_if(
        rules.alimony_payment_errors(
            date=date,
            amount=amount,
            order_start=order.start_date,
            order_end=order.end_date,
            today=timezone.localdate(),
        )
    )
    payment = AlimonyPayment(order=order, date=date, amount=amount)
    payment.full_clean()
    payment.save()
    return payment


@service
def alimony_order_correct(
    *,
    actor,
    order: AlimonyOrder,
    version: int | None,
    decision_number: str,
    decision_date: datetime.date,
    court: str,
    debtor_name: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    monthly_amount: Decimal | None = None,
    income_share: str = "",
) -> AlimonyOrder:
    """Correct a mistake in an alimony order; the audit trail keeps what it said before.
    The payments received under it must stay within its corrected period."""
    income_share = (income_share or "").replace(" ", "")

    def check():
        today = timezone.localdate()
        errors = rules.alimony_order_errors(
            monthly_amount=monthly_amount,
            income_share=income_share,
            birth_date=order.child.birth_date,
            start=start_date,
            end=end_date,
            decision_date=decision_date,
            today=today,
        )
        paid = order.payments.aggregate(first=Min("date"), last=Max("date"))
        if paid["first"] is not None and paid["first"] < start_date:
            errors.append(
                (
                    "start_date",
                    _(
                        "A payment was received under this order on %(date)s: the order "
                        "cannot start after that date."
                    )
                    % {"date": fmt(paid["first"])},
                )
            )
        if end_date is not None:
            errors += rules.alimony_order_end_errors(
                start=start_date, end=end_date, last_payment=paid["last"], today=today
            )
        return list(dict.fromkeys(errors))

    return update_record(
        order,
        version=version,
        check=check,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        court=court.strip(),
        debtor_name=debtor_name.strip(),
        start_date=start_date,
        end_date=end_date,
        monthly_amount=monthly_amount,
        income_share=income_share,
    )
