"""The annual report as a job (`registry.jobs`): the workbook of a region's, a
district's or the country's year is built on the worker from `figures_db()` and kept
as the job's file, for its starter only; each download goes to the access log, as the
direct download did."""

from __future__ import annotations

import io

from django.http import Http404
from django.utils.translation import gettext_noop

from registry.audit import log_access
from registry.cells import XLSX
from registry.jobs import JobFailed, store_file
from registry.models import AccessLog
from registry.replica import figures_db
from reports.annual import build
from reports.areas import area_for

ANNUAL = "annual_report"

AREA_OUTSIDE = gettext_noop(
    "The area of this report is no longer yours to read: no report was made."
)


def annual_parameters(year: int, area) -> dict:
    """What the job needs to find the area again (as the user asked for it)."""
    return {
        "year": year,
        "region": area.region.code if area.region is not None and area.district is None else "",
        "district": area.district.code if area.district is not None else "",
    }


def run_annual(job, progress) -> dict:
    year = job.parameters["year"]
    try:
        area = area_for(job.user, job.parameters)
    except Http404:
        raise JobFailed(AREA_OUTSIDE) from None
    book = build(area, year, job.user, using=figures_db())
    target = io.BytesIO()
    book.save(target)
    code = area.district.code if area.district else area.region.code if area.region else "all"
    name = f"annual-report-{year}-{code}.xlsx"
    store_file(job, name=name, content_type=XLSX, content=target.getvalue())
    return {
        "name": name,
        "year": year,
        "area": area.label,
        "query": area.query,
        "region_id": area.region.pk if area.region else None,
        "district_id": area.district.pk if area.district else None,
    }


def annual_downloaded(request, job) -> None:
    """The report in the access log each time its starter downloads it."""
    outcome = job.outcome
    log_access(
        user=request.user,
        action=AccessLog.Action.EXPORT,
        description=f"annual report {outcome['year']} ({outcome['area']})",
        region_id=outcome.get("region_id"),
        district_id=outcome.get("district_id"),
        parameters={
            "year": outcome["year"],
            "area": outcome.get("query", ""),
            "described_by": "annual_report",
        },
        request=request,
    )
