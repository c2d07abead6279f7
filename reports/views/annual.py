"""The annual report workbook, and closing a year."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.access import MANAGE_ROLES, READ_ROLES, role_required
from registry.audit import log_access
from registry.cells import XLSX
from registry.models import AccessLog
from registry.replica import figures_db
from registry.views.helpers import submit
from reports.annual import build
from reports.areas import area_for
from reports.forms import CloseYearForm
from reports.indicators.cache import figures
from reports.indicators.keys import BY_KEY
from reports.services import close_year
from reports.views.common import year_from


@role_required(*READ_ROLES)
def annual_workbook(request, year):
    year = year_from(year)
    area = area_for(request.user, request.GET)
    book = build(area, year, request.user, using=figures_db())
    log_access(
        user=request.user,
        action=AccessLog.Action.EXPORT,
        description=f"annual report {year} ({area.label})",
        region_id=area.region.pk if area.region else None,
        district_id=area.district.pk if area.district else None,
        parameters={
            "year": year,
            "area": area.query,
            "described_by": "annual_report",
        },
        request=request,
    )
    response = HttpResponse(content_type=XLSX)
    code = area.district.code if area.district else area.region.code if area.region else "all"
    response["Content-Disposition"] = f'attachment; filename="annual-report-{year}-{code}.xlsx"'
    book.save(response)
    return response


@role_required(*MANAGE_ROLES)
def close_year_view(request):
    area = area_for(request.user, {})
    form = CloseYearForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    year = year_from(form.data.get("year") if form.is_bound else None)
    # From the primary: what closing the year freezes (reports.services.close_year).
    preview = figures(year, region=area.region).values
    done, form, _conflict = submit(
        request,
        form,
        lambda data: close_year(actor=request.user, region=area.region, year=data["year"]),
    )
    if done:
        messages.success(
            request, _("The figures of %(year)s are submitted and frozen.") % {"year": done.year}
        )
        return redirect(f"/reports/?year={done.year}")
    rows = [
        (BY_KEY[key].label, value) for key, value in preview.items() if BY_KEY[key].kind == "count"
    ]
    return render(
        request, "reports/close_year.html", {"form": form, "area": area, "year": year, "rows": rows}
    )
