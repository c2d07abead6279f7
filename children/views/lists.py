from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from children.filters import ChildFilter
from children.models import Institution
from children.selectors import attach_institutions, children_visible_to, institutions_visible_to
from children.templatetags.children_tags import age_on, category_label, form_label
from registry.access import READ_ROLES, districts_visible_to, role_required
from registry.audit import children_on, log_list_view, logged_list
from registry.downloads import Column, download, wants_download
from registry.models import District, Role
from registry.templatetags.registry_tags import iin_for
from registry.views.helpers import paginate

# The list shows whole IINs to officers and finds children by IIN or name: every view
# is in the access log.
CHILDREN = logged_list(
    "children",
    _("Children"),
    filterset=ChildFilter,
    references={"district": (District, "pk"), "institution": (Institution, "pk")},
)


def _form_of_care(child) -> str:
    if not child.placement_form:
        return "—"
    if child.placement_institution:
        return f"{form_label(child.placement_form)}: {child.placement_institution}"
    return str(form_label(child.placement_form))


def child_columns(user, day, show_district: bool) -> list[Column]:
    """The list's columns, as its page shows them (its Excel download)."""
    return [
        Column(_("Name"), lambda child: child.full_name),
        Column(_("IIN"), lambda child: iin_for(child.iin, user) or gettext("not known")),
        Column(_("Birth date"), lambda child: child.birth_date),
        Column(_("Age"), lambda child: age_on(child.birth_date, day)),
        *([Column(_("District"), lambda child: str(child.district))] if show_district else []),
        Column(
            _("Category"),
            lambda child: (
                category_label(child.status_category)
                if child.status_category
                else gettext("no status")
            ),
        ),
        Column(_("Form of care"), _form_of_care),
    ]


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
    show_district = user.role != Role.OFFICER
    if wants_download(request):
        columns = child_columns(user, children.day, show_district)
        return download(request, CHILDREN, rows, columns, prepare=attach_institutions)
    page = paginate(request, rows)
    page.object_list = attach_institutions(page.object_list)
    log_list_view(request, CHILDREN, children=children_on(page))
    context = {
        "filter": children,
        "page": page,
        "day": children.day,
        "show_district": show_district,
        "downloadable": True,
    }
    return render(request, "children/child_list.html", context)
