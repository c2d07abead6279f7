"""The district lists of housing: the queue, and those whose housing nobody secures."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from children.selectors import children_visible_to
from children.templatetags.children_tags import age_on, category_label, form_label
from housing.filters import GraduatesFilter, QueueFilter, WithoutHousingFilter
from housing.selectors import children_without_housing, housing_queue
from housing.templatetags.housing_tags import left_care_on, months_since
from registry.access import READ_ROLES, role_required
from registry.audit import logged_list
from registry.downloads import Column
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

# The columns of each list, as its page shows them (its Excel download).
NAME = Column(_("Name"), lambda child: child.full_name)
BIRTH_DATE = Column(_("Birth date"), lambda child: child.birth_date)
DISTRICT_COLUMN = Column(_("District"), lambda child: str(child.district))


def _district(show: bool) -> list[Column]:
    return [DISTRICT_COLUMN] if show else []


def _queue_position(entry):
    if not entry.position:
        return gettext("not known")
    if entry.position_on:
        return gettext("%(position)s (as of %(date)s)") % {
            "position": entry.position,
            "date": f"{entry.position_on:%d.%m.%Y}",
        }
    return entry.position


def queue_columns(day) -> list[Column]:
    return [
        Column(_("Queue of the district"), lambda entry: str(entry.district)),
        Column(_("Position"), _queue_position),
        Column(_("Name"), lambda entry: entry.child.full_name),
        Column(_("Birth date"), lambda entry: entry.child.birth_date),
        Column(_("On the queue since"), lambda entry: entry.start_date),
        Column(_("Waiting (months)"), lambda entry: months_since(entry.start_date, day)),
    ]


def without_housing_columns(day, show_district: bool) -> list[Column]:
    return [
        NAME,
        BIRTH_DATE,
        Column(_("Age"), lambda child: age_on(child.birth_date, day)),
        *_district(show_district),
        Column(_("Category"), lambda child: category_label(child.status_category)),
        Column(
            _("Form of care"),
            lambda child: form_label(child.placement_form) if child.placement_form else "—",
        ),
    ]


def _queue_state(child):
    if not child.queue_since:
        return gettext("not on a queue")
    since = f"{child.queue_since:%d.%m.%Y}"
    if child.queue_position:
        return gettext("since %(date)s, position %(position)s") % {
            "date": since,
            "position": child.queue_position,
        }
    return gettext("since %(date)s") % {"date": since}


def graduates_columns(show_district: bool) -> list[Column]:
    return [
        NAME,
        BIRTH_DATE,
        *_district(show_district),
        Column(_("Left care on"), left_care_on),
        Column(
            _("Last form of care"),
            lambda child: form_label(child.last_form) if child.last_form else "—",
        ),
        Column(_("Housing queue"), _queue_state),
    ]


@role_required(*READ_ROLES)
def queue_list(request):
    day = today()
    filterset = QueueFilter(
        request.GET, queryset=housing_queue(request.user, day), user=request.user
    )
    return filtered_list_page(
        request,
        "housing/queue_list.html",
        filterset,
        day,
        QUEUE,
        lambda entry: entry.child_id,
        columns=queue_columns(day),
    )


@role_required(*READ_ROLES)
def without_housing_list(request):
    day = today()
    filterset = WithoutHousingFilter(
        request.GET, queryset=children_without_housing(request.user, day), user=request.user
    )
    return filtered_list_page(
        request,
        "housing/without_housing_list.html",
        filterset,
        day,
        WITHOUT,
        columns=without_housing_columns(day, filterset.shows_district),
    )


@role_required(*READ_ROLES)
def graduates_list(request):
    filterset = GraduatesFilter(
        request.GET, queryset=children_visible_to(request.user), user=request.user
    )
    return filtered_list_page(
        request,
        "housing/graduates_list.html",
        filterset,
        filterset.day,
        GRADUATES,
        columns=graduates_columns(filterset.shows_district),
    )
