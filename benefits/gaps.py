"""What a list may leave out of a child's allowances and alimony (see `registry.records.gaps`)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from benefits.models import AlimonyOrder, Allowance
from registry.records.gaps import Gap


def benefits_gaps() -> list[Gap]:
    return [
        Gap(
            "allowance.monthly_amount",
            Allowance,
            Q(monthly_amount__isnull=True),
            _("Allowances without a monthly amount"),
            _("the monthly amount"),
            "benefits:allowance_correct",
            "allowance_pk",
            order=50,
        ),
        Gap(
            "alimonyorder.monthly_amount",
            AlimonyOrder,
            Q(monthly_amount__isnull=True, income_share=""),
            _("Alimony orders without an amount or a share of income"),
            _("the monthly amount or the share of income"),
            "benefits:alimony_order_correct",
            "order_pk",
            order=55,
        ),
    ]
