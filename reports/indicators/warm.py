"""The dashboards' figures counted ahead of their first reader.

A change that every figure reads (an institution, a district, a region's visit
schedule; `migrate`, which empties the kept counts) makes the next dashboard of every
area count its districts again: 2-6 s for the country of 100,000 children and
0.3-0.8 s for a region, with the machine's load. `warm_figures` (a command a timer
runs every few minutes, `deploy/registry-figures.timer`) counts them in the
background instead, through the same cache the pages read
(`reports.indicators.cache`), so what it keeps is what a page would have counted:
exact under the versions it is filed under. When nothing changed it reads the
versions and the kept entries, and counts nothing.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS

from registry.models import District, Region
from reports.indicators.cache import figures_of_years
from reports.indicators.keys import SERIES_YEARS


def dashboard_years(year: int) -> dict[int, str]:
    """What the dashboard of `year` counts, each year with the prefix of its keys: the
    year and the year before in full, the earlier years of its charts the contingent."""
    first = year - SERIES_YEARS + 1
    return {y: "" if y >= year - 1 else "contingent." for y in range(first, year + 1)}


def warm_dashboards(years: list[int], *, using: str = DEFAULT_DB_ALIAS) -> tuple[int, int]:
    """Count and keep the dashboards of `years` for the register, each region and each
    district, from the database `using` names (the standby the pages count on, when
    there is one). The register first: its count fills every district's kept counts,
    and the regions and districts are then sums of them. Returns how many regions
    and districts were done."""
    regions = list(Region.objects.using(using).order_by("pk"))
    districts = list(District.objects.using(using).select_related("region").order_by("pk"))
    for year in years:
        shape = dashboard_years(year)
        figures_of_years(shape, using=using)
        for region in regions:
            figures_of_years(shape, region=region, using=using)
        for district in districts:
            figures_of_years(shape, region=district.region, district=district, using=using)
    return len(regions), len(districts)
