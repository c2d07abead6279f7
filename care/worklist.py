"""What is due: an officer's work list, and the overview per district for the region.

Each list is a fixed number of queries whatever the number of children: one per kind
of item, each scoped to the user's area.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Window
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils.translation import gettext as _

from care.models import Conclusion, FollowUpAction, LifePlan, ScheduledVisit
from care.selectors import (
    DUE_SOON_DAYS,
    actions_visible_to,
    danger_visits_unresolved,
    life_plans_visible_to,
    overdue_q,
    pupils_without_life_plan,
    scheduled_visits_visible_to,
    visits_visible_to,
)
from registry.access import districts_visible_to
from registry.records.rules import fmt

# Urgency, most urgent first.
DANGER, OVERDUE, DUE_SOON, MISSING = range(4)


@dataclass(frozen=True)
class WorkItem:
    rank: int
    date: datetime.date | None
    child_id: int
    child_name: str
    title: str
    detail: str = ""
    anchor: str = "care"

    @property
    def url(self) -> str:
        return f"{reverse('children:detail', args=[self.child_id])}#{self.anchor}"

    @property
    def overdue(self) -> bool:
        return self.rank in (DANGER, OVERDUE) and self.date is not None

    @property
    def sort_key(self):
        return (self.rank, self.date or datetime.date.max, self.child_name, self.child_id)


def _name(row: dict, prefix: str) -> str:
    parts = (row[f"{prefix}last_name"], row[f"{prefix}first_name"], row[f"{prefix}middle_name"])
    return " ".join(part for part in parts if part)


NAME_FIELDS = ("last_name", "first_name", "middle_name")


def _names(prefix: str) -> list[str]:
    return [f"{prefix}{field}" for field in NAME_FIELDS]


def overdue_visits(user, day: datetime.date):
    """One row per placement with overdue visits: the oldest due date and how many."""
    return (
        scheduled_visits_visible_to(user)
        .filter(overdue_q(day))
        .values("placement_id", "child_id", "placement__form", *_names("child__"))
        .annotate(oldest=Min("due_date"), missed=Count("pk"))
        .order_by("oldest", "placement_id")
    )


def visits_due_soon(user, day: datetime.date):
    """Due visits in the next 30 days, for placements not already overdue."""
    overdue = ScheduledVisit.objects.filter(overdue_q(day), placement=OuterRef("placement"))
    return (
        scheduled_visits_visible_to(user)
        .filter(
            due_date__gte=day,
            due_date__lte=day + datetime.timedelta(days=DUE_SOON_DAYS),
            fulfilled_on__isnull=True,
        )
        .exclude(Exists(overdue))
        .values("placement_id", "child_id", "due_date", "placement__form", *_names("child__"))
        .order_by("due_date", "placement_id")
    )


def open_actions(user, day: datetime.date):
    """Follow-up actions not done that are past due, or that follow a danger visit."""
    return (
        actions_visible_to(user)
        .filter(done_on__isnull=True)
        .filter(Q(due_date__lt=day) | Q(visit__conclusion=Conclusion.DANGER))
        .values(
            "pk",
            "description",
            "due_date",
            "visit__date",
            "visit__conclusion",
            "visit__child_id",
            *_names("visit__child__"),
        )
        .order_by("due_date", "pk")
    )


def danger_without_action(user):
    """Visits that found a child in danger with no follow-up action at all (an
    imported list that did not state one)."""
    return (
        visits_visible_to(user)
        .filter(conclusion=Conclusion.DANGER)
        .exclude(Exists(FollowUpAction.objects.filter(visit=OuterRef("pk"))))
        .values("pk", "date", "child_id", *_names("child__"))
        .order_by("date", "pk")
    )


def reviews_due(user, day: datetime.date):
    """Life plans active at `day` whose review date has passed."""
    return (
        life_plans_visible_to(user)
        .filter(LifePlan.active_at_q(day), next_review_date__lt=day)
        .values("pk", "child_id", "next_review_date", *_names("child__"))
        .order_by("next_review_date", "pk")
    )


def _by_name(prefix: str) -> list:
    """The order of the child's name as `WorkItem.child_name` sorts in Python (code point
    by code point: "C" on PostgreSQL, SQLite's own), then of the child."""
    collation = "C" if connection.vendor == "postgresql" else "BINARY"
    return [Collate(F(field), collation).asc() for field in _names(prefix)] + [f"{prefix}id"]


def _sources(user, day: datetime.date) -> list[tuple]:
    """Each kind of item: (rows ordered as its items sort, the item of a row). Within a
    kind the rank is one, so the rows' order (date, name, child, then the row) is the
    items' (a stable sort keeps the rows' order where items tie)."""

    def overdue(row):
        return WorkItem(
            OVERDUE,
            row["oldest"],
            row["child_id"],
            _name(row, "child__"),
            _("Visit overdue since %(date)s") % {"date": fmt(row["oldest"])},
            _("Visits missed: %(count)s") % {"count": row["missed"]},
            anchor="care-visits",
        )

    def due_soon(row):
        return WorkItem(
            DUE_SOON,
            row["due_date"],
            row["child_id"],
            _name(row, "child__"),
            _("Visit due by %(date)s") % {"date": fmt(row["due_date"])},
            anchor="care-visits",
        )

    def action(row):
        danger = row["visit__conclusion"] == Conclusion.DANGER
        due = row["due_date"]
        if due is None:  # an imported action that does not state it (a gap)
            title = _("Child in danger: action without a due date")
        elif danger:
            title = _("Child in danger: action due by %(date)s") % {"date": fmt(due)}
        else:
            title = _("Follow-up action past due since %(date)s") % {"date": fmt(due)}
        return WorkItem(
            DANGER if danger else OVERDUE,
            due,
            row["visit__child_id"],
            _name(row, "visit__child__"),
            title,
            row["description"][:120],
            anchor="care-visits",
        )

    def danger_visit(row):
        return WorkItem(
            DANGER,
            row["date"],
            row["child_id"],
            _name(row, "child__"),
            _("Child in danger: no follow-up action after the visit of %(date)s")
            % {"date": fmt(row["date"])},
            anchor="care-visits",
        )

    def review(row):
        return WorkItem(
            OVERDUE,
            row["next_review_date"],
            row["child_id"],
            _name(row, "child__"),
            _("Life plan review due since %(date)s") % {"date": fmt(row["next_review_date"])},
            anchor="care-plans",
        )

    def missing(child):
        return WorkItem(
            MISSING,
            None,
            child["pk"],
            _name(child, ""),
            _("Pupil of 14 or more without a life plan"),
            anchor="care-plans",
        )

    actions = open_actions(user, day)
    danger = Q(visit__conclusion=Conclusion.DANGER)
    return [
        (
            overdue_visits(user, day).order_by("oldest", *_by_name("child__"), "placement_id"),
            overdue,
        ),
        (visits_due_soon(user, day).order_by("due_date", *_by_name("child__"), "pk"), due_soon),
        (
            actions.filter(danger).order_by(
                F("due_date").asc(nulls_last=True), *_by_name("visit__child__"), "pk"
            ),
            action,
        ),
        (
            actions.exclude(danger).order_by(
                F("due_date").asc(nulls_last=True), *_by_name("visit__child__"), "pk"
            ),
            action,
        ),
        (danger_without_action(user).order_by("date", *_by_name("child__"), "pk"), danger_visit),
        (reviews_due(user, day).order_by("next_review_date", *_by_name("child__"), "pk"), review),
        (
            pupils_without_life_plan(user, day).values("pk", *NAME_FIELDS).order_by(*_by_name("")),
            missing,
        ),
    ]


def work_list(user, day: datetime.date) -> list[WorkItem]:
    """An officer's work list, ordered by urgency: open actions after a danger visit,
    then whatever is overdue (oldest first), visits due in the next 30 days, and
    pupils of 14 or more without a life plan."""
    items = [item for rows, item in _sources(user, day) for item in map(item, rows)]
    return sorted(items, key=lambda item: item.sort_key)


def work_list_head(user, day: datetime.date, size: int) -> tuple[list[WorkItem], int]:
    """The first `size` items of the work list, and how many it holds: each kind's
    first `size` rows and its count (one query a kind), so that the items built grow
    with what is shown, not with the district. Each kind's rows come in the order its
    items sort, so the first items of all are among the first of each."""
    head: list[WorkItem] = []
    total = 0
    for rows, item in _sources(user, day):
        # The kind's count comes with its first rows (a window over all of them).
        first = list(rows.annotate(listed=Window(Count("*")))[:size])
        total += first[0]["listed"] if first else 0
        head += map(item, first)
    return sorted(head, key=lambda item: item.sort_key)[:size], total


def district_overview(user, day: datetime.date) -> list[dict]:
    """Per district of the user's area: placements with an overdue visit, visits due in
    the next 30 days, follow-up actions past due and unresolved danger visits."""
    soon = day + datetime.timedelta(days=DUE_SOON_DAYS)
    by_district: dict[int, dict] = {}

    def add(rows, key):
        for row in rows:
            by_district.setdefault(row["district"], {})[key] = row["n"]

    scheduled = scheduled_visits_visible_to(user).values(district=F("child__district"))
    add(
        scheduled.filter(overdue_q(day))
        .annotate(n=Count("placement", distinct=True))
        .values("district", "n")
        .order_by(),
        "overdue",
    )
    add(
        scheduled.filter(due_date__gte=day, due_date__lte=soon, fulfilled_on__isnull=True)
        .annotate(n=Count("pk"))
        .values("district", "n")
        .order_by(),
        "due_soon",
    )
    add(
        actions_visible_to(user)
        .filter(done_on__isnull=True, due_date__lt=day)
        .values(district=F("visit__child__district"))
        .annotate(n=Count("pk"))
        .values("district", "n")
        .order_by(),
        "actions",
    )
    add(
        danger_visits_unresolved(user)
        .values(district=F("child__district"))
        .annotate(n=Count("pk"))
        .values("district", "n")
        .order_by(),
        "danger",
    )
    rows = []
    for district in districts_visible_to(user).select_related("region"):
        figures = by_district.get(district.pk, {})
        rows.append(
            {
                "district": district,
                "overdue": figures.get("overdue", 0),
                "due_soon": figures.get("due_soon", 0),
                "actions": figures.get("actions", 0),
                "danger": figures.get("danger", 0),
            }
        )
    return rows
