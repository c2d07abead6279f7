"""The dashboard: a year's indicators for an area, against the year before, with
charts and the district (or region) comparison. Every count links to its children."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.access import READ_ROLES, districts_visible_to, regions_visible_to, role_required
from registry.models import District, Region
from registry.ordering import sort_key
from registry.replica import figures_db
from reports import charts
from reports.areas import area_for
from reports.indicators.cache import figures_of_years
from reports.indicators.conditions import Period, all_conditions
from reports.indicators.keys import BY_KEY, KEYS, SECTIONS
from reports.indicators.warm import dashboard_years
from reports.models import SubmittedReport
from reports.views.common import default_year, year_choices, year_from

HEADLINE = [
    "contingent.total",
    "contingent.institution",
    "contingent.family",
    "contingent.unplaced",
    "housing.secured_family",
    "benefits.survivor_allowance",
    "benefits.alimony_ordered",
    "monitoring.overdue",
]
FORMS = [
    charts.Segment("contingent.institution", gettext_lazy("institution"), charts.PALETTE[0]),
    charts.Segment("contingent.guardianship", gettext_lazy("guardianship"), charts.PALETTE[1]),
    charts.Segment("contingent.trusteeship", gettext_lazy("trusteeship"), charts.PALETTE[2]),
    charts.Segment("contingent.patronage", gettext_lazy("patronage"), charts.PALETTE[3]),
    charts.Segment("contingent.foster_family", gettext_lazy("foster family"), charts.PALETTE[4]),
    charts.Segment("contingent.unplaced", gettext_lazy("not placed"), charts.PALETTE[7]),
]


def drill_url(key: str, year: int, area) -> str:
    query = f"key={key}&year={year}"
    return (
        f"/reports/children/?{query}&{area.query}" if area.query else f"/reports/children/?{query}"
    )


def rows_for(section: str, current: dict, previous: dict, drillable: set, year: int, area) -> list:
    rows = []
    for key in KEYS:
        if (
            key.section != section
            or key.kind in ("change", "change_pct")
            or key.key.endswith("_prev")
        ):
            continue
        value, before = current.get(key.key), previous.get(key.key)
        change = None
        if key.kind == "count" and value is not None and before is not None:
            change = value - before
        rows.append(
            {
                "key": key.key,
                "label": key.label,
                "kind": key.kind,
                "value": value,
                "previous": before,
                "change": change,
                "href": drill_url(key.key, year, area) if key.key in drillable else None,
            }
        )
    return rows


def comparison(area, current, year):
    """Bars per district of the area, or per region for the whole register."""
    if area.region is None and area.district is None:
        regions = {region.pk: region for region in Region.objects.all()}
        totals: dict = {}
        for district in District.objects.all():
            value = current.districts.get(district.pk, {}).get("contingent.total", 0)
            totals[district.region_id] = totals.get(district.region_id, 0) + value
        return [
            (str(regions[pk]), value, f"/reports/?region={regions[pk].code}&year={year}")
            for pk, value in sorted(
                totals.items(), key=lambda item: (-item[1], sort_key(str(regions[item[0]])))
            )
        ]
    districts = {district.pk: district for district in area.districts()}
    rows = [
        (
            str(districts[pk]),
            values.get("contingent.total", 0),
            f"/reports/?district={districts[pk].code}&year={year}",
        )
        for pk, values in current.districts.items()
        if pk in districts
    ]
    return sorted(rows, key=lambda row: (-row[1], sort_key(row[0])))  # equal: by name


def submitted_differences(area, year, current):
    """The submitted report for the area's region and year, and the keys where
    today's recomputation differs from what was submitted. Read from the primary:
    closing a year leads to this page."""
    if area.region is None:
        return None, []
    report = (
        SubmittedReport.objects.filter(region=area.region, year=year)
        .select_related("submitted_by")
        .first()
    )
    if report is None:
        return None, []
    submitted = (
        report.figures["districts"].get(area.district.code, {})
        if area.district
        else report.figures["total"]
    )
    differences = [
        {"label": BY_KEY[key].label, "submitted": value, "now": current.get(key)}
        for key, value in submitted.items()
        if key in BY_KEY and current.get(key) != value
    ]
    return report, differences


@role_required(*READ_ROLES)
def dashboard(request):
    area = area_for(request.user, request.GET)
    year = year_from(request.GET.get("year"), default_year())
    shape = dashboard_years(year)  # what `warm_figures` counts ahead
    years = sorted(shape)
    # From the standby when there is one.
    series = figures_of_years(shape, using=figures_db(), **area.kwargs)
    current, previous = series[year], series[year - 1]
    drillable = set(all_conditions(Period(year)))
    sections = [
        {
            "title": title,
            "rows": rows_for(code, current.values, previous.values, drillable, year, area),
        }
        for code, title in SECTIONS.items()
    ]
    report, differences = submitted_differences(area, year, current.values)
    context = {
        "area": area,
        "year": year,
        "years": year_choices(),
        "districts": _area_choices(request.user),
        "headline": [
            row for section in sections for row in section["rows"] if row["key"] in HEADLINE
        ],
        "sections": [section for section in sections if section["rows"]],
        "report": report,
        "differences": differences,
        "charts": _charts(area, years, series, current, year),
    }
    return render(request, "reports/dashboard.html", context)


def _charts(area, years, series, current, year) -> list[tuple[str, str]]:
    """(title, SVG) of each chart of the dashboard."""
    values = current.values
    recent = years[-3:]
    forms_title = _("Children in the register by form of care, %(first)s–%(last)s") % {
        "first": years[0],
        "last": years[-1],
    }
    care_title = _("Institution and family care")
    housing_title = _("Housing: secured and on the queue, %")
    alimony_title = _("Alimony: ordered and received")
    drawn = [
        (
            forms_title,
            charts.stacked_columns(forms_title, [(str(y), series[y].values) for y in years], FORMS),
        ),
        (
            care_title,
            charts.paired_bars(
                care_title,
                [
                    (
                        str(y),
                        series[y].values["contingent.institution"],
                        series[y].values["contingent.family"],
                    )
                    for y in recent
                ],
                charts.Segment("institution", _("institution"), charts.PALETTE[0]),
                charts.Segment("family", _("family care"), charts.PALETTE[1]),
            ),
        ),
        (
            housing_title,
            charts.horizontal_bars(
                housing_title,
                [
                    (_("pupils: secured"), values.get("housing.secured_institution_pct"), None),
                    (_("family care: secured"), values.get("housing.secured_family_pct"), None),
                    (_("pupils: on the queue"), values.get("housing.queue_institution_pct"), None),
                    (_("family care: on the queue"), values.get("housing.queue_family_pct"), None),
                ],
                kind="pct",
                color=charts.PALETTE[2],
            ),
        ),
        (
            alimony_title,
            charts.paired_bars(
                alimony_title,
                [
                    (
                        str(y),
                        series[y].values.get("benefits.alimony_ordered", 0),
                        series[y].values.get("benefits.alimony_received", 0),
                    )
                    for y in years[-2:]  # the years computed in full
                ],
                charts.Segment("ordered", _("ordered"), charts.PALETTE[5]),
                charts.Segment("received", _("received"), charts.PALETTE[2]),
            ),
        ),
    ]
    if area.district is None:
        title = (
            _("Children in the register by district")
            if area.region
            else _("Children in the register by region")
        )
        drawn.append((title, charts.horizontal_bars(title, comparison(area, current, year))))
    return drawn


def _area_choices(user):
    return {
        "regions": regions_visible_to(user),
        "districts": districts_visible_to(user).select_related("region"),
    }
