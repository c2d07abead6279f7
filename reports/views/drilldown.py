"""The children behind a figure: the engine's own condition, as a list."""

import datetime

from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from children.models import Child
from children.selectors import children_visible_to, with_first_twin
from registry.access import READ_ROLES, role_required
from registry.audit import children_on, log_list_view, logged_list
from registry.downloads import Column, download, wants_download
from registry.models import District, Region
from registry.ordering import by_name
from registry.replica import figures_db
from registry.templatetags.registry_tags import iin_for
from registry.views.helpers import paginate
from reports.areas import area_for
from reports.indicators.conditions import Period, all_conditions
from reports.indicators.engine import children_behind as children_behind_sql
from reports.indicators.keys import BY_KEY
from reports.views.common import year_from

DUPLICATES = "quality.duplicate_suspects"


def _indicator(key: str) -> str:
    return BY_KEY[key].label if key in BY_KEY else key


CHILDREN_BEHIND = logged_list(
    "children_behind",
    _("Children behind a figure"),
    parameters={"key": _("Figure"), "year": _("Year"), "on": _("As of")},
    references={"district": (District, "code"), "region": (Region, "code")},
    values={"key": _indicator},
)


def _twin(child) -> str:
    return child.twin_name or gettext("kept by a district you cannot see")


def behind_columns(user, pairs: bool) -> list[Column]:
    """The list's columns, as its page shows them (its Excel download); suspected
    duplicates with their twins."""
    return [
        Column(_("Name"), lambda child: child.full_name),
        Column(_("IIN"), lambda child: iin_for(child.iin, user) or "—"),
        Column(_("Birth date"), lambda child: child.birth_date),
        Column(_("District"), lambda child: str(child.district)),
        *([Column(_("Suspected twin"), _twin)] if pairs else []),
    ]


def _date(value):
    """An optional reference date (`on=YYYY-MM-DD`), e.g. today for data quality."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


@role_required(*READ_ROLES)
def children_behind(request):
    key = request.GET.get("key", "")
    period = Period(year_from(request.GET.get("year")), on=_date(request.GET.get("on")))
    conditions = all_conditions(period)
    if key not in conditions:
        raise Http404
    area = area_for(request.user, request.GET)
    district_ids = list(area.districts().values_list("pk", flat=True)) if area.region else None
    matching = Child.objects.using(figures_db()).filter(  # as the figure was counted
        pk__in=RawSQL(children_behind_sql(period, key, district_ids), [])
    )
    total = matching.count()
    visible = matching.filter(Q(pk__in=children_visible_to(request.user).values("pk")))
    visible = visible.select_related("district").order_by(
        by_name("last_name"), by_name("first_name"), "pk"
    )
    pairs = key == DUPLICATES
    if pairs:  # each suspect beside its twin: the page compares them
        visible = with_first_twin(visible, request.user)
    if wants_download(request):
        columns = behind_columns(request.user, pairs)
        return download(request, CHILDREN_BEHIND, visible, columns)
    page = paginate(request, visible)
    log_list_view(request, CHILDREN_BEHIND, children=children_on(page))
    context = {
        "key": BY_KEY[key],
        "period": period,
        "area": area,
        "page": page,
        "total": total,
        "hidden": total - page.paginator.count,
        "pairs": pairs,
        "downloadable": True,
    }
    return render(request, "reports/children_behind.html", context)
