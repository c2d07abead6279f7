from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from children.filters import ChildFilter
from children.models import Institution
from children.selectors import attach_institutions, children_visible_to, institutions_visible_to
from registry.access import READ_ROLES, districts_visible_to, role_required
from registry.audit import children_on, log_list_view, logged_list
from registry.models import District, Role
from registry.views.helpers import paginate

# The list shows whole IINs to officers and finds children by IIN or name: every view
# is in the access log.
CHILDREN = logged_list(
    "children",
    _("Children"),
    filterset=ChildFilter,
    references={"district": (District, "pk"), "institution": (Institution, "pk")},
)


@role_required(*READ_ROLES)
def child_list(request):
    user = request.user
    children = ChildFilter(
        request.GET,
        queryset=children_visible_to(user).select_related("district"),
        districts=districts_visible_to(user),
        institutions=institutions_visible_to(user).filter(is_active=True),
        show_district=user.role != Role.OFFICER,
    )
    rows = children.qs
    if rows.query.order_by:  # a chosen sort, made stable for paging
        rows = rows.order_by(*rows.query.order_by, "pk")
    page = paginate(request, rows)
    page.object_list = attach_institutions(page.object_list)
    log_list_view(request, CHILDREN, children=children_on(page))
    context = {
        "filter": children,
        "page": page,
        "day": children.day,
        "show_district": user.role != Role.OFFICER,
    }
    return render(request, "children/child_list.html", context)
