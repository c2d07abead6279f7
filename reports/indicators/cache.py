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
- stays in youth homes, counted where the home is, not where the child is.

A district officer's change thus leaves the other districts' figures cached. Writes
in bulk (the synthetic generator) add an entry of no child, so that every cached
figure is counted again.

One count looks beyond its area: `quality.duplicate_suspects` compares names and
birth dates with children anywhere in the register. A namesake registered in another
district shows there at once and here when this area's data next changes, or when
the entry expires (TIMEOUT, an hour) at the latest.

Figures may be counted on a standby (registry.replica): the version they are filed
under is then read there too, so that figures of a standby that lags behind are
filed under the older version they are exact for. The cache itself (a table) is
on the primary.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Max

from care.models import YouthHomeStay
from children.versions import area_version_parts
from registry.models import AuditEntry
from reports.indicators.engine import AreaFigures, compute_years, in_parallel

TIMEOUT = 60 * 60


def data_version(region=None, district=None, *, using: str = DEFAULT_DB_ALIAS) -> str:
    """The version of the data the figures of a district, a region or (neither) the
    whole register depend on, as the database `using` names has it: the version of
    the area's children (`children.versions`) and, for an area, the latest change to
    a stay in a youth home anywhere (counted where the home is)."""
    parts = area_version_parts(region, district, using=using)
    if region is not None or district is not None:
        stays = AuditEntry.objects.using(using).filter(
            content_type=ContentType.objects.db_manager(using).get_for_model(YouthHomeStay)
        )
        parts.append(stays.aggregate(last=Max("id"))["last"] or 0)
    return ".".join(map(str, parts))


def figures_of_years(
    years: dict[int, str], *, region=None, district=None, using: str = DEFAULT_DB_ALIAS
) -> dict[int, AreaFigures]:
    """The figures of several years of one area (each year with the prefix of the keys
    it needs, "" for all), read from the cache at once; the missing ones are counted
    (in the database `using` names, with the version read there too) and kept."""
    if region is None and district is not None:
        region = district.region
    version = data_version(region, district, using=using)
    area = f"{region.pk if region else '-'}:{district.pk if district else '-'}"
    keys = {year: f"indicators:{version}:{year}:{area}:{prefix}" for year, prefix in years.items()}
    found = cache.get_many(list(keys.values()))
    missing: dict[str, list[int]] = {}  # prefix: its years not in the cache
    for year, key in keys.items():
        if key not in found:
            missing.setdefault(years[year], []).append(year)

    def count(prefix: str) -> dict[int, AreaFigures]:
        return compute_years(
            dict.fromkeys(missing[prefix], prefix),
            region=region if district is None else None,
            district=district,
            using=using,
        )

    # The years of one prefix are counted together, in one statement. A region's or
    # the register's two statements (the years in full, the contingent of the others)
    # go in parallel, the longer first; a district's, counted in a few tens of
    # milliseconds, about what a new connection costs the server, one after the other.
    prefixes = sorted(missing)
    groups = in_parallel(count, prefixes, using) if district is None else list(map(count, prefixes))
    for counted in groups:
        for year, figures_of_year in counted.items():
            found[keys[year]] = figures_of_year
            cache.set(keys[year], figures_of_year, TIMEOUT)
    return {year: found[key] for year, key in keys.items()}


def figures(
    year: int, *, region=None, district=None, prefix: str = "", using: str = DEFAULT_DB_ALIAS
) -> AreaFigures:
    return figures_of_years({year: prefix}, region=region, district=district, using=using)[year]
