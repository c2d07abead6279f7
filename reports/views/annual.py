"""The annual report workbook, and closing a year."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registry.access import MANAGE_ROLES, READ_ROLES, role_required
from registry.services.jobs import job_start
from registry.views.helpers import submit
from reports.areas import area_for
from reports.forms import CloseYearForm
from reports.indicators.cache import figures
from reports.indicators.keys import BY_KEY
from reports.jobs import ANNUAL, annual_parameters
from reports.services import close_year
from reports.views.common import year_from


@role_required(*READ_ROLES)
@require_POST
def annual_workbook(request, year):
    """Start the annual report of the area asked for as a job: on to its file when it
    is done (in-process), else to the job's page; the download is logged."""
    year = year_from(year)
    area = area_for(request.user, request.GET)
    job = job_start(
        actor=request.user,
        kind=ANNUAL,
        description=_("Annual report %(year)s: %(area)s") % {"year": year, "area": area.label},
        parameters=annual_parameters(year, area),
    )
    if job.phase == job.Phase.DONE:
        return redirect("job_file", pk=job.pk)
    return redirect("job_detail", pk=job.pk)


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
