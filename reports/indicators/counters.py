"""Counts that are not of children: due visits, places and occupants of youth homes.
Each is one grouped query, by a district, so that a region's figures remain the sum of
its districts': a due visit counts in the district that kept the child's case on its
due date, a graduate waiting for a place in the one that kept it on 31 December, a
youth home's places and occupants in the home's district. Each reads the database
`using` names (registry.replica)."""

from __future__ import annotations

import datetime
import operator
from functools import reduce

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce

from children.models import FAMILY_FORMS, Child, Institution, InstitutionKind, Transfer
from reports.indicators.conditions import Period


def district_of_child_at(day: datetime.date | str, child: str = "child"):
    """Expression: the district that kept the case of the row's child at `day`, a date
    or the name of a date field of the row (the day of the event the row is). The
    latest transfer by then is looked up only for the children ever transferred (a
    few): the others' is the district they were registered in."""
    if isinstance(day, str):
        day = OuterRef(day)
    latest = Transfer.objects.filter(child=OuterRef(child), date__lte=day).order_by("-date", "-pk")
    registered = F(f"{child}__registered_district")
    return Case(
        When(
            Q(**{f"{child}__in": Transfer.objects.values("child")}),
            then=Coalesce(Subquery(latest.values("to_district")[:1]), registered),
        ),
        default=registered,
        output_field=BigIntegerField(),
    )


def ever_in(district_ids, child: str = "child") -> Q:
    """Rows whose child was registered in, or moved to, one of the districts: the only
    ones `district_of_child_at` can place there."""
    registered = Child.objects.filter(registered_district__in=district_ids).values("pk")
    moved_in = Transfer.objects.filter(to_district__in=district_ids).values("child")
    return Q(**{f"{child}__in": registered.order_by().union(moved_in.order_by())})


def _grouped(queryset, district, district_ids, **aggregates) -> dict[int, dict]:
    """`aggregates` of the rows by `district`, for the districts asked (all without).

    The district of a child at a day is a subquery per row: the rows are first narrowed
    to the children ever in the districts asked, and the few groups outside them are
    dropped here rather than in SQL, where the planner would evaluate the subquery for
    every row before narrowing."""
    rows = (
        queryset.annotate(_district=district).values("_district").order_by().annotate(**aggregates)
    )
    found = {row.pop("_district"): row for row in rows}
    if district_ids is None:
        return found
    return {key: row for key, row in found.items() if key in district_ids}


def visits(periods: list[Period], district_ids, using: str) -> list[dict[int, dict]]:
    """The visits due in each period's year by its day, and those made on time, every
    period in one statement."""
    from care.models import ScheduledVisit

    def within(period: Period) -> Q:
        return Q(due_date__gte=period.first_day(1), due_date__lte=period.day)

    due = ScheduledVisit.objects.using(using).filter(placement__form__in=FAMILY_FORMS)
    due = due.filter(reduce(operator.or_, map(within, periods)))
    if district_ids is not None:
        due = due.filter(ever_in(district_ids))
    aggregates = {}
    for index, period in enumerate(periods):
        aggregates[f"due{index}"] = Count("pk", filter=within(period))
        aggregates[f"done{index}"] = Count("pk", filter=within(period) & Q(on_time=True))
    rows = _grouped(due, district_of_child_at("due_date"), district_ids, **aggregates)
    return [
        {
            district: {
                "monitoring.visits_due": row[f"due{index}"],
                "monitoring.visits_done": row[f"done{index}"],
            }
            for district, row in rows.items()
        }
        for index in range(len(periods))
    ]


def youth_homes(periods: list[Period], district_ids, using: str) -> list[dict[int, dict]]:
    """The places of youth homes, their occupants and the graduates waiting for a
    place, at each period's day."""
    return [_youth_homes(period, district_ids, using) for period in periods]


def _youth_homes(period: Period, district_ids, using: str) -> dict[int, dict]:
    from care.models import YouthHomeStay, YouthHomeWaiting

    day = period.day
    result: dict[int, dict] = {}
    homes = Institution.objects.using(using).filter(kind=InstitutionKind.YOUTH_HOME, is_active=True)
    stays = YouthHomeStay.objects.using(using).filter(YouthHomeStay.active_at_q(day))
    waiting = YouthHomeWaiting.objects.using(using).filter(YouthHomeWaiting.active_at_q(day))
    if district_ids is not None:
        homes = homes.filter(district__in=district_ids)
        stays = stays.filter(institution__district__in=district_ids)
        waiting = waiting.filter(ever_in(district_ids))
    for district, row in _grouped(
        homes, F("district"), district_ids, places=Sum("capacity")
    ).items():
        result.setdefault(district, {})["capacity.youth_home_places"] = row["places"] or 0
    for district, row in _grouped(
        stays, F("institution__district"), district_ids, n=Count("pk")
    ).items():
        result.setdefault(district, {})["capacity.youth_home_occupied"] = row["n"]
    for district, row in _grouped(
        waiting, district_of_child_at(day), district_ids, n=Count("pk")
    ).items():
        result.setdefault(district, {})["capacity.youth_home_waiting"] = row["n"]
    return result


COUNTERS = [visits, youth_homes]
