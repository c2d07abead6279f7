"""The table of child columns every count is made from, as one SQL statement.

One row per child of the area: its district at 31 December (D), a year before (P) and
on the day it was last housed by D, its status and placement at D and P, and one 0/1
fact per question the spec asks.
Each fact table (statuses, placements, housing rights, ...) is read once, grouped by
child, and joined: a handful of hash joins whatever the number of children and of
figures, in PostgreSQL and in SQLite alike. (The same facts as correlated subqueries
cost a subquery per child per figure: seconds instead of a fraction of one at
100,000 children.)

The SQL is written by hand because the ORM cannot join grouped derived tables. Table
and column names come from the models; the only values are dates, district ids and
the code names of the models' choices, written as literals by `literal`, which
accepts nothing else.
"""

from __future__ import annotations

import datetime
import re
import sqlite3
from collections.abc import Callable

from django.db import connection

from benefits.models import AlimonyOrder, AlimonyPayment, Allowance, AllowanceKind
from care.models import LifePlan, MonitoringVisit, ScheduledVisit
from children.ages import ADULT_AGE, years_before
from children.iin import WEIGHTS_FIRST, WEIGHTS_SECOND
from children.models import (
    FAMILY_FORMS,
    Child,
    Institution,
    NotDuplicate,
    Placement,
    PlacementForm,
    Status,
    Transfer,
)
from housing.models import HousingKind, HousingProvision, HousingQueueEntry, HousingRight

# Twelve digits with a century-and-sex digit of 3 to 6.
WELL_FORMED_IIN = r"^[0-9]{6}[3-6][0-9]{5}$"
GRADUATE_FORMS = [PlacementForm.INSTITUTION]
FAMILY_ORIGIN_FORMS = [*FAMILY_FORMS, PlacementForm.ADOPTION]


CODE = re.compile(r"^[a-z_]{1,40}$")


def literal(value) -> str:
    """A date, a whole number or a choice code as an SQL literal; anything else is
    refused, so no text from outside can reach the statement."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, datetime.date):
        return f"'{value.isoformat()}'"  # compared with date columns in both databases
    if isinstance(value, str) and CODE.match(value):
        return f"'{value}'"
    raise ValueError(f"not a literal the indicator SQL accepts: {value!r}")


def literals(values) -> str:
    return ", ".join(literal(value) for value in values)


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def col(model, field: str, alias: str) -> str:
    return f"{alias}.{connection.ops.quote_name(model._meta.get_field(field).column)}"


def active(model, alias: str, day) -> str:
    """The record is in force at `day`: started on or before, not ended by then."""
    start, end = col(model, "start_date", alias), col(model, "end_date", alias)
    return f"({start} <= {literal(day)} AND ({end} IS NULL OR {end} > {literal(day)}))"


def flag(condition: str) -> str:
    return f"MAX(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _regex(column: str, pattern: str) -> str:
    operator = "~" if connection.vendor == "postgresql" else "REGEXP"
    return f"({column} {operator} '{pattern}')"


def iin_invalid(iin: str) -> str:
    """1 for a present IIN that fails the rules a database can check (twelve digits,
    a 7th digit of 3 to 6, the check digit with both weightings)."""
    digits = [f"CAST(SUBSTR({iin}, {i}, 1) AS INTEGER)" for i in range(1, 13)]

    def weighted(weights):
        return (
            "(" + " + ".join(f"{d} * {w}" for d, w in zip(digits, weights, strict=False)) + ") % 11"
        )

    first, second = weighted(WEIGHTS_FIRST), weighted(WEIGHTS_SECOND)
    check = f"(CASE WHEN {first} <> 10 THEN {first} WHEN {second} <> 10 THEN {second} ELSE -1 END)"
    well_formed = _regex(iin, WELL_FORMED_IIN)
    return (
        f"(CASE WHEN {iin} IS NULL THEN 0 WHEN NOT {well_formed} THEN 1 "
        f"WHEN {check} <> {digits[11]} THEN 1 ELSE 0 END)"
    )


def materialized() -> str:
    """The hint that makes a common table expression be computed once (PostgreSQL, and
    SQLite from 3.35); without it the planner may compute it at each use."""
    if connection.vendor == "postgresql":
        return "MATERIALIZED "
    if connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 35):
        return "MATERIALIZED "
    return ""


def children_parts(
    periods: list,
    district_ids: list[int] | None,
    core_only: bool = False,
    namesakes_only: bool = False,
    *,
    kept: Callable[[str], str] | None = None,
    cut: bool = False,
) -> tuple[str, str]:
    """(area, columns): the SELECT of the ids of the area's children that any count can
    concern (under 18 a year before D, or housed in the last three years, of any of
    the periods), to be named `area` in a WITH clause; and the SELECT of their
    columns, which reads `area`.

    `periods`, a list: each fact table is read once for all of them, and each period
    has its own columns, named with its suffix (`suffix(index)`: none for the first).
    With several periods, the columns include `in_area` (with the suffix) for the
    children of that period's own area, which a count of that period must keep to. `core_only`: only the district, status and placement columns (the contingent,
    whose conditions keep to each period's area by themselves). `namesakes_only`: only
    the children who share a name and a birth date with another child (what
    `quality.duplicate_suspects` can count), with the contingent's columns and theirs.

    `kept`, for the columns kept per child (reports.indicators.facts): the area's SQL
    is `kept(area)` (the area's children whose kept columns are stale), every period
    has `in_area` and `institution_d` (the institution of the placement at D), and
    the namesakes (other children's) are left out. `cut`: the fact
    tables are cut to the area even for the whole register (a few children)."""
    area, selects, joins = _parts(periods, district_ids, core_only, namesakes_only, kept, cut)
    return (
        area,
        f"SELECT {', '.join(selects)} FROM {table(Child)} c JOIN area ON area.id = c.id {' '.join(joins)}",
    )


def suffix(index: int) -> str:
    """The suffix of the columns of the index-th period of a statement."""
    return f"_{index}" if index else ""


def column_names(period) -> list[str]:
    """The names of the columns `children_parts` selects for one period, after `id`."""
    _area, selects, _joins = _parts([period], None)
    return [select.rsplit(" AS ", 1)[1] for select in selects][1:]


def _parts(
    periods,
    district_ids,
    core_only: bool = False,
    namesakes_only: bool = False,
    kept: Callable[[str], str] | None = None,
    cut: bool = False,
):
    C, P, S, T, Inst = Child, Placement, Status, Transfer, Institution
    first_3 = min(period.first_day(3) for period in periods)
    last_day = max(period.day for period in periods)
    birth = col(C, "birth_date", "c")

    def young(period) -> str:
        return f"{birth} > {literal(years_before(period.previous_day, ADULT_AGE))}"

    # The children of the area any count can concern, in any of the periods; each fact
    # table is cut to them before it is grouped.
    earliest = min(periods, key=lambda period: period.previous_day)
    housed = (
        f"c.id IN (SELECT {_c(HousingProvision, 'child')} FROM {table(HousingProvision)} WHERE "
        f"{_c(HousingProvision, 'date')} >= {literal(first_3)} AND {_c(HousingProvision, 'date')} <= {literal(last_day)})"
    )
    concerned = f"({young(earliest)} OR {housed})"
    name_key, born = _c(C, "name_key"), _c(C, "birth_date")
    if namesakes_only and district_ids is None:
        concerned += (
            f" AND (c.{name_key}, c.{born}) IN (SELECT {name_key}, {born} FROM {table(C)} "
            f"GROUP BY {name_key}, {born} HAVING COUNT(*) > 1)"
        )
    elif namesakes_only:
        concerned += (
            f" AND EXISTS (SELECT 1 FROM {table(C)} o WHERE o.{name_key} = c.{name_key} "
            f"AND o.{born} = c.{born} AND o.id <> c.id)"
        )
    if district_ids is None:
        area = f"SELECT c.id AS id FROM {table(C)} c WHERE {concerned}"
    else:
        # Registered in the area or transferred into it by D: two index lookups, each
        # filtered as it reads (joined to the children afterwards, the planner chose
        # to read the whole children table).
        area = (
            f"SELECT c.id AS id FROM {table(C)} c WHERE {_c(C, 'registered_district')} IN "
            f"({literals(district_ids)}) AND {concerned} "
            f"UNION SELECT c.id FROM {table(T)} t JOIN {table(C)} c ON c.id = t.{_c(T, 'child')} "
            f"WHERE t.{_c(T, 'to_district')} IN ({literals(district_ids)}) "
            f"AND t.{_c(T, 'date')} <= {literal(last_day)} AND {concerned}"
        )
    if kept is not None:
        area = kept(area)

    def of_area(child: str) -> str:
        """Each fact table cut to the area's children before it is grouped. The whole
        register's area is most of its children: each table is then grouped whole (a
        scan), rather than looked up child by child, and the join to the area keeps
        what counts. A few namesakes are looked up whatever the area."""
        if district_ids is None and not namesakes_only and not cut:
            return ""
        return f" AND {child} IN (SELECT id FROM area)"

    def district_at(alias: str, at_day) -> str:
        return (
            f"(SELECT t1.{_c(T, 'child')} AS child_id, t1.{_c(T, 'to_district')} AS district_id "
            f"FROM {table(T)} t1 WHERE t1.{_c(T, 'date')} <= {literal(at_day)} AND NOT EXISTS ("
            f"SELECT 1 FROM {table(T)} t2 WHERE t2.{_c(T, 'child')} = t1.{_c(T, 'child')} "
            f"AND t2.{_c(T, 'date')} <= {literal(at_day)} AND (t2.{_c(T, 'date')} > t1.{_c(T, 'date')} "
            f"OR (t2.{_c(T, 'date')} = t1.{_c(T, 'date')} AND t2.id > t1.id)))) {alias}"
        )

    # The district that kept each child's case at each date (one join per distinct
    # date: a year's P is the year before's D).
    districts: dict = {}
    for period in periods:
        for day in (period.day, period.previous_day):
            districts.setdefault(day, f"dd{len(districts)}")
    registered = col(C, "registered_district", "c")
    selects = ["c.id AS id"]
    status, placement = [], []
    for index, period in enumerate(periods):
        s, day, prev = suffix(index), period.day, period.previous_day
        selects += [
            f"COALESCE({districts[day]}.district_id, {registered}) AS dist_d{s}",
            f"COALESCE({districts[prev]}.district_id, {registered}) AS dist_p{s}",
            f"st.cat_d{s} AS cat_d{s}",
            f"st.cat_p{s} AS cat_p{s}",
            f"CASE WHEN {birth} <= {literal(years_before(day, ADULT_AGE))} THEN 1 ELSE 0 END AS adult_d{s}",
            f"CASE WHEN {birth} <= {literal(years_before(prev, ADULT_AGE))} THEN 1 ELSE 0 END AS adult_p{s}",
            f"CASE WHEN {birth} <= {literal(years_before(day, 14))} THEN 1 ELSE 0 END AS teen_d{s}",
            f"pl.form_d{s} AS form_d{s}",
            f"pl.sector_d{s} AS sector_d{s}",
            f"COALESCE(pl.institution_p{s}, 0) AS institution_p{s}",
        ]
        if kept is not None:
            selects.append(f"pl.institution_d{s} AS institution_d{s}")
        # Status at D and at P.
        status += [
            f"MAX(CASE WHEN {active(S, 's', day)} THEN s.{_c(S, 'category')} END) AS cat_d{s}",
            f"MAX(CASE WHEN {active(S, 's', prev)} THEN s.{_c(S, 'category')} END) AS cat_p{s}",
        ]
        # Placement at D (with its institution's sector), institution at P.
        placement += [
            f"MAX(CASE WHEN {active(P, 'p', day)} THEN p.{_c(P, 'form')} END) AS form_d{s}",
            f"MAX(CASE WHEN {active(P, 'p', day)} AND p.{_c(P, 'form')} = {literal(PlacementForm.INSTITUTION)} "
            f"THEN i.{_c(Inst, 'sector')} END) AS sector_d{s}",
            f"{flag(active(P, 'p', prev) + ' AND p.' + _c(P, 'form') + ' = ' + literal(PlacementForm.INSTITUTION))} "
            f"AS institution_p{s}",
        ]
        if kept is not None:
            # Kept per child: the institution (its sector may change), not its sector.
            placement.append(
                f"MAX(CASE WHEN {active(P, 'p', day)} AND p.{_c(P, 'form')} = "
                f"{literal(PlacementForm.INSTITUTION)} THEN p.{_c(P, 'institution')} END) "
                f"AS institution_d{s}"
            )
    joins = [
        f"LEFT JOIN {district_at(alias, day)} ON {alias}.child_id = c.id"
        for day, alias in districts.items()
    ] + [
        f"LEFT JOIN (SELECT s.{_c(S, 'child')} AS child_id, {', '.join(status)} "
        f"FROM {table(S)} s WHERE 1 = 1{of_area('s.' + _c(S, 'child'))} GROUP BY s.{_c(S, 'child')}) st "
        f"ON st.child_id = c.id",
        f"LEFT JOIN (SELECT p.{_c(P, 'child')} AS child_id, {', '.join(placement)} "
        f"FROM {table(P)} p LEFT JOIN {table(Inst)} i ON i.id = p.{_c(P, 'institution')} "
        f"WHERE 1 = 1{of_area('p.' + _c(P, 'child'))} GROUP BY p.{_c(P, 'child')}) pl ON pl.child_id = c.id",
    ]

    def facts(
        alias: str,
        model,
        child: str,
        columns,
        where: str = "",
        extra_from: str = "",
        values=None,
    ) -> None:
        """Join `model` grouped by child, with the columns `columns(period)` gives
        (name: 0/1 condition) for each period, and those `values(period)` gives (name:
        the MAX of an expression, NULL for a child without a matching row)."""
        body = []
        for index, period in enumerate(periods):
            s = suffix(index)
            for name, condition in columns(period).items():
                selects.append(f"COALESCE({alias}.{name}{s}, 0) AS {name}{s}")
                body.append(f"{flag(condition)} AS {name}{s}")
            for name, expression in (values(period) if values else {}).items():
                selects.append(f"{alias}.{name}{s} AS {name}{s}")
                body.append(f"MAX({expression}) AS {name}{s}")
        joins.append(
            f"LEFT JOIN (SELECT {child} AS child_id, {', '.join(body)} FROM {table(model)} x {extra_from} "
            f"WHERE {where or '1 = 1'}{of_area(child)} GROUP BY {child}) {alias} ON {alias}.child_id = c.id"
        )

    ND, lower, higher = NotDuplicate, _c(NotDuplicate, "child_a"), _c(NotDuplicate, "child_b")

    def namesake(alias: str) -> str:
        """The child `alias` shares a name (in any spelling) and a birth date with
        another child anywhere in the register (looked up by the name index), unless an
        officer marked the two as different children (the pair is kept lower id
        first)."""
        return (
            f"EXISTS (SELECT 1 FROM {table(C)} o WHERE o.{name_key} = {alias}.{name_key} "
            f"AND o.{born} = {alias}.{born} AND o.id <> {alias}.id "
            f"AND NOT EXISTS (SELECT 1 FROM {table(ND)} n WHERE (n.{lower} = {alias}.id AND n.{higher} = o.id) "
            f"OR (n.{lower} = o.id AND n.{higher} = {alias}.id)))"
        )

    if namesakes_only:
        # The contingent's columns and, for each of the few children who share a name
        # and a birth date, the namesake looked up in the row.
        for index in range(len(periods)):
            selects.append(
                f"CASE WHEN {namesake('c')} THEN 1 ELSE 0 END AS duplicate{suffix(index)}"
            )
        return area, selects, joins
    if core_only:
        return area, selects, joins
    # The quality of the records (the IIN, namesakes, overlapping placements): the
    # same at every date.
    for index in range(len(periods)):
        s = suffix(index)
        selects += [
            f"CASE WHEN {col(C, 'iin', 'c')} IS NULL THEN 1 ELSE 0 END AS no_iin{s}",
            f"{iin_invalid(col(C, 'iin', 'c'))} AS iin_invalid{s}",
            f"CASE WHEN ov.child_id IS NULL THEN 0 ELSE 1 END AS overlapping{s}",
        ]
        if kept is None:
            selects.append(f"CASE WHEN dup.child_id IS NULL THEN 0 ELSE 1 END AS duplicate{s}")
    # The whole register's children are compared only where a name and birth date are
    # more than one child's (a grouped scan): looking every child up cost several
    # times as much. An area's few are looked up one by one.
    namesakes = (
        f"JOIN (SELECT {name_key} AS k, {born} AS b FROM {table(C)} GROUP BY {name_key}, {born} "
        f"HAVING COUNT(*) > 1) shared ON shared.k = d.{name_key} AND shared.b = d.{born}"
        if district_ids is None
        else ""
    )
    if kept is None:
        joins.append(
            f"LEFT JOIN (SELECT d.id AS child_id FROM {table(C)} d {namesakes} "
            f"WHERE 1 = 1{of_area('d.id')} AND {namesake('d')}) dup ON dup.child_id = c.id"
        )
    joins += [
        # Two placements of the child sharing a day.
        f"LEFT JOIN (SELECT DISTINCT a.{_c(P, 'child')} AS child_id FROM {table(P)} a "
        f"JOIN {table(P)} b ON b.{_c(P, 'child')} = a.{_c(P, 'child')} AND b.id <> a.id "
        f"AND b.{_c(P, 'start_date')} >= a.{_c(P, 'start_date')} AND (a.{_c(P, 'end_date')} IS NULL "
        f"OR b.{_c(P, 'start_date')} < a.{_c(P, 'end_date')}) WHERE 1 = 1{of_area('a.' + _c(P, 'child'))}) ov "
        f"ON ov.child_id = c.id",
    ]
    kind = f"x.{_c(HousingRight, 'kind')}"
    facts(
        "hr",
        HousingRight,
        f"x.{_c(HousingRight, 'child')}",
        lambda period: {
            "right_d": active(HousingRight, "x", period.day),
            "right_full_d": f"{active(HousingRight, 'x', period.day)} AND {kind} = {literal(HousingKind.FULL)}",
            "right_share_d": f"{active(HousingRight, 'x', period.day)} AND {kind} = {literal(HousingKind.SHARE)}",
        },
    )
    facts(
        "hq",
        HousingQueueEntry,
        f"x.{_c(HousingQueueEntry, 'child')}",
        lambda period: {"queue_d": active(HousingQueueEntry, "x", period.day)},
    )
    # Housing provided, with the form of the person's latest placement started by then
    # and the district that kept the case on the day housed (its latest transfer on or
    # before that day, else the district of registration).
    HP = HousingProvision
    provided_on, housed = f"x.{_c(HP, 'date')}", f"x.{_c(HP, 'child')}"
    origin = f"o.{_c(P, 'form')}"
    latest_origin = (
        f"LEFT JOIN {table(P)} o ON o.{_c(P, 'child')} = {housed} "
        f"AND o.{_c(P, 'start_date')} <= {provided_on} AND NOT EXISTS (SELECT 1 FROM {table(P)} o2 "
        f"WHERE o2.{_c(P, 'child')} = o.{_c(P, 'child')} AND o2.{_c(P, 'start_date')} <= {provided_on} "
        f"AND (o2.{_c(P, 'start_date')} > o.{_c(P, 'start_date')} OR (o2.{_c(P, 'start_date')} = "
        f"o.{_c(P, 'start_date')} AND o2.id > o.id)))"
    )
    transfer_then = (
        f"LEFT JOIN {table(T)} tr ON tr.{_c(T, 'child')} = {housed} AND tr.{_c(T, 'date')} <= {provided_on} "
        f"AND NOT EXISTS (SELECT 1 FROM {table(T)} tr2 WHERE tr2.{_c(T, 'child')} = tr.{_c(T, 'child')} "
        f"AND tr2.{_c(T, 'date')} <= {provided_on} AND (tr2.{_c(T, 'date')} > tr.{_c(T, 'date')} "
        f"OR (tr2.{_c(T, 'date')} = tr.{_c(T, 'date')} AND tr2.id > tr.id)))"
    )
    # The district of registration looked up for the rows that need it only (joined to
    # every row, the planner read every child of the area to find them).
    district_then = (
        f"COALESCE(tr.{_c(T, 'to_district')}, (SELECT hc.{_c(C, 'registered_district')} "
        f"FROM {table(C)} hc WHERE hc.id = {housed}))"
    )

    def latest_housed_by(day) -> str:
        """The row is the person's latest housing provided on or before `day`."""
        return (
            f"{provided_on} <= {literal(day)} AND NOT EXISTS (SELECT 1 FROM {table(HP)} y "
            f"WHERE y.{_c(HP, 'child')} = {housed} AND y.{_c(HP, 'date')} <= {literal(day)} "
            f"AND (y.{_c(HP, 'date')} > {provided_on} OR (y.{_c(HP, 'date')} = {provided_on} "
            f"AND y.id > x.id)))"
        )

    def provided(period, years: int, origins=None):
        condition = f"{provided_on} >= {literal(period.first_day(years))} AND {provided_on} <= {literal(period.day)}"
        if origins is not None:
            condition += f" AND {origin} IN ({literals(origins)})"
        return condition

    facts(
        "hp",
        HP,
        housed,
        lambda period: {
            "provided_1": provided(period, 1),
            "provided_1_graduates": provided(period, 1, GRADUATE_FORMS),
            "provided_1_family": provided(period, 1, FAMILY_ORIGIN_FORMS),
            "provided_3": provided(period, 3),
            "provided_3_graduates": provided(period, 3, GRADUATE_FORMS),
            "provided_3_family": provided(period, 3, FAMILY_ORIGIN_FORMS),
        },
        where=f"{provided_on} >= {literal(first_3)} AND {provided_on} <= {literal(last_day)}",
        extra_from=f"{latest_origin} {transfer_then}",
        # Where the housing figures count the person: the district that kept the case
        # on the day of the latest housing provided by D. Whoever is counted in the
        # year or the three years was housed then, so one column serves both; and a
        # person housed twice, in two districts, counts once, in the later one.
        values=lambda period: {
            "dist_h": f"CASE WHEN {latest_housed_by(period.day)} THEN {district_then} END"
        },
    )
    if len(periods) > 1 or kept is not None:
        # Each period's own area: under 18 a year before its D, or housed in its three
        # years (provided_3).
        for index, period in enumerate(periods):
            s = suffix(index)
            selects.append(
                f"CASE WHEN {young(period)} OR COALESCE(hp.provided_3{s}, 0) = 1 THEN 1 ELSE 0 END AS in_area{s}"
            )
    allowance_kind = f"x.{_c(Allowance, 'kind')}"
    facts(
        "al",
        Allowance,
        f"x.{_c(Allowance, 'child')}",
        lambda period: {
            "survivor_d": f"{active(Allowance, 'x', period.day)} AND {allowance_kind} IN "
            f"({literals([AllowanceKind.SURVIVOR, AllowanceKind.PARENT_DISABILITY])})",
            "guardian_d": f"{active(Allowance, 'x', period.day)} AND {allowance_kind} = "
            f"{literal(AllowanceKind.GUARDIAN_ALLOWANCE)}",
        },
    )
    payment_date = f"pay.{_c(AlimonyPayment, 'date')}"
    facts(
        "ao",
        AlimonyOrder,
        f"x.{_c(AlimonyOrder, 'child')}",
        lambda period: {
            "alimony_d": active(AlimonyOrder, "x", period.day),
            "alimony_never_paid_d": f"{active(AlimonyOrder, 'x', period.day)} AND NOT EXISTS (SELECT 1 FROM "
            f"{table(AlimonyPayment)} pay WHERE pay.{_c(AlimonyPayment, 'order')} = x.id "
            f"AND {payment_date} <= {literal(period.day)})",
        },
    )
    paid_on = f"x.{_c(AlimonyPayment, 'date')}"
    first_1 = min(period.first_day(1) for period in periods)
    facts(
        "ap",
        AlimonyPayment,
        f"o.{_c(AlimonyOrder, 'child')}",
        lambda period: {
            "alimony_paid_y": f"{paid_on} >= {literal(period.first_day(1))} AND {paid_on} <= {literal(period.day)}"
        },
        where=f"{paid_on} >= {literal(first_1)} AND {paid_on} <= {literal(last_day)}",
        extra_from=f"JOIN {table(AlimonyOrder)} o ON o.id = x.{_c(AlimonyPayment, 'order')}",
    )
    # A due visit overdue at D (see care.selectors.overdue_q) and a visit made, by D, in
    # the child's family placement in force at D: found from those placements, each
    # looked up by its index.
    sv, mv = ScheduledVisit, MonitoringVisit

    def of_placements(name: str, exists) -> None:
        """A 0/1 column per period: the child's family placement `p` in force at D has
        a record the subquery `exists(D)` finds (D as a literal)."""
        for index, period in enumerate(periods):
            column, day = f"{name}{suffix(index)}", literal(period.day)
            in_force = (
                f"{active(P, 'p', period.day)} AND p.{_c(P, 'form')} IN ({literals(FAMILY_FORMS)})"
            )
            selects.append(f"COALESCE({column}.flag, 0) AS {column}")
            joins.append(
                f"LEFT JOIN (SELECT p.{_c(P, 'child')} AS child_id, 1 AS flag FROM {table(P)} p WHERE {in_force}"
                f"{of_area('p.' + _c(P, 'child'))} AND EXISTS ({exists(day)}) GROUP BY p.{_c(P, 'child')}) {column} "
                f"ON {column}.child_id = c.id"
            )

    of_placements(
        "overdue_d",
        lambda day: (
            f"SELECT 1 FROM {table(sv)} x WHERE x.{_c(sv, 'placement')} = p.id AND x.{_c(sv, 'due_date')} < "
            f"{day} AND x.{_c(sv, 'monitoring_end')} > {day} AND (x.{_c(sv, 'fulfilled_on')} "
            f"IS NULL OR x.{_c(sv, 'fulfilled_on')} > {day})"
        ),
    )
    facts(
        "lp",
        LifePlan,
        f"x.{_c(LifePlan, 'child')}",
        lambda period: {"life_plan_d": active(LifePlan, "x", period.day)},
    )
    of_placements(
        "visited_d",
        lambda day: (
            f"SELECT 1 FROM {table(mv)} x WHERE x.{_c(mv, 'placement')} = p.id AND x.{_c(mv, 'date')} <= {day}"
        ),
    )

    return area, selects, joins


def _c(model, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)
