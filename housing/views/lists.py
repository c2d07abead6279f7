"""The district lists of housing: the queue, and those whose housing nobody secures."""

from django.shortcuts import render

from children.selectors import children_visible_to, today
from housing.filters import GraduatesFilter, QueueFilter, WithoutHousingFilter
from housing.selectors import children_without_housing, housing_queue
from registry.access import READ_ROLES, role_required
from registry.views.helpers import paginate


def _list(request, template, filterset, day, **extra):
    context = {
        "filter": filterset,
        "page": paginate(request, filterset.qs),
        "day": day,
        "show_district": filterset.shows_district,
        **extra,
    }
    return render(request, template, context)


@role_required(*READ_ROLES)
def queue_list(request):
    day = today()
    filterset = QueueFilter(
        request.GET, queryset=housing_queue(request.user, day), user=request.user
    )
    return _list(request, "housing/queue_list.html", filterset, day)


@role_required(*READ_ROLES)
def without_housing_list(request):
    day = today()
    filterset = WithoutHousingFilter(
        request.GET, queryset=children_without_housing(request.user, day), user=request.user
    )
    return _list(request, "housing/without_housing_list.html", filterset, day)


@role_required(*READ_ROLES)
def graduates_list(request):
    filterset = GraduatesFilter(
        request.GET, queryset=children_visible_to(request.user), user=request.user
    )
    return _list(request, "housing/graduates_list.html", filterset, filterset.day)
