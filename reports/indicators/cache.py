"""Computed figures, cached while the part of the register they count does not change.

Every change to the register writes an audit entry filed under its region, so the
highest audit entry id of a region is a version of that region's data; transfers are
added because a case moving between regions changes both. Figures cached under the
version are exact until the next change there.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Max

from registry.models import AuditEntry
from reports.indicators.engine import AreaFigures, compute

TIMEOUT = 60 * 60


def data_version(region=None) -> str:
    """The version of the data a region's figures depend on (the whole register's
    without a region)."""
    entries = AuditEntry.objects.all()
    if region is None:
        return str(entries.aggregate(last=Max("id"))["last"] or 0)
    own = entries.filter(region=region).aggregate(last=Max("id"))["last"] or 0
    moves = entries.filter(content_type__model="transfer").aggregate(last=Max("id"))["last"] or 0
    return f"{own}.{moves}"


def figures(
    year: int, *, region=None, district=None, version: str | None = None, prefix: str = ""
) -> AreaFigures:
    if region is None and district is not None:
        region = district.region
    version = data_version(region) if version is None else version
    area = f"{region.pk if region else '-'}:{district.pk if district else '-'}"
    key = f"indicators:{version}:{year}:{area}:{prefix}"
    found = cache.get(key)
    if found is None:
        found = compute(
            year, region=region if district is None else None, district=district, prefix=prefix
        )
        cache.set(key, found, TIMEOUT)
    return found
