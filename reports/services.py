from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.services.base import service
from reports.indicators.engine import compute
from reports.models import SubmittedReport


@service
def close_year(*, actor, region, year: int) -> SubmittedReport:
    """Freeze the region's figures for `year` as submitted by `actor`."""
    if year >= timezone.localdate().year:
        raise ValidationError({"year": _("Only a finished year can be closed.")})
    if SubmittedReport.objects.filter(region=region, year=year).exists():
        raise ValidationError(
            {"year": _("The year %(year)s is already closed for this region.") % {"year": year}}
        )
    # From the records: one statement, one snapshot, inside this service's transaction
    # (the kept columns' refresh and sums would be two there: reports.indicators.facts).
    result = compute(year, region=region, from_records=True)
    codes = dict(region.districts.values_list("pk", "code"))
    report = SubmittedReport(
        region=region,
        year=year,
        submitted_by=actor,
        figures={
            "total": result.values,
            "districts": {
                codes[pk]: values for pk, values in result.districts.items() if pk in codes
            },
        },
    )
    report.full_clean()
    report.save()
    return report
