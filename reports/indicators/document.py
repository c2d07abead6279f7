"""The indicators of a year for an area as one JSON document: what
`manage.py annual_report --format json` prints and what the exchange API answers
(/api/v1/indicators), from one function so that they cannot differ."""

from __future__ import annotations

from registry.models import District, Region


def indicators_document(
    year: int, *, region: Region | None = None, district: District | None = None, using: str
) -> dict:
    """{"year", "region" (code or null), "district" (code or null), "indicators": {key:
    value}} for the whole register, a region or a district; `using`: the database read
    (registry.replica.figures_db())."""
    from reports.indicators.engine import compute

    figures = compute(year, region=region, district=district, using=using)
    if district is not None:
        region = district.region
    return {
        "year": year,
        "region": region.code if region is not None else None,
        "district": district.code if district is not None else None,
        "indicators": figures.values,
    }
