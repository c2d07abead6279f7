"""Reads of allowances and alimony, each scoped to the children the user may see.

Sums are computed in the database: an alimony order's amount due is its monthly
amount times the months it has been in force (a month falls due on the day of the
month the order started, the first one on the start date itself).
"""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear, Least
from django.db.models.lookups import GreaterThan

from benefits.models import AlimonyOrder, AlimonyPayment, Allowance, AllowanceKind
from children.models import FAMILY_FORMS, Category, Child
from children.selectors import children_visible_to, in_contingent_q, with_situation
from registry.access import area_filter
from registry.models import District
from registry.ordering import by_name

MONEY = DecimalField(max_digits=14, decimal_places=2)
DEFAULT_UNPAID_MONTHS = 3


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier (the month's last day where it has fewer days)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def child_benefits(child: Child) -> dict:
    """A child's allowances and alimony, for its page: a fixed number of queries."""
    cached = getattr(child, "_benefits_history", None)
    if cached is None:
        orders = list(
            child.alimony_orders.annotate(
                received=Coalesce(Sum("payments__amount"), Value(0), output_field=MONEY),
                last_payment=Max("payments__date"),
            )
        )
        payments = list(AlimonyPayment.objects.filter(order__child=child).order_by("-date", "-pk"))
        for order in orders:
            order.payment_list = [p for p in payments if p.order_id == order.pk]
        cached = {"allowances": list(child.allowances.all()), "alimony_orders": orders}
        child._benefits_history = cached
    return cached


# --- allowances -----------------------------------------------------------------------


def active_allowance_exists(day: datetime.date, kind: str) -> Exists:
    return Exists(
        Allowance.objects.filter(Allowance.active_at_q(day), child=OuterRef("pk"), kind=kind)
    )


def children_missing_allowance(user, day: datetime.date) -> QuerySet[Child]:
    """Children in the contingent at `day` whose situation suggests an allowance they do
    not receive: an orphan without a survivor allowance, a child in family care
    without the guardian's monthly payment."""
    return (
        with_situation(children_visible_to(user), day)
        .filter(in_contingent_q(day))
        .annotate(
            has_survivor=active_allowance_exists(day, AllowanceKind.SURVIVOR),
            has_guardian=active_allowance_exists(day, AllowanceKind.GUARDIAN_ALLOWANCE),
        )
        .filter(
            Q(status_category=Category.ORPHAN, has_survivor=False)
            | Q(placement_form__in=FAMILY_FORMS, has_guardian=False)
        )
        .select_related("district")
        .order_by("district__code", by_name("last_name"), by_name("first_name"), "pk")
    )


# --- alimony ------------------------------------------------------------------------------


def months_due(day: datetime.date, prefix: str = ""):
    """Expression: monthly payments an order has fallen due for up to `day` included."""
    start = F(f"{prefix}start_date")
    after_day = Value(day + datetime.timedelta(days=1), output_field=DateField())
    bound = Least(
        Coalesce(F(f"{prefix}end_date"), after_day, output_field=DateField()),
        after_day,
        output_field=DateField(),
    )
    whole = (
        (ExtractYear(bound) - ExtractYear(start)) * 12 + ExtractMonth(bound) - ExtractMonth(start)
    )
    return ExpressionWrapper(
        whole
        + Case(
            When(GreaterThan(ExtractDay(bound), ExtractDay(start)), then=Value(1)),
            default=Value(0),
        ),
        output_field=IntegerField(),
    )


def amount_due(day: datetime.date, prefix: str = ""):
    """Expression: an order's fixed monthly amount times its months due (null for an
    order fixed as a share of income)."""
    return ExpressionWrapper(F(f"{prefix}monthly_amount") * months_due(day, prefix), MONEY)


def alimony_orders_visible_to(user) -> QuerySet[AlimonyOrder]:
    return AlimonyOrder.objects.filter(area_filter(user, "child__district"))


def _money_or_zero(expression):
    return Coalesce(expression, Value(0), output_field=MONEY)


def _count(queryset) -> Subquery:
    """Subquery: how many rows of `queryset` (filtered on OuterRef("pk")) per child."""
    return Subquery(
        queryset.values("child").annotate(count=Count("pk")).values("count"),
        output_field=IntegerField(),
    )


FIXED = Q(order__monthly_amount__isnull=False)


def alimony_balance(user, day: datetime.date) -> QuerySet[Child]:
    """Children with an alimony order, one row per child: what was ordered (fixed sums,
    up to `day`), what was received (under any order), and what is missing of the fixed
    sums (`unpaid`: ordered minus what was received under fixed-sum orders)."""
    orders = AlimonyOrder.objects.filter(child=OuterRef("pk"), start_date__lte=day)
    ordered = orders.values("child").annotate(total=Sum(amount_due(day))).values("total")
    payments = (
        AlimonyPayment.objects.filter(order__child=OuterRef("pk"), date__lte=day)
        .values("order__child")
        .annotate(total=Sum("amount"), fixed=Sum("amount", filter=FIXED), last=Max("date"))
    )
    return (
        children_visible_to(user)
        .filter(Exists(orders))
        .annotate(
            orders_active=_count(orders.filter(AlimonyOrder.active_at_q(day))),
            fixed_orders=_count(orders.filter(monthly_amount__isnull=False)),
            income_share_orders=_count(orders.filter(monthly_amount__isnull=True)),
            ordered=_money_or_zero(Subquery(ordered, output_field=MONEY)),
            received=_money_or_zero(Subquery(payments.values("total"), output_field=MONEY)),
            received_fixed=_money_or_zero(Subquery(payments.values("fixed"), output_field=MONEY)),
            last_payment=Subquery(payments.values("last"), output_field=DateField()),
        )
        .annotate(unpaid=ExpressionWrapper(F("ordered") - F("received_fixed"), MONEY))
        .select_related("district")
        .order_by("district__code", by_name("last_name"), by_name("first_name"), "pk")
    )


def alimony_by_district(children: QuerySet[Child], day: datetime.date) -> list[dict]:
    """Per district of `children` (already scoped and filtered): children with an
    order, ordered, received, and what is missing of the fixed sums. Three queries
    whatever the number of children."""
    orders = (
        AlimonyOrder.objects.filter(child__in=children.values("pk"), start_date__lte=day)
        .values("child__district")
        .annotate(children=Count("child", distinct=True), ordered=Sum(amount_due(day)))
    )
    received = (
        AlimonyPayment.objects.filter(order__child__in=children.values("pk"), date__lte=day)
        .values("order__child__district")
        .annotate(received=Sum("amount"), fixed=Sum("amount", filter=FIXED))
    )
    received_by = {row["order__child__district"]: row for row in received}
    rows = list(orders)
    districts = District.objects.in_bulk([row["child__district"] for row in rows])
    summary = []
    for row in rows:
        payments = received_by.get(row["child__district"], {})
        ordered = row["ordered"] or 0
        summary.append(
            {
                "district": districts[row["child__district"]],
                "children": row["children"],
                "ordered": ordered,
                "received": payments.get("received") or 0,
                "unpaid": ordered - (payments.get("fixed") or 0),
            }
        )
    return sorted(summary, key=lambda row: row["district"].code)


def alimony_unpaid(
    orders: QuerySet[AlimonyOrder], day: datetime.date, months: int
) -> QuerySet[AlimonyOrder]:
    """Of `orders` (already scoped to the user), those in force at `day` for at least
    `months` months under which nothing was received in the last `months` months:
    cases for the bailiffs."""
    since = months_before(day, months)
    return (
        orders.filter(AlimonyOrder.active_at_q(day), start_date__lte=since)
        .filter(~Exists(AlimonyPayment.objects.filter(order=OuterRef("pk"), date__gt=since)))
        .annotate(last_payment=Max("payments__date"))
        .select_related("child__district")
        .order_by(F("last_payment").asc(nulls_first=True), "start_date", "pk")
    )
