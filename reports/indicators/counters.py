"""Counts that are not of children: due visits, places and occupants of youth homes.
Each is one grouped query, by the district of the child (at 31 December) or of the
youth home, so that a region's figures remain the sum of its districts'."""

from __future__ import annotations

from django.db.models import BigIntegerField, Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from children.models import FAMILY_FORMS, Institution, InstitutionKind, Transfer
from reports.indicators.conditions import Period


def district_of_child_at(day, child: str = "child"):
    """Expression: the district that kept the case of the row's child at `day`."""
    latest = Transfer.objects.filter(child=OuterRef(child), date__lte=day).order_by("-date", "-pk")
    return Coalesce(
        Subquery(latest.values("to_district")[:1]),
        F(f"{child}__registered_district"),
        output_field=BigIntegerField(),
    )


def _grouped(queryset, district, district_ids, **aggregates) -> dict[int, dict]:
    rows = (
        queryset.annotate(_district=district).values("_district").order_by().annotate(**aggregates)
    )
    if district_ids is not None:
        rows = rows.filter(_district__in=district_ids)
    return {row.pop("_district"): row for row in rows}


def visits(period: Period, district_ids) -> dict[int, dict]:
    from care.models import ScheduledVisit

    due = ScheduledVisit.objects.filter(
        due_date__gte=period.first_day(1),
        due_date__lte=period.day,
        placement__form__in=FAMILY_FORMS,
    )
    rows = _grouped(
        due,
        district_of_child_at(period.day),
        district_ids,
        monitoring__visits_due=Count("pk"),
        monitoring__visits_done=Count("pk", filter=Q(on_time=True)),
    )
    return {
        district: {
            "monitoring.visits_due": row["monitoring__visits_due"],
            "monitoring.visits_done": row["monitoring__visits_done"],
        }
        for district, row in rows.items()
    }


def youth_homes(period: Period, district_ids) -> dict[int, dict]:
    from care.models import YouthHomeStay, YouthHomeWaiting

    day = period.day
    result: dict[int, dict] = {}
    homes = Institution.objects.filter(kind=InstitutionKind.YOUTH_HOME, is_active=True)
    for district, row in _grouped(
        homes, F("district"), district_ids, places=Sum("capacity")
    ).items():
        result.setdefault(district, {})["capacity.youth_home_places"] = row["places"] or 0
    stays = YouthHomeStay.objects.filter(YouthHomeStay.active_at_q(day))
    for district, row in _grouped(
        stays, F("institution__district"), district_ids, n=Count("pk")
    ).items():
        result.setdefault(district, {})["capacity.youth_home_occupied"] = row["n"]
    waiting = YouthHomeWaiting.objects.filter(YouthHomeWaiting.active_at_q(day))
    for district, row in _grouped(
        waiting, district_of_child_at(day), district_ids, n=Count("pk")
    ).items():
        result.setdefault(district, {})["capacity.youth_home_waiting"] = row["n"]
    return result


COUNTERS = [visits, youth_homes]
