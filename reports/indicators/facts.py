"""Each child's columns at the end of a year, kept (`ChildFacts`) and summed.

The engine's columns of a child (reports.indicators.columns) at 31 December of a year
are the same at every count until one of the child's records changes. They are kept
per child and year, with the child's change stamp (registry.stamps) read in the same
statement as the records. A count first counts the columns again for the area's
children whose kept row is missing or whose stamp moved on since (after a change: the
few children changed), then sums the kept rows, which is one scan of a narrow table
instead of some thirty joins per child.

Exact by construction: a kept row counts only while its stamp is the child's number
now, and a change raises the child's stamp in its own transaction, so a row counted
from records before the change no longer counts once the change commits, whatever the
order in which transactions commit; the refresh and the sums read one snapshot
(`summed`), so a change committed between them does not leave its child out. Only
the child's own records are kept: of the
institution it is placed in, the id, whose sector the sums look up (an institution's
change changes no kept row); the suspected duplicates look at other children's names
and are not kept: they are counted afresh, among the few children who share a name
and a birth date (`count_periods(namesakes_only=True)`). Each row also carries a
checksum of the statement that counted it (`code`): a release that counts the columns
otherwise counts every row again; one that does not keeps them through `migrate`.

Kept on the primary only: figures counted on a standby (registry.replica) count from
the records, as do counts at a day other than 31 December (the data-quality page's
today) and the lists behind a figure.
"""

from __future__ import annotations

import zlib

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

from children.models import Child, Institution
from registry.models import ChangeStamp
from reports.indicators.columns import (
    children_parts,
    col,
    literal,
    literals,
    materialized,
    suffix,
    table,
)
from reports.indicators.conditions import Period
from reports.models import ChildFacts

# The kept columns, in the table's order (after the child, the year and the stamp).
COLUMNS = [
    field.column
    for field in ChildFacts._meta.concrete_fields
    if field.name not in ("child_id", "year", "stamp", "code")
]
_codes: dict[str, int] = {}


def code(using: str = DEFAULT_DB_ALIAS) -> int:
    """A checksum of what counts the kept columns (the statement of two years' columns
    of one district's children, and the columns kept): rows of another are stale."""
    vendor = connections[using].vendor
    if vendor not in _codes:
        periods, district = [Period(2000), Period(1999)], [1]
        area, columns = children_parts(periods, district, kept=lambda area: area, cut=True)
        text = "|".join([area, columns, *COLUMNS])
        _codes[vendor] = zlib.crc32(text.encode()) & 0x7FFFFFFF
    return _codes[vendor]


def looked_up() -> dict[str, tuple[str, str]]:
    """The sums' columns looked up rather than kept: name -> (its SQL, its join)."""
    return {
        "sector_d": (
            col(Institution, "sector", "i"),
            f"LEFT JOIN {table(Institution)} i ON i.id = f.institution_d",
        )
    }


# Counted again with the fact tables cut to them below this many stale children;
# above it, for the whole register, the tables are grouped whole.
FEW = 5000
# Refreshes of the kept rows run one at a time (PostgreSQL's advisory lock).
LOCK = 2026_1207
# Attempts at a count in one snapshot (`summed`) that another count's writes refuse.
ATTEMPTS = 3


def usable(periods, using: str, namesakes_only: bool = False) -> bool:
    """Whether a count of `periods` on the database `using` sums kept columns: on the
    primary, at 31 December, and not the namesakes' own count."""
    return (
        using == DEFAULT_DB_ALIAS
        and not namesakes_only
        and all(period.on is None for period in periods)
    )


def _names(using: str) -> tuple[str, str]:
    quote = connections[using].ops.quote_name
    return quote(ChildFacts._meta.db_table), quote(ChangeStamp._meta.db_table)


def _valid_rows(years: list[int], using: str, joins=()) -> str:
    """The kept rows of `years` whose stamp is the child's now (alias f), and `joins`."""
    facts, stamps = _names(using)
    return (
        f"{facts} f LEFT JOIN {stamps} s ON s.child_id = f.child_id {' '.join(joins)} "
        f"WHERE f.year IN ({literals(years)}) AND f.stamp = COALESCE(s.stamp, 0) "
        f"AND f.code = {code(using)}"
    )


def _stale(years: list[int], whole: bool, using: str):
    """The SQL of the children of an area (its SELECT of ids) without a valid kept row
    for every one of `years`."""
    facts, stamps = _names(using)

    def stale(area: str) -> str:
        if whole:  # most of the register: the valid rows grouped, a hash join
            return (
                f"SELECT b.id AS id FROM ({area}) b LEFT JOIN (SELECT f.child_id, COUNT(*) AS n "
                f"FROM {_valid_rows(years, using)} GROUP BY f.child_id) v ON v.child_id = b.id "
                f"WHERE COALESCE(v.n, 0) < {len(years)}"
            )
        stamp = f"COALESCE((SELECT s.stamp FROM {stamps} s WHERE s.child_id = b.id), 0)"
        return (
            f"SELECT b.id AS id FROM ({area}) b WHERE (SELECT COUNT(*) FROM {facts} f "
            f"WHERE f.child_id = b.id AND f.year IN ({literals(years)}) AND f.stamp = {stamp} "
            f"AND f.code = {code(using)}) < {len(years)}"
        )

    return stale


def summed(periods, district_ids: list[int] | None, sql: str, using: str) -> list:
    """The rows of `sql`, the sums over the kept rows of the periods' years in the area
    (`kept_rows`), once its stale rows are counted again (`refresh`), the two in one
    snapshot: a change that commits after the stale children were looked for is then
    seen neither by the refresh nor by the sums, which count the child as it was. (In
    two snapshots the sums would leave out its row, whose stamp moved on, and count
    the child nowhere.)

    On PostgreSQL, a REPEATABLE READ transaction. When another count wrote the same
    children's rows since its snapshot was taken, PostgreSQL refuses the write, and
    the count is made again in a new snapshot. On SQLite, a transaction, begun
    IMMEDIATE (registry.settings): other writers wait for it. Inside a caller's
    transaction, in that one (on PostgreSQL, READ COMMITTED: two snapshots; closing a
    year counts from the records)."""
    connection = connections[using]

    def count(analyze: bool) -> list:
        refresh(periods, district_ids, using, analyze=analyze)
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    if connection.in_atomic_block:
        return count(analyze=False)
    if connection.vendor != "postgresql":
        with transaction.atomic(using=using):
            return count(analyze=True)
    attempt = 1
    while True:
        try:
            with transaction.atomic(using=using):
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                return count(analyze=True)
        except OperationalError as error:
            refused = getattr(error.__cause__, "pgcode", None) in ("40001", "40P01")
            if not refused or attempt == ATTEMPTS:
                raise
            attempt += 1


def refresh(
    periods, district_ids: list[int] | None, using: str = DEFAULT_DB_ALIAS, *, analyze=False
) -> int:
    """Count again the kept columns of the area's children whose rows of the periods'
    years are missing or stale; returns how many children that was (up to FEW + 1:
    more than FEW). `analyze`: make the table's statistics after writing more than
    FEW rows (in a count's own transaction: `summed`)."""
    years = [period.year for period in periods]
    connection = connections[using]
    whole = district_ids is None
    area, columns = children_parts(periods, district_ids, kept=_stale(years, whole, using))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT a.id FROM ({area}) a LIMIT {FEW + 1}")
        found = [child for (child,) in cursor.fetchall()]
    if not found:
        return 0
    if len(found) <= FEW:
        # Few children (after a change): counted by their ids, found once, and each
        # fact table cut to them, even for the whole register.
        def stale(_area: str) -> str:
            return f"SELECT c.id AS id FROM {table(Child)} c WHERE c.id IN ({literals(found)})"

        area, columns = children_parts(periods, district_ids, kept=stale, cut=True)
    facts, stamps = _names(using)
    names = ["child_id", "year", "stamp", "code", *COLUMNS]
    selects = [
        f"SELECT t.id, {literal(period.year)}, COALESCE(s.stamp, 0), {code(using)}, "
        + ", ".join(f"t.{name}{suffix(index)}" for name in COLUMNS)
        + f" FROM t LEFT JOIN {stamps} s ON s.child_id = t.id WHERE 1 = 1"
        for index, period in enumerate(periods)
    ]
    updated = ", ".join(f"{name} = excluded.{name}" for name in names[2:])
    mat = materialized()
    sql = (
        f"WITH area AS {mat}({area}), t AS {mat}({columns}) "
        f"INSERT INTO {facts} ({', '.join(names)}) {' UNION ALL '.join(selects)} "
        f"ON CONFLICT (child_id, year) DO UPDATE SET {updated}"
    )
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        cursor.execute(sql)
    if len(found) > FEW and connection.vendor == "postgresql" and analyze:
        # Many rows written (the first count, or the first after a release that counts
        # them otherwise): the planner's statistics of the table, which the sums'
        # plan depends on, are made now rather than at autovacuum's next pass.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {facts}, {stamps}")
    return len(found)


def kept_rows(
    periods, district_ids: list[int] | None, columns, using: str = DEFAULT_DB_ALIAS
) -> str:
    """The SELECT of `columns` (and the year) of the valid kept rows of the periods'
    years in the area, counted for it (`in_area`): the table the engine's sums read,
    by year."""
    names, joins, other = [], [], looked_up()
    for name in sorted({"year", *columns}):
        if name in other:
            sql, join = other[name]
            names.append(f"{sql} AS {name}")
            joins.append(join)
        else:
            names.append(f"f.{name}")
    years = [period.year for period in periods]
    sql = f"SELECT {', '.join(names)} FROM {_valid_rows(years, using, joins)} AND f.in_area = 1"
    if district_ids is not None:
        ids = literals(district_ids)
        sql += f" AND (f.dist_d IN ({ids}) OR f.dist_p IN ({ids}) OR f.dist_h IN ({ids}))"
    return sql
