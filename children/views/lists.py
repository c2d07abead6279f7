from django.shortcuts import render

from children.filters import ChildFilter
from children.selectors import attach_institutions, children_visible_to, institutions_visible_to
from registry.access import READ_ROLES, districts_visible_to, role_required
from registry.models import Role
from registry.views.helpers import paginate


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
    context = {
        "filter": children,
        "page": page,
        "day": children.day,
        "show_district": user.role != Role.OFFICER,
    }
    return render(request, "children/child_list.html", context)
