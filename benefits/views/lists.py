"""The district lists of benefits: missing allowances, alimony ordered and received,
orders under which nothing is paid."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from benefits.filters import AlimonyBalanceFilter, AlimonyUnpaidFilter, MissingAllowanceFilter
from benefits.selectors import (
    alimony_balance,
    alimony_by_district,
    alimony_orders_visible_to,
    children_missing_allowance,
)
from children.models import FAMILY_FORMS, Category
from children.templatetags.children_tags import category_label, form_label
from registry.access import READ_ROLES, role_required
from registry.audit import logged_list
from registry.downloads import Column, Sheet
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

# The columns of each list, as its page shows them (its Excel download).
NAME = Column(_("Name"), lambda child: child.full_name)
DISTRICT_COLUMN = Column(_("District"), lambda child: str(child.district))
NEVER = _("never")


def _district(show: bool) -> list[Column]:
    return [DISTRICT_COLUMN] if show else []


def _missing(child) -> str:
    missing = []
    if child.status_category == Category.ORPHAN and not child.has_survivor:
        missing.append(gettext("allowance for the loss of a breadwinner"))
    if child.placement_form in FAMILY_FORMS and not child.has_guardian:
        missing.append(gettext("monthly payment to the guardian for upkeep"))
    return "; ".join(missing)


def missing_allowance_columns(show_district: bool) -> list[Column]:
    return [
        NAME,
        Column(_("Birth date"), lambda child: child.birth_date),
        *_district(show_district),
        Column(_("Category"), lambda child: category_label(child.status_category)),
        Column(
            _("Form of care"),
            lambda child: form_label(child.placement_form) if child.placement_form else "—",
        ),
        Column(_("Missing"), _missing),
    ]


def _ordered(child):
    if not child.fixed_orders:
        return gettext("share of income") if child.income_share_orders else None
    return child.ordered


def alimony_balance_columns(show_district: bool) -> list[Column]:
    return [
        NAME,
        *_district(show_district),
        Column(_("Orders in force"), lambda child: child.orders_active or 0),
        Column(_("Ordered (tenge)"), _ordered),
        Column(_("Received (tenge)"), lambda child: child.received),
        Column(
            _("Not received (tenge)"), lambda child: child.unpaid if child.fixed_orders else "—"
        ),
        Column(_("Last payment"), lambda child: child.last_payment or str(NEVER)),
    ]


def alimony_district_sheet(districts: list[dict], totals: dict) -> Sheet:
    """The figures per district the page shows above the children, and their total."""
    rows = (
        [*districts, {"district": gettext("Total"), **totals}] if len(districts) > 1 else districts
    )
    return Sheet(
        _("By district"),
        [
            Column(_("District"), lambda row: str(row["district"])),
            Column(_("Children with an order"), lambda row: row["children"]),
            Column(_("Ordered (tenge)"), lambda row: row["ordered"]),
            Column(_("Received (tenge)"), lambda row: row["received"]),
            Column(_("Not received (tenge)"), lambda row: row["unpaid"]),
        ],
        rows,
    )


def _decision(order) -> str:
    date = f"{order.decision_date:%d.%m.%Y}" if order.decision_date else ""
    return f"{order.court}, № {order.decision_number} {date}"


def _monthly(order):
    if order.monthly_amount:
        return order.monthly_amount
    return gettext("%(share)s of income") % {"share": order.income_share}


ORDER_DISTRICT = Column(_("District"), lambda order: str(order.child.district))


def alimony_unpaid_columns(show_district: bool) -> list[Column]:
    return [
        Column(_("Name"), lambda order: order.child.full_name),
        *(
            [Column(_("District"), lambda order: str(order.child.district))]
            if show_district
            else []
        ),
        Column(_("Debtor parent"), lambda order: order.debtor_name),
        Column(_("Court decision"), _decision),
        Column(_("Monthly"), _monthly),
        Column(_("In force since"), lambda order: order.start_date),
        Column(_("Last payment"), lambda order: order.last_payment or str(NEVER)),
    ]


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
        columns=missing_allowance_columns(filterset.shows_district),
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
        columns=alimony_balance_columns(filterset.shows_district),
        sheets=[alimony_district_sheet(districts, totals)],
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
        columns=alimony_unpaid_columns(filterset.shows_district),
    )
