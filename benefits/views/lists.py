"""The district lists of benefits: missing allowances, alimony ordered and received,
orders under which nothing is paid."""

from django.utils.translation import gettext_lazy as _

from benefits.filters import AlimonyBalanceFilter, AlimonyUnpaidFilter, MissingAllowanceFilter
from benefits.selectors import (
    alimony_balance,
    alimony_by_district,
    alimony_orders_visible_to,
    children_missing_allowance,
)
from children.models import FAMILY_FORMS
from registry.access import READ_ROLES, role_required
from registry.audit import logged_list
from registry.models import District
from registry.records.rules import today
from registry.views.helpers import filtered_list_page

DISTRICT = {"district": (District, "pk")}
MISSING_ALLOWANCE = logged_list(
    "benefits_missing_allowance",
    _("Allowance missing"),
    filterset=MissingAllowanceFilter,
    references=DISTRICT,
)
ALIMONY_BALANCE = logged_list(
    "alimony_balance",
    _("Alimony ordered and received"),
    filterset=AlimonyBalanceFilter,
    references=DISTRICT,
)
ALIMONY_UNPAID = logged_list(
    "alimony_unpaid",
    _("Alimony not paid"),
    filterset=AlimonyUnpaidFilter,
    references=DISTRICT,
)


@role_required(*READ_ROLES)
def missing_allowance_list(request):
    day = today()
    filterset = MissingAllowanceFilter(
        request.GET, queryset=children_missing_allowance(request.user, day), user=request.user
    )
    return filtered_list_page(
        request,
        "benefits/missing_allowance_list.html",
        filterset,
        day,
        MISSING_ALLOWANCE,
        family_forms=list(FAMILY_FORMS),
    )


@role_required(*READ_ROLES)
def alimony_balance_list(request):
    day = today()
    filterset = AlimonyBalanceFilter(
        request.GET, queryset=alimony_balance(request.user, day), user=request.user
    )
    districts = alimony_by_district(filterset.qs, day)
    totals = {
        "children": sum(row["children"] for row in districts),
        "ordered": sum(row["ordered"] for row in districts),
        "received": sum(row["received"] for row in districts),
        "unpaid": sum(row["unpaid"] for row in districts),
    }
    return filtered_list_page(
        request,
        "benefits/alimony_balance_list.html",
        filterset,
        day,
        ALIMONY_BALANCE,
        districts=districts,
        totals=totals,
    )


@role_required(*READ_ROLES)
def alimony_unpaid_list(request):
    filterset = AlimonyUnpaidFilter(
        request.GET, queryset=alimony_orders_visible_to(request.user), user=request.user
    )
    return filtered_list_page(
        request,
        "benefits/alimony_unpaid_list.html",
        filterset,
        filterset.day,
        ALIMONY_UNPAID,
        lambda order: order.child_id,
    )
