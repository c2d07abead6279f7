"""A child's allowances and alimony, declared once."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benefits.forms import (
    AlimonyOrderCorrectForm,
    AlimonyOrderForm,
    AlimonyPaymentForm,
    AllowanceCorrectForm,
    AllowanceGrantForm,
    EndForm,
)
from benefits.models import AlimonyOrder, Allowance
from benefits.services.alimony import (
    alimony_order_add,
    alimony_order_correct,
    alimony_order_end,
    alimony_payment_add,
)
from benefits.services.allowances import allowance_add, allowance_correct, allowance_end
from registry.records.views import CORRECT_INTRO, Action, RecordViews

ANCHOR = "benefits-heading"

ALLOWANCES = RecordViews(
    model=Allowance,
    prefix="allowances",
    record="allowance",
    anchor=ANCHOR,
    actions=(
        Action(
            "new/",
            "allowance_add",
            AllowanceGrantForm,
            allowance_add,
            gettext_lazy("New allowance"),
            on_record=False,
        ),
        Action(
            "end/",
            "allowance_end",
            EndForm,
            allowance_end,
            lambda allowance: _("End the allowance: %(allowance)s") % {"allowance": allowance},
        ),
        Action(
            "edit/",
            "allowance_correct",
            AllowanceCorrectForm,
            allowance_correct,
            gettext_lazy("Correct the allowance"),
            CORRECT_INTRO,
            fills=True,
        ),
    ),
)

ALIMONY_ORDERS = RecordViews(
    model=AlimonyOrder,
    prefix="alimony",
    record="order",
    anchor=ANCHOR,
    actions=(
        Action(
            "new/",
            "alimony_order_add",
            AlimonyOrderForm,
            alimony_order_add,
            gettext_lazy("New alimony order"),
            gettext_lazy("The court decision ordering a parent to pay alimony for the child."),
            on_record=False,
        ),
        Action(
            "end/",
            "alimony_order_end",
            EndForm,
            alimony_order_end,
            lambda order: _("End the alimony order: %(order)s") % {"order": order},
        ),
        Action(
            "edit/",
            "alimony_order_correct",
            AlimonyOrderCorrectForm,
            alimony_order_correct,
            gettext_lazy("Correct the alimony order"),
            CORRECT_INTRO,
            fills=True,
        ),
        Action(
            "payments/new/",
            "alimony_payment_add",
            AlimonyPaymentForm,
            alimony_payment_add,
            lambda order: _("Alimony received under %(order)s") % {"order": order},
        ),
    ),
)
