"""Demo allowances and alimony for the demo children, made through the benefits services.

About six children in ten receive an allowance for the loss of a breadwinner or for a
parent's disability; most children in family care bring their guardian the monthly
payment for their upkeep; courts ordered alimony from a parent of about one child in
five, and some of those parents pay, irregularly, while others never have.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from benefits.models import AllowanceKind
from benefits.services.alimony import alimony_order_add, alimony_order_end, alimony_payment_add
from benefits.services.allowances import allowance_add, allowance_end
from children.ages import coming_of_age
from children.models import FAMILY_FORMS, Category, Child, StatusReason
from devdata.names import FATHERS, MOTHERS

ALIMONY_REASONS = (
    StatusReason.DEPRIVED,
    StatusReason.LIMITED,
    StatusReason.IMPRISONED,
    StatusReason.REFUSED,
)
# The debtors' first names: the fathers' names but one (their draws stay a seed's).
DEBTOR_FATHERS = [name for name in FATHERS if name != "Нұрлан"]


class DemoBenefits:
    def __init__(self, actor, seed: int):
        self.actor = actor
        self.random = random.Random(seed + 30)  # noqa: S311 - demo data, not secrets
        self.today = timezone.localdate()
        self.counts = {"allowances": 0, "orders": 0, "payments": 0}

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.random.randint(0, (last - first).days))

    def tenge(self, low: int, high: int) -> Decimal:
        return Decimal(self.random.randint(low // 100, high // 100) * 100)

    def allowance(self, child, kind, start, end, low, high) -> None:
        if start > self.today or (end is not None and end <= start):
            return
        allowance = allowance_add(
            actor=self.actor,
            child=child,
            kind=kind,
            monthly_amount=self.tenge(low, high),
            start_date=start,
            decision_number=f"{self.random.randint(100, 999)}/{start:%Y}",
            decision_date=start - datetime.timedelta(days=self.random.randint(5, 30)),
        )
        self.counts["allowances"] += 1
        if end is not None and end <= self.today:
            allowance_end(actor=self.actor, allowance=allowance, version=1, end_date=end)

    def allowances(self, child: Child, status, placements) -> None:
        adult = coming_of_age(child.birth_date)
        until = min(filter(None, [status.end_date, adult])) if status.end_date else adult
        roll = self.random.random()
        kind = None
        if status.category == Category.ORPHAN:
            kind = AllowanceKind.SURVIVOR if roll < 0.92 else None
        elif roll < 0.38:
            kind = AllowanceKind.SURVIVOR
        elif roll < 0.52:
            kind = AllowanceKind.PARENT_DISABILITY
        if kind is not None:
            start = status.start_date + datetime.timedelta(days=self.random.randint(20, 90))
            self.allowance(child, kind, start, until, 32_000, 58_000)
        for placement in placements:
            if placement.form in FAMILY_FORMS and self.random.random() < 0.85:
                start = placement.start_date + datetime.timedelta(days=self.random.randint(15, 75))
                end = min(filter(None, [placement.end_date, adult]))
                self.allowance(child, AllowanceKind.GUARDIAN_ALLOWANCE, start, end, 36_900, 44_000)

    def alimony(self, child: Child, status) -> None:
        if status.category != Category.WITHOUT_CARE or status.reason not in ALIMONY_REASONS:
            return
        if self.random.random() >= 0.4:
            return
        decided = status.start_date + datetime.timedelta(days=self.random.randint(30, 240))
        if decided > self.today:
            return
        mother = self.random.random() < 0.5
        first = self.random.choice(MOTHERS if mother else DEBTOR_FATHERS)
        surname = child.last_name.rstrip("а") + ("а" if mother else "")
        fixed = self.random.random() < 0.75
        order = alimony_order_add(
            actor=self.actor,
            child=child,
            decision_number=f"2-{self.random.randint(100, 3999)}/{decided:%Y}",
            decision_date=decided,
            court=f"{child.district.name_kk}ның соты",  # "Ақсу ауданының соты"
            debtor_name=f"{surname} {first}",
            start_date=decided,
            monthly_amount=self.tenge(15_000, 35_000) if fixed else None,
            income_share="" if fixed else self.random.choice(["1/4", "1/4", "1/3"]),
        )
        self.counts["orders"] += 1
        adult = coming_of_age(child.birth_date)
        end = adult if adult <= self.today else None
        if self.random.random() < 0.5:
            self.payments(order, until=end or self.today + datetime.timedelta(days=1))
        if end is not None:
            order.refresh_from_db()
            alimony_order_end(actor=self.actor, order=order, version=order.version, end_date=end)

    def payments(self, order, until: datetime.date) -> None:
        """Irregular payments over the order's last two years, the latest some months ago
        for about half of the payers."""
        first = max(order.start_date, until - datetime.timedelta(days=730))
        last = until - datetime.timedelta(days=1)
        if self.random.random() < 0.5:
            last -= datetime.timedelta(days=self.random.randint(100, 300))
        day = first + datetime.timedelta(days=self.random.randint(5, 40))
        while day <= last:
            if self.random.random() < 0.6:
                amount = order.monthly_amount or self.tenge(9_000, 30_000)
                alimony_payment_add(actor=self.actor, order=order, date=day, amount=amount)
                self.counts["payments"] += 1
            day += datetime.timedelta(days=self.random.randint(28, 75))

    def load(self) -> dict:
        children = Child.objects.select_related("district").prefetch_related(
            "statuses", "placements"
        )
        for child in children:
            statuses = list(child.statuses.all())
            if not statuses:
                continue
            self.allowances(child, statuses[0], list(child.placements.all()))
            self.alimony(child, statuses[0])
        return self.counts


def load_demo_benefits(*, actor, seed: int, stdout) -> None:
    counts = DemoBenefits(actor, seed).load()
    stdout.write(
        "Demo benefits: {allowances} allowances, {orders} alimony orders, "
        "{payments} payments received.".format(**counts)
    )
