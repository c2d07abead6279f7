"""The district lists of housing: the queue, and those whose housing nobody secures."""

from django.utils.translation import gettext_lazy as _

from children.selectors import children_visible_to
from housing.filters import GraduatesFilter, QueueFilter, WithoutHousingFilter
from housing.selectors import children_without_housing, housing_queue
from registry.access import READ_ROLES, role_required
from registry.audit import logged_list
from registry.models import District
from registry.records.rules import today
from registry.views.helpers import filtered_list_page

DISTRICT = {"district": (District, "pk")}
QUEUE = logged_list("housing_queue", _("Housing queue"), filterset=QueueFilter, references=DISTRICT)
WITHOUT = logged_list(
    "housing_without",
    _("Children without secured housing or queue"),
    filterset=WithoutHousingFilter,
    references=DISTRICT,
)
GRADUATES = logged_list(
    "housing_graduates",
    _("Graduates without housing"),
    filterset=GraduatesFilter,
    references=DISTRICT,
)


@role_required(*READ_ROLES)
def queue_list(request):
    day = today()
    filterset = QueueFilter(
        request.GET, queryset=housing_queue(request.user, day), user=request.user
    )
    return filtered_list_page(
        request, "housing/queue_list.html", filterset, day, QUEUE, lambda entry: entry.child_id
    )


@role_required(*READ_ROLES)
def without_housing_list(request):
    day = today()
    filterset = WithoutHousingFilter(
        request.GET, queryset=children_without_housing(request.user, day), user=request.user
    )
    return filtered_list_page(request, "housing/without_housing_list.html", filterset, day, WITHOUT)


@role_required(*READ_ROLES)
def graduates_list(request):
    filterset = GraduatesFilter(
        request.GET, queryset=children_visible_to(request.user), user=request.user
    )
    return filtered_list_page(
        request, "housing/graduates_list.html", filterset, filterset.day, GRADUATES
    )
