"""What makes the figures unreliable, today, per district, with links to the records;
and what the records do not state yet, by kind of gap."""

from django.shortcuts import render
from django.utils import timezone

from children.selectors import children_visible_to
from registry.access import READ_ROLES, role_required
from registry.records.gaps import gap_counts, gaps
from registry.replica import figures_db
from reports.areas import area_for
from reports.indicators.conditions import Period
from reports.indicators.engine import count_by_district, derive, total
from reports.indicators.keys import KEYS

QUALITY_KEYS = [key for key in KEYS if key.section == "quality"]


@role_required(*READ_ROLES)
def data_quality(request):
    area = area_for(request.user, request.GET)
    today = timezone.localdate()
    period = Period(today.year, on=today)
    using = figures_db()
    districts = list(area.districts().order_by("code"))
    per_district = count_by_district(period, [d.pk for d in districts], using=using)
    rows = [
        {"district": district, "values": derive(per_district.get(district.pk, {}))}
        for district in districts
    ]
    children = children_visible_to(request.user).filter(district__in=area.districts()).using(using)
    incomplete = gap_counts(children)
    context = {
        "area": area,
        "today": today,
        "keys": QUALITY_KEYS,
        "rows": rows,
        "total": derive(total(per_district)),
        "gaps": [{"gap": gap, "count": incomplete[gap.code]} for gap in gaps()],
    }
    return render(request, "reports/data_quality.html", context)
