"""Computed figures, cached while the register does not change.

Every change to the register writes an audit entry, so the highest audit entry id is
a version of the data: figures cached under it are exact until the next change.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Max

from registry.models import AuditEntry
from reports.indicators.engine import AreaFigures, compute

TIMEOUT = 60 * 60


def data_version() -> int:
    return AuditEntry.objects.aggregate(last=Max("id"))["last"] or 0


def figures(year: int, *, region=None, district=None, version: int | None = None) -> AreaFigures:
    version = data_version() if version is None else version
    area = f"{region.pk if region else '-'}:{district.pk if district else '-'}"
    key = f"indicators:{version}:{year}:{area}"
    found = cache.get(key)
    if found is None:
        found = compute(year, region=region, district=district)
        cache.set(key, found, TIMEOUT)
    return found
