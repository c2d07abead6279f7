"""The indicator engine: every count of the spec for a year, per district, in the
database, in a fixed number of queries whatever the number of children.

How it counts:
- `D` is 31 December of the year, `P` the 31 December before. Each child is annotated
  with the district that kept its case at `D` and at `P` (registration and dated
  transfers), its status and placement at both dates, and what the conditions need.
  Each count is `Count(child, filter=condition)`, grouped by the district at `D` (or
  at `P` for "a year before" figures). A region's figures are therefore the sum of
  its districts', and the country's the sum of its regions', by construction.
  Figures about the year (housing provided in the year, visits due) count the child
  in the district that kept its case at `D`.
- The same conditions filter the list of children behind a figure
  (`children_behind`), so a figure and its list always agree.
- Percentages and changes are derived from summed counts, never summed themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Subquery

from children.models import Child, Transfer
from children.selectors import active_placement_at, active_status_at, district_at
from registry.models import District, Region
from reports.indicators.conditions import Period, all_conditions
from reports.indicators.counters import COUNTERS
from reports.indicators.keys import COUNT_KEYS, KEYS


def base_annotations(period: Period) -> dict:
    """`dist_d`, `cat_d`, `form_d`, `sector_d` at D and `dist_p`, `cat_p`, `form_p` at P."""
    day, prev = period.day, period.previous_day
    status_d, status_p = active_status_at(day), active_status_at(prev)
    placement_d, placement_p = active_placement_at(day), active_placement_at(prev)
    return {
        "dist_d": district_at(day),
        "dist_p": district_at(prev),
        "cat_d": Subquery(status_d.values("category")[:1]),
        "cat_p": Subquery(status_p.values("category")[:1]),
        "form_d": Subquery(placement_d.values("form")[:1]),
        "sector_d": Subquery(placement_d.values("institution__sector")[:1]),
        "form_p": Subquery(placement_p.values("form")[:1]),
    }


def children_of(district_ids: list[int] | None, period: Period) -> QuerySet[Child]:
    """Children who may have been in one of the districts at D or at P: registered
    there or transferred there by D. An index-friendly first cut; the exact district
    at each date is an annotation."""
    if district_ids is None:
        return Child.objects.all()
    moved_in = Transfer.objects.filter(to_district__in=district_ids, date__lte=period.day)
    return Child.objects.filter(
        Q(registered_district__in=district_ids) | Q(pk__in=moved_in.values("child"))
    )


def annotated_children(period: Period, district_ids: list[int] | None = None, conditions=None):
    conditions = conditions if conditions is not None else all_conditions(period)
    queryset = children_of(district_ids, period).annotate(**base_annotations(period))
    extra = {}
    for condition in conditions.values():
        extra.update(condition.annotations)
    return queryset.annotate(**extra) if extra else queryset


def count_by_district(period: Period, district_ids: list[int] | None) -> dict[int, dict[str, int]]:
    """{district id: {count key: value}} for every count key, in two grouped queries
    (one by the district at D, one by the district at P) plus the sections' own."""
    conditions = all_conditions(period)
    queryset = annotated_children(period, district_ids, conditions)
    figures: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNT_KEYS, 0))
    for at in ("d", "p"):
        counts = {
            key.replace(".", "__"): Count("pk", filter=condition.q)
            for key, condition in conditions.items()
            if condition.at == at
        }
        if not counts:
            continue
        rows = queryset.values(f"dist_{at}").order_by().annotate(**counts)
        for row in rows:
            district = row.pop(f"dist_{at}")
            if district_ids is not None and district not in district_ids:
                continue
            for name, value in row.items():
                figures[district][name.replace("__", ".")] = value
    for counter in COUNTERS:
        for district, counts in counter(period, district_ids).items():
            figures[district].update(counts)
    for district in district_ids or []:  # every asked district appears, with zeros where empty
        figures.setdefault(district, dict.fromkeys(COUNT_KEYS, 0))
    return dict(figures)


def percent(part, base):
    """100 * part / base, rounded half up to one decimal; None when the base is 0."""
    if not base:
        return None
    value = Decimal(100) * Decimal(part) / Decimal(base)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def derive(counts: dict[str, int]) -> dict[str, float | int | None]:
    """Every key of the spec, in order: the counts, and what is derived from them."""
    values: dict[str, float | int | None] = {}
    for key in KEYS:
        if key.kind == "count":
            values[key.key] = counts.get(key.key, 0)
        elif key.kind == "pct":
            values[key.key] = percent(
                counts.get(key.key.removesuffix("_pct"), 0), counts.get(key.base, 0)
            )
        elif key.kind == "change":
            values[key.key] = counts.get(key.base, 0) - counts.get(key.prev, 0)
        elif key.kind == "change_pct":
            previous = counts.get(key.prev, 0)
            values[key.key] = percent(counts.get(key.base, 0) - previous, previous)
    return values


def total(per_district: dict[int, dict[str, int]]) -> dict[str, int]:
    summed = dict.fromkeys(COUNT_KEYS, 0)
    for counts in per_district.values():
        for key, value in counts.items():
            summed[key] += value
    return summed


@dataclass
class AreaFigures:
    """The indicators of an area for a year, with each district's."""

    year: int
    values: dict
    districts: dict  # district id -> values


def compute(
    year: int, *, region: Region | None = None, district: District | None = None
) -> AreaFigures:
    period = Period(year)
    if district is not None:
        district_ids = [district.pk]
    elif region is not None:
        district_ids = list(District.objects.filter(region=region).values_list("pk", flat=True))
    else:
        district_ids = None
    per_district = count_by_district(period, district_ids)
    return AreaFigures(
        year=year,
        values=derive(total(per_district)),
        districts={pk: derive(counts) for pk, counts in per_district.items()},
    )


def indicators_for(
    year: int, *, region: Region | None = None, district: District | None = None
) -> dict:
    """{key: value} for every key of the spec."""
    return compute(year, region=region, district=district).values
