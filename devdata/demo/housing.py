"""Demo housing histories for the demo children, made through the housing services.

Many children keep secured housing (full ownership or a share, more often orphans who
inherited it; a few rights lost or released); most institution pupils and children in
family care stand in their district's queue, with their positions; some who came of
age were provided with housing from the queue, one or two as a stated exception; a
couple were removed from the queue, with the explanation every removal needs.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from children.ages import coming_of_age
from children.models import Category, Child, PlacementForm, StatusEndReason
from devdata.names import STREETS
from housing.models import HousingKind, HousingRightEndReason, ProvisionSource, QueueEndReason
from housing.services.provisions import housing_provision_add
from housing.services.queue import queue_entry_add, queue_entry_end
from housing.services.rights import housing_right_add, housing_right_end

SHARES = ["1/2", "1/2", "1/3", "1/3", "1/4", "2/3", "1/5"]
REMOVALS = [
    "Отбасымен басқа облысқа тұрақты тұруға көшті (өтініш, 2 ай бұрын).",
    "Мұрагерлік бойынша тұрғын үй алды, акимат шешімі.",
    "Ата-анасына қайтарылды, сот шешімі.",
]
EXCEPTION = "Сот шешімі бойынша кезектен тыс берілді."


@dataclass
class QueuePlan:
    child: Child
    start: datetime.date
    provided: datetime.date | None = None
    removed: datetime.date | None = None
    explanation: str = ""


class DemoHousing:
    def __init__(self, actor, seed: int):
        self.actor = actor
        self.random = random.Random(seed + 20)  # noqa: S311 - demo data, not secrets
        self.today = timezone.localdate()
        self.counts = {"rights": 0, "queue": 0, "provided": 0, "removed": 0}

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.random.randint(0, (last - first).days))

    def address(self, child: Child) -> str:
        flat = self.random.randint(1, 90)
        return (
            f"{child.district.name_kk}, {self.random.choice(STREETS)}, "
            f"{self.random.randint(1, 140)}, {flat}"
        )

    # --- secured housing ------------------------------------------------------------
    def right(self, child: Child, status) -> None:
        chance = 0.6 if status.category == Category.ORPHAN else 0.3
        if self.random.random() >= chance:
            return
        start = self.day_between(
            status.start_date, min(self.today, status.start_date + datetime.timedelta(days=180))
        )
        kind = HousingKind.SHARE if self.random.random() < 0.55 else HousingKind.FULL
        right = housing_right_add(
            actor=self.actor,
            child=child,
            kind=kind,
            share_size=self.random.choice(SHARES) if kind == HousingKind.SHARE else "",
            address=self.address(child),
            document=f"№ {self.random.randint(1000, 9999)}-{start:%Y}",
            start_date=start,
        )
        self.counts["rights"] += 1
        if self.random.random() < 0.07 and start + datetime.timedelta(days=400) < self.today:
            housing_right_end(
                actor=self.actor,
                right=right,
                version=right.version,
                end_date=self.day_between(start + datetime.timedelta(days=365), self.today),
                end_reason=self.random.choice(
                    [HousingRightEndReason.LOST, HousingRightEndReason.RELEASED]
                ),
            )

    # --- the queue ------------------------------------------------------------------
    def queue_plan(self, child: Child, status, placements) -> QueuePlan | None:
        if not placements or status.end_reason in (
            StatusEndReason.ADOPTED,
            StatusEndReason.RETURNED,
        ):
            return None
        forms = {placement.form for placement in placements}
        if PlacementForm.ADOPTION in forms:
            return None
        chance = 0.95 if PlacementForm.INSTITUTION in forms else 0.88
        if self.random.random() >= chance:
            return None
        first = placements[0].start_date
        start = min(
            self.today,
            self.day_between(
                first + datetime.timedelta(days=10), first + datetime.timedelta(days=150)
            ),
        )
        plan = QueuePlan(child, start)
        adult = coming_of_age(child.birth_date)
        earliest = max(adult, start + datetime.timedelta(days=365))
        if adult <= self.today and earliest < self.today and self.random.random() < 0.5:
            plan.provided = self.day_between(earliest, self.today)
        return plan

    def queue(self, plans: list[QueuePlan]) -> None:
        # A couple of removals, each with its explanation.
        candidates = [
            plan
            for plan in plans
            if plan.provided is None and plan.start + datetime.timedelta(days=200) < self.today
        ]
        for plan, text in zip(self.random.sample(candidates, 3), REMOVALS, strict=False):
            plan.removed = self.day_between(plan.start + datetime.timedelta(days=180), self.today)
            plan.explanation = text
        # Positions of those still waiting, in each akimat's queue, by date of entry.
        waiting: dict[int, list[QueuePlan]] = {}
        for plan in plans:
            if plan.provided is None and plan.removed is None:
                waiting.setdefault(plan.child.district_id, []).append(plan)
        positions = {}
        for queue in waiting.values():
            queue.sort(key=lambda plan: (plan.start, plan.child.pk))
            for number, plan in enumerate(queue, start=1):
                positions[plan.child.pk] = number
        for plan in plans:
            position = positions.get(plan.child.pk)
            entry = queue_entry_add(
                actor=self.actor,
                child=plan.child,
                district=plan.child.district,
                start_date=plan.start,
                position=position,
                position_on=self.day_between(
                    max(plan.start, self.today - datetime.timedelta(days=90)), self.today
                )
                if position
                else None,
            )
            self.counts["queue"] += 1
            if plan.provided is not None:
                housing_provision_add(
                    actor=self.actor,
                    child=plan.child,
                    date=plan.provided,
                    address=self.address(plan.child),
                    source=ProvisionSource.STATE_FUND
                    if self.random.random() < 0.9
                    else ProvisionSource.OTHER,
                    queue_entry=entry,
                )
                self.counts["provided"] += 1
            elif plan.removed is not None:
                queue_entry_end(
                    actor=self.actor,
                    entry=entry,
                    version=entry.version,
                    end_date=plan.removed,
                    end_reason=QueueEndReason.REMOVED,
                    end_explanation=plan.explanation,
                )
                self.counts["removed"] += 1

    def exceptions(self, children: list[Child], planned: set[int]) -> None:
        """Housing provided without a queue entry, by a court decision."""
        adults = [
            child
            for child in children
            if child.pk not in planned and coming_of_age(child.birth_date) < self.today
        ]
        for child in self.random.sample(adults, min(2, len(adults))):
            housing_provision_add(
                actor=self.actor,
                child=child,
                date=self.day_between(coming_of_age(child.birth_date), self.today),
                address=self.address(child),
                source=ProvisionSource.STATE_FUND,
                exception_reason=EXCEPTION,
            )
            self.counts["provided"] += 1

    def load(self) -> dict:
        children = list(
            Child.objects.select_related("district").prefetch_related("statuses", "placements")
        )
        plans = []
        for child in children:
            statuses = list(child.statuses.all())
            if not statuses:
                continue
            self.right(child, statuses[0])
            plan = self.queue_plan(child, statuses[-1], list(child.placements.all()))
            if plan is not None:
                plans.append(plan)
        self.queue(plans)
        self.exceptions(children, {plan.child.pk for plan in plans})
        return self.counts


def load_demo_housing(*, actor, seed: int, stdout) -> None:
    counts = DemoHousing(actor, seed).load()
    stdout.write(
        "Demo housing: {rights} secured, {queue} queue entries, {provided} provided, "
        "{removed} removed from the queue.".format(**counts)
    )
