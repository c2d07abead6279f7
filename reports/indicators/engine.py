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
- Figures that count events of a period count each event in the district that kept
  the case on the event's day. Housing provided: a person counts in the district
  that kept the case on the day housed (a column of its own, `dist_h`; for a person
  housed more than once, the latest housing by `D`, so that a person counts once).
  Due visits: each visit in the district that kept the case on its due date
  (reports.indicators.counters).
- The same conditions select the list of children behind a figure
  (`children_behind`), so a figure and its list always agree.
- Percentages and changes are derived from summed counts, never summed themselves.
- Several years (a dashboard's series) are counted in one statement: each record of
  the area's children is read once, and each year has its own columns.
- The columns of each child at each 31 December are kept (reports.indicators.facts)
  and counted again only for the children whose records changed since: a count is
  then a sum over a narrow table. The suspected duplicates, which look at other
  children, are counted afresh beside it.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from registry.models import District, Region
from reports.indicators import facts
from reports.indicators.columns import children_parts, literal, literals, materialized, suffix
from reports.indicators.conditions import Period, all_conditions
from reports.indicators.counters import COUNTERS
from reports.indicators.keys import COUNT_KEYS, KEYS

# Where a condition counts a child (`Condition.at`): its district at D, at P, or on the
# day it was housed.
DISTRICT_COLUMNS = ("d", "p", "h")


def children_behind(period: Period, key: str, district_ids: list[int] | None) -> str:
    """SQL selecting the ids of the children counted by `key` in the districts, ready to
    be used as RawSQL (its own percent signs escaped)."""
    condition = all_conditions(period)[key]
    where = condition.sql("t")
    if district_ids is not None:
        where += f" AND t.dist_{condition.at} IN ({literals(district_ids)})"
    area, columns = children_parts([period], district_ids)
    sql = f"WITH area AS ({area}) SELECT t.id FROM ({columns}) t WHERE {where}"
    return sql.replace("%", "%%")


def count_by_district(
    period: Period, district_ids: list[int] | None, prefix: str = "", *, using=DEFAULT_DB_ALIAS
) -> dict[int, dict[str, int]]:
    """{district id: {count key: value}} for every count key."""
    return count_periods([period], district_ids, prefix, using=using)[0]


def count_periods(
    periods: list[Period],
    district_ids: list[int] | None,
    prefix: str = "",
    *,
    using: str = DEFAULT_DB_ALIAS,
    namesakes_only: bool = False,
    from_records: bool = False,
) -> list[dict[int, dict[str, int]]]:
    """For each period, {district id: {count key: value}} for every count key.

    The columns of every child of the area, for every period, are computed once, in a
    common table expression; each count is a SUM over it, grouped by the district of
    its condition (at D, at P for the year before, on the day housed). The counts that
    are not of children (due visits, youth-home places) are added, one grouped query
    each (the due visits of every period in one), counted beside that statement.
    `using`: the database read (registry.replica). `namesakes_only`: only the children
    sharing a name and a birth date with another (exact for
    `quality.duplicate_suspects`, with its prefix).

    The children's columns at each 31 December are summed from those kept per child
    (reports.indicators.facts), counted again first for the children whose records
    changed; `from_records` counts them from the records instead (what the kept
    columns must equal)."""
    kept = not from_records and facts.usable(periods, using, namesakes_only)
    sql, keys = counting_sql(periods, district_ids, prefix, namesakes_only, kept=kept)
    figures: list[dict] = [defaultdict(lambda: dict.fromkeys(COUNT_KEYS, 0)) for _ in periods]

    def children() -> list:
        if kept:  # the stale rows counted again first, in the sums' snapshot
            return facts.summed(periods, district_ids, sql, using)
        with connections[using].cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    counters = COUNTERS if not prefix else []

    def others() -> list[list[dict]]:
        found = [count(periods, district_ids, using) for count in counters]
        return [list(of_period) for of_period in zip(*found, strict=True)]

    tasks = {"children": children}
    if counters:
        tasks["others"] = others
    if kept and DUPLICATES.startswith(prefix):
        # Not kept (other children's names): counted afresh among the namesakes, every
        # period in one statement.
        tasks["duplicates"] = lambda: _duplicates(periods, district_ids, using)
    # A region's or the register's counters go beside the statement of the children's
    # counts (on PostgreSQL, on connections of their own): the time of the longest, not
    # of all. A district's, a few tens of milliseconds each, about what a new
    # connection costs the server, one after the other.
    if len(tasks) > 1 and (district_ids is None or len(district_ids) > 1):
        done = dict(
            zip(tasks, in_parallel(lambda task: task(), list(tasks.values()), using), strict=True)
        )
    else:
        done = {name: task() for name, task in tasks.items()}
    rows, counted = done["children"], done.get("others") or [[] for _ in periods]
    for of_period, found in zip(counted, done.get("duplicates", []), strict=False):
        of_period.append(found)
    for tag, district_id, *values in rows:
        if district_id is None or (district_ids is not None and district_id not in district_ids):
            continue
        at, index = tag[0], int(tag[1:])
        for key, value in zip(keys[at], values, strict=False):
            figures[index][district_id][key] = int(value or 0)
    for found, of_period in zip(figures, counted, strict=True):
        for by_district in of_period:
            for district, counts in by_district.items():
                found[district].update(counts)
        for district in district_ids or []:  # every asked district appears, with zeros
            found.setdefault(district, dict.fromkeys(COUNT_KEYS, 0))
    return [dict(found) for found in figures]


DUPLICATES = "quality.duplicate_suspects"


def _duplicates(periods: list[Period], district_ids, using: str) -> list[dict[int, dict]]:
    """The suspected duplicates of each period, by district (beside the sums of the
    kept columns, which leave them out)."""
    found = count_periods(periods, district_ids, DUPLICATES, using=using, namesakes_only=True)
    return [
        {district: {DUPLICATES: counts[DUPLICATES]} for district, counts in of_period.items()}
        for of_period in found
    ]


def in_parallel(function, items: list, using: str) -> list:
    """`function` of each item; on PostgreSQL, each in its own thread and connection
    (to the database `using` names, as `function` reads), so that the server counts
    several statements at once. Inside a transaction, and on SQLite, one after the
    other: other connections would not see the transaction's rows."""
    workers = min(len(items), settings.FIGURES_PARALLEL)
    connection = connections[using]
    if workers < 2 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return [function(item) for item in items]

    def run(item):
        try:
            return function(item)
        finally:
            connections.close_all()  # the thread's own connection, never kept

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, items))


def counting_sql(
    periods: list[Period],
    district_ids: list[int] | None,
    prefix: str = "",
    namesakes_only: bool = False,
    *,
    kept: bool = False,
) -> tuple[str, dict]:
    """The one statement counting every child condition, per district, for each period.

    Returns (sql, {"d": keys, "p": keys, "h": keys}); each row of the result is (the
    district column and index of the period, e.g. "d0" or "p1", district, counts in
    the order of that column's keys). The columns are computed once, in a materialised
    table read once per period and district column. With `prefix` ("contingent."),
    only those keys, from only the columns they need. `kept`: from the columns kept per
    child (reports.indicators.facts, refreshed), without the suspected duplicates."""
    conditions = {
        key: c
        for key, c in all_conditions().items()
        if key.startswith(prefix) and not (kept and key == DUPLICATES)
    }
    keys = {
        at: [key for key, condition in conditions.items() if condition.at == at]
        for at in DISTRICT_COLUMNS
    }
    width = max(len(group) for group in keys.values())
    core_only = prefix == "contingent." or namesakes_only

    def sums(at: str, suffix: str) -> list[str]:
        found = [
            f"SUM(CASE WHEN {conditions[key].sql('t', suffix)} THEN 1 ELSE 0 END)"
            for key in keys[at]
        ]
        return found + ["0"] * (width - len(found))

    mat = materialized()
    if kept:
        needed = {f"dist_{at}" for at in DISTRICT_COLUMNS if keys[at]}
        needed |= {column for condition in conditions.values() for column in condition.columns}
        head = f"WITH t AS {mat}({facts.kept_rows(periods, district_ids, needed)}) "
    else:
        area, columns = children_parts(
            periods, district_ids, core_only=core_only, namesakes_only=namesakes_only
        )
        head = f"WITH area AS {mat}({area}), t AS {mat}({columns}) "
    selects = []
    for index, period in enumerate(periods):
        s = suffix(index)
        # With several periods, each counts the children of its own area (the
        # contingent's conditions keep to it by themselves). Kept rows are of the area.
        own = f" WHERE t.in_area{s} = 1" if len(periods) > 1 and not core_only else ""
        if kept:
            s, own = "", f" WHERE t.year = {literal(period.year)}"
        selects += [
            f"SELECT '{at}{index}', t.dist_{at}{s}, {', '.join(sums(at, s))} FROM t{own} "
            f"GROUP BY t.dist_{at}{s}"
            for at in DISTRICT_COLUMNS
            if keys[at]
        ]
    return head + " UNION ALL ".join(selects), keys


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
    year: int,
    *,
    region: Region | None = None,
    district: District | None = None,
    prefix: str = "",
    using: str = DEFAULT_DB_ALIAS,
    from_records: bool = False,
) -> AreaFigures:
    """The indicators of an area for a year; with `prefix` ("contingent."), only those
    (the cheaper figures a series of past years needs). `from_records`: see
    `count_periods`."""
    return compute_years(
        {year: prefix}, region=region, district=district, using=using, from_records=from_records
    )[year]


def compute_years(
    years: dict[int, str],
    *,
    region: Region | None = None,
    district: District | None = None,
    using: str = DEFAULT_DB_ALIAS,
    from_records: bool = False,
) -> dict[int, AreaFigures]:
    """The indicators of an area for several years, each with its prefix ("" for all):
    the years of one prefix in one statement, which reads each record of the area's
    children once for all of them. `using`: the database read (registry.replica)."""
    if district is not None:
        district_ids = [district.pk]
    elif region is not None:
        district_ids = list(
            District.objects.using(using).filter(region=region).values_list("pk", flat=True)
        )
    else:
        district_ids = None
    result = {}
    for prefix in sorted(set(years.values())):
        group = sorted(year for year, wanted in years.items() if wanted == prefix)
        counted = count_periods(
            [Period(year) for year in group],
            district_ids,
            prefix,
            using=using,
            from_records=from_records,
        )
        for year, per_district in zip(group, counted, strict=True):
            result[year] = AreaFigures(
                year=year,
                values=derive(total(per_district)),
                districts={pk: derive(counts) for pk, counts in per_district.items()},
            )
    return result


def indicators_for(
    year: int, *, region: Region | None = None, district: District | None = None
) -> dict:
    """{key: value} for every key of the spec."""
    return compute(year, region=region, district=district).values
