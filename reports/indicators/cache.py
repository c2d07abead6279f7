"""Computed figures, cached while the records they count do not change.

Every change to the register writes an audit entry, filed under the region, district
and child it belongs to, with an id that only grows. The latest entry of the records
an area's figures depend on is therefore a version of that area's data: figures
cached under it are exact until the next change there. An area's figures depend on:

- the records of its children: entries filed under the area (children now kept
  there, a transfer in) and entries of children who moved out of it (their past, and
  the housing and due visits dated while the area kept the case, are still counted
  there: a correction to them, or a transfer dated before them, changes the area's
  figures);
- records that are no child's (institutions and their kinds, districts, the visit
  schedule, accounts): rare, and counted anywhere, so any of them counts everywhere;
- stays in youth homes, counted where the home is, not where the child is;
- records a job writes after the audited change that asked for it (a schedule
  rule's rebuild writes the region's due visits): the last such job finished
  (`children.versions.last_derived_write`);
- one count looks beyond its area: `quality.duplicate_suspects` compares names and
  birth dates with children anywhere in the register, so a child registered or
  renamed anywhere, or two children marked as different, is a change of every
  region's figures. Not of a district's own: children are registered somewhere
  every few minutes in a national register, and each officer's dashboard would be
  counted again after each (the load test's indicators page: median 50 ms to
  92-120 ms). A namesake registered in another district shows in a district's own
  figures at its next change, or when they expire (TIMEOUT, an hour) at the latest;
  in its region's figures, and in the district's row there, at once.

A district officer's change thus leaves the other districts' figures cached. Writes
in bulk (the synthetic generator) add an entry of no child, so that every cached
figure is counted again.

Figures are kept at two levels. An area's figures of a year, under the area's
version: a page shown again reads them at once. Under them, each district's counts of
a year, under that district's version (`district_figures`): an area's figures are
the sum of its districts' counts, so after a change in one district only that
district is counted again, and the suspected duplicates (a few children) afresh.

Figures may be counted on a standby (registry.replica): the version they are filed
under is then read there too, so that figures of a standby that lags behind are
filed under the older version they are exact for. The cache itself (a table) is
on the primary.
"""

from __future__ import annotations

import zlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

from care.models import YouthHomeStay
from children.models import Child, NotDuplicate
from children.versions import area_version_parts, district_version_parts, last_derived_write
from registry.models import AuditEntry
from reports.indicators.conditions import Period
from reports.indicators.engine import (
    DUPLICATES,
    AreaFigures,
    count_periods,
    derive,
    in_parallel,
    total,
)
from reports.indicators.keys import COUNT_KEYS

TIMEOUT = 60 * 60


def data_version(region=None, district=None, *, using: str = DEFAULT_DB_ALIAS) -> str:
    """The version of the data the figures of a district, a region or (neither) the
    whole register depend on, as the database `using` names has it: the version of
    the area's children (`children.versions`); for an area, the latest change to a
    stay in a youth home anywhere (counted where the home is); for a region, the
    latest change to a child's name or birth date, or to a pair marked as different
    children, anywhere (the namesakes); and the last write of derived records."""
    parts = area_version_parts(region, district, using=using)
    if district is not None:
        parts += last_entries_of([YouthHomeStay], using)
    elif region is not None:
        parts += last_entries_of([YouthHomeStay, Child, NotDuplicate], using)
    parts.append(last_derived_write(using))
    return ".".join(map(str, parts))


def last_entries_of(models: list, using: str) -> list[int]:
    """The latest entry of the records of each model anywhere: one statement, an index
    lookup a model."""
    types = ContentType.objects.db_manager(using).get_for_models(*models)
    quote = connections[using].ops.quote_name
    table = quote(AuditEntry._meta.db_table)
    column = quote(AuditEntry._meta.get_field("content_type").column)
    lookup = f"(SELECT MAX(id) FROM {table} WHERE {column} = %s)"  # noqa: S608 - model names
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([lookup] * len(models)), [types[m].pk for m in models])
        return [last or 0 for last in cursor.fetchone()]


def figures_of_years(
    years: dict[int, str], *, region=None, district=None, using: str = DEFAULT_DB_ALIAS
) -> dict[int, AreaFigures]:
    """The figures of several years of one area (each year with the prefix of the keys
    it needs, "" for all), read from the cache at once; the missing ones are counted
    (in the database `using` names, with the version read there too) and kept, from
    each district's kept counts (`district_figures`)."""
    if region is None and district is not None:
        region = district.region
    version = data_version(region, district, using=using)
    area = f"{region.pk if region else '-'}:{district.pk if district else '-'}"
    # One entry per area and version, {(year, prefix): figures}: one read, and after a
    # change one write, whatever the number of years a page shows.
    key = f"indicators:{version}:{area}"
    kept = cache.get(key) or {}
    missing = {year: prefix for year, prefix in years.items() if (year, prefix) not in kept}
    if missing:
        counted = district_figures(missing, region=region, district=district, using=using)
        kept = {**kept, **{(year, missing[year]): found for year, found in counted.items()}}
        cache.set(key, kept, TIMEOUT)
    return {year: kept[year, prefix] for year, prefix in years.items()}


# A district's counts are exact under its version, whatever their age (the namesakes,
# which look beyond it, are counted afresh): kept a week, so that a quiet register
# does not have the whole country counted again every hour. `migrate` empties them.
KEPT_TIMEOUT = 7 * 24 * 60 * 60
# The counts are kept as tuples in this order; a change of the keys is a new entry.
KEPT = f"indicators:districts:{zlib.crc32('|'.join(COUNT_KEYS).encode())}"


def district_figures(
    years: dict[int, str], *, region=None, district=None, using: str = DEFAULT_DB_ALIAS
) -> dict[int, AreaFigures]:
    """The figures of a district, a region or (neither) the register for several
    years (each with its prefix), as the sum of its districts' counts. Each district's
    counts of a year are kept under that district's data version; only the districts
    whose data changed are counted again (together, one statement per prefix). An
    area's figures are the sum of its districts' by construction
    (reports.indicators.engine), so the sum is what a count of the whole area gives.

    One count looks beyond its district: `quality.duplicate_suspects` (a namesake
    registered anywhere). Where a district's counts are read from the cache, it is
    counted afresh for the whole area, among the children who share a name and a
    birth date with another (a few), beside the districts' statement. A region's or
    the register's statements go in parallel; a district's, a few tens of
    milliseconds each, about what a new connection costs the server, one after the
    other."""
    parts = district_version_parts(region, district, using=using)
    shared = [*last_entries_of([YouthHomeStay], using), last_derived_write(using)]
    versions = {pk: ".".join(map(str, [*found, *shared])) for pk, found in parts.items()}
    ids = sorted(versions)
    # One entry per prefix: {(year, district id): (version, counts)}.
    kept = cache.get_many([f"{KEPT}:{prefix}" for prefix in set(years.values())])
    counts: dict[int, dict[int, dict[str, int]]] = {year: {} for year in years}
    stale: dict[str, set[int]] = {}  # prefix: the districts to count again
    stale_years: dict[str, set[int]] = {}
    reused: set[int] = set()  # the years with a district's counts read from the cache
    for year, prefix in years.items():
        entries = kept.get(f"{KEPT}:{prefix}", {})
        for pk in ids:
            entry = entries.get((year, pk))
            if entry is not None and entry[0] == versions[pk]:
                counts[year][pk] = dict(zip(COUNT_KEYS, entry[1], strict=True))
                reused.add(year)
            else:
                stale.setdefault(prefix, set()).add(pk)
                stale_years.setdefault(prefix, set()).add(year)
    duplicate_years = sorted(year for year in reused if DUPLICATES.startswith(years[year]))

    def count(prefix: str):
        wanted = sorted(stale[prefix])
        # The register's tables grouped whole: cheaper than looking most children up.
        whole = region is None and district is None and len(wanted) == len(ids)
        periods = [Period(year) for year in sorted(stale_years[prefix])]
        return prefix, count_periods(periods, None if whole else wanted, prefix, using=using)

    def duplicates():
        periods = [Period(year) for year in duplicate_years]
        area = None if region is None and district is None else ids
        found = count_periods(periods, area, DUPLICATES, using=using, namesakes_only=True)
        return DUPLICATES, found

    tasks = [lambda prefix=prefix: count(prefix) for prefix in sorted(stale)]
    if duplicate_years and ids:
        tasks.append(duplicates)
    if district is None:
        results = dict(in_parallel(lambda task: task(), tasks, using))
    else:
        results = dict(task() for task in tasks)
    updates: dict[str, dict] = {}
    for prefix in stale:
        name = f"{KEPT}:{prefix}"
        # What another area's count kept stays, unless its district changed since.
        entries = updates[name] = {
            (year, pk): entry
            for (year, pk), entry in kept.get(name, {}).items()
            if versions.get(pk, entry[0]) == entry[0]
        }
        for year, per_district in zip(sorted(stale_years[prefix]), results[prefix], strict=True):
            for pk in stale[prefix]:
                found = per_district.get(pk) or dict.fromkeys(COUNT_KEYS, 0)
                counts[year][pk] = found
                entries[year, pk] = (versions[pk], tuple(found[key] for key in COUNT_KEYS))
    for year, per_district in zip(duplicate_years, results.get(DUPLICATES, []), strict=False):
        for pk, found in counts[year].items():
            counted = per_district.get(pk)
            found[DUPLICATES] = counted[DUPLICATES] if counted else 0
    if updates:
        cache.set_many(updates, KEPT_TIMEOUT)
    return {year: _summed(year, per_district) for year, per_district in counts.items()}


def _summed(year: int, per_district: dict[int, dict[str, int]]) -> AreaFigures:
    return AreaFigures(
        year=year,
        values=derive(total(per_district)),
        districts={pk: derive(found) for pk, found in per_district.items()},
    )


def figures(
    year: int, *, region=None, district=None, prefix: str = "", using: str = DEFAULT_DB_ALIAS
) -> AreaFigures:
    return figures_of_years({year: prefix}, region=region, district=district, using=using)[year]
