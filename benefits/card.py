"""What the benefits app adds to the child's card: allowances and alimony orders."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from benefits.selectors import child_benefits
from children.card import CardSection, CardTable, amount_text, day_text, not_stated


def _order_amount(order) -> str:
    if order.monthly_amount:
        return _("%(amount)s tenge a month") % {"amount": amount_text(order.monthly_amount)}
    if order.income_share:
        return _("%(share)s of income") % {"share": order.income_share}
    return not_stated()


def _decision(allowance) -> str:
    date = day_text(allowance.decision_date) if allowance.decision_date else ""
    return f"{allowance.decision_number} {date}".strip()


def benefits_card(child, day) -> list[CardSection]:
    history = child_benefits(child)
    allowances = [
        (
            capfirst(allowance.get_kind_display()),
            not_stated()
            if allowance.monthly_amount is None
            else amount_text(allowance.monthly_amount),
            _decision(allowance),
            day_text(allowance.start_date),
            day_text(allowance.end_date),
        )
        for allowance in history["allowances"]
    ]
    orders = [
        (
            order.debtor_name,
            _order_amount(order),
            f"{order.court}, № {order.decision_number} {day_text(order.decision_date)}",
            day_text(order.start_date),
            day_text(order.end_date),
            amount_text(order.received),
        )
        for order in history["alimony_orders"]
    ]
    return [
        CardSection(
            _("Allowances and alimony"),
            tables=[
                CardTable(
                    (_("Kind"), _("Monthly (tenge)"), _("Decision"), _("Start"), _("Until")),
                    allowances,
                    _("No allowances recorded."),
                    widths=(6, 3, 4, 3, 3),
                    heading=_("Allowances"),
                ),
                CardTable(
                    (
                        _("Debtor parent"),
                        _("Amount"),
                        _("Court decision"),
                        _("Start"),
                        _("Until"),
                        _("Received:").rstrip(":"),
                    ),
                    orders,
                    _("No alimony orders recorded."),
                    widths=(4, 3, 5, 3, 3, 3),
                    heading=_("Alimony"),
                ),
            ],
        )
    ]
