"""The indicator engine: every count of the spec for a year, per district, in the
database, in a fixed number of queries whatever the number of children.

How it counts:
- `D` is 31 December of the year, `P` the 31 December before. Each child is described
  by columns (reports.indicators.columns): the district that kept its case at `D`
  and at `P` (registration and dated transfers), its status and placement at both
  dates, and one yes/no fact per question. Each count sums a condition over those
  columns, grouped by the district at `D` (or at `P` for "a year before" figures).
  A region's figures are therefore the sum of its districts', and the country's the
  sum of its regions', by construction.
  Figures about the year (housing provided in the year, visits due) count the child
  in the district that kept its case at `D`.
- The same conditions select the list of children behind a figure
  (`children_behind`), so a figure and its list always agree.
- Percentages and changes are derived from summed counts, never summed themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection

from registry.models import District, Region
from reports.indicators.columns import children_parts, literals, materialized
from reports.indicators.conditions import Period, all_conditions
from reports.indicators.counters import COUNTERS
from reports.indicators.keys import COUNT_KEYS, KEYS


def children_behind(period: Period, key: str, district_ids: list[int] | None) -> str:
    """SQL selecting the ids of the children counted by `key` in the districts, ready to
    be used as RawSQL (its own percent signs escaped)."""
    condition = all_conditions(period)[key]
    where = condition.sql("t")
    if district_ids is not None:
        where += f" AND t.dist_{condition.at} IN ({literals(district_ids)})"
    area, columns = children_parts(period, district_ids)
    sql = f"WITH area AS ({area}) SELECT t.id FROM ({columns}) t WHERE {where}"
    return sql.replace("%", "%%")


def count_by_district(
    period: Period, district_ids: list[int] | None, prefix: str = ""
) -> dict[int, dict[str, int]]:
    """{district id: {count key: value}} for every count key.

    The columns of every child of the area are computed once, in a common table
    expression; each count is a SUM over it, grouped by the district at D (or at P for
    the year before). Then the counts that are not of children (due visits, youth-home
    places) are added, one grouped query each."""
    sql, keys = counting_sql(period, district_ids, prefix)
    figures: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNT_KEYS, 0))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for at, district_id, *values in cursor.fetchall():
            if district_id is None or (
                district_ids is not None and district_id not in district_ids
            ):
                continue
            for key, value in zip(keys[at], values, strict=False):
                figures[district_id][key] = int(value or 0)
    for counter in COUNTERS if not prefix else []:
        for district, counts in counter(period, district_ids).items():
            figures[district].update(counts)
    for district in district_ids or []:  # every asked district appears, with zeros where empty
        figures.setdefault(district, dict.fromkeys(COUNT_KEYS, 0))
    return dict(figures)


def counting_sql(
    period: Period, district_ids: list[int] | None, prefix: str = ""
) -> tuple[str, dict]:
    """The one statement counting every child condition, both dates, per district.

    Returns (sql, {"d": keys, "p": keys}); each row of the result is (date, district,
    counts in the order of that date's keys). The columns are computed once, in a
    materialised table read twice. With `prefix` ("contingent."), only those keys, from
    only the columns they need."""
    conditions = {key: c for key, c in all_conditions(period).items() if key.startswith(prefix)}
    keys = {at: [key for key, condition in conditions.items() if condition.at == at] for at in "dp"}
    width = max(len(group) for group in keys.values())

    def sums(at: str) -> list[str]:
        found = [f"SUM(CASE WHEN {conditions[key].sql('t')} THEN 1 ELSE 0 END)" for key in keys[at]]
        return found + ["0"] * (width - len(found))

    area, columns = children_parts(period, district_ids, core_only=prefix == "contingent.")
    selects = [
        f"SELECT '{at}', t.dist_{at}, {', '.join(sums(at))} FROM t GROUP BY t.dist_{at}"
        for at in "dp"
    ]
    mat = materialized()
    return f"WITH area AS {mat}({area}), t AS {mat}({columns}) " + " UNION ALL ".join(selects), keys


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
    year: int, *, region: Region | None = None, district: District | None = None, prefix: str = ""
) -> AreaFigures:
    """The indicators of an area for a year; with `prefix` ("contingent."), only those
    (the cheaper figures a series of past years needs)."""
    period = Period(year)
    if district is not None:
        district_ids = [district.pk]
    elif region is not None:
        district_ids = list(District.objects.filter(region=region).values_list("pk", flat=True))
    else:
        district_ids = None
    per_district = count_by_district(period, district_ids, prefix)
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
