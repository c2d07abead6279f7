from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from children.forms import InstitutionForm
from children.selectors import institutions_managed_by, institutions_visible_to
from children.services.institutions import FIELDS, institution_create, institution_update
from registry.access import MANAGE_ROLES, READ_ROLES, role_required
from registry.audit import logged_list
from registry.downloads import Column, download, wants_download
from registry.models import Role
from registry.ordering import by_name
from registry.selectors import districts_managed_by
from registry.views.helpers import submit

# The institutions name no child; their downloads are logged like every list's.
INSTITUTIONS = logged_list("institutions", gettext_lazy("Institutions"))


def institution_columns() -> list[Column]:
    """The institutions' table, as the page shows it."""
    return [
        Column(gettext_lazy("Code"), lambda institution: institution.code),
        Column(pgettext_lazy("institution", "Name"), str),
        Column(gettext_lazy("District"), lambda institution: str(institution.district)),
        Column(gettext_lazy("Kind"), lambda institution: institution.get_kind_display()),
        Column(gettext_lazy("Sector"), lambda institution: institution.get_sector_display()),
        Column(gettext_lazy("Places"), lambda institution: institution.capacity or "—"),
    ]


def _no_child(institution) -> None:
    return None


@role_required(*READ_ROLES)
def institution_list(request):
    institutions = (
        institutions_visible_to(request.user)
        .select_related("district")
        .order_by("district__code", by_name("name"), "pk")
    )
    if wants_download(request):
        return download(
            request, INSTITUTIONS, institutions, institution_columns(), child_id=_no_child
        )
    context = {
        "institutions": institutions,
        "may_manage": request.user.role == Role.ADMIN,
        "downloadable": True,
    }
    return render(request, "children/institution_list.html", context)


def _save_view(request, institution=None):
    districts = districts_managed_by(request.user)

    def save(data):
        values = {field: data[field] for field in FIELDS}
        if institution is None:
            return institution_create(actor=request.user, **values)
        return institution_update(
            actor=request.user,
            institution=institution,
            version=data["version"],
            is_active=data["is_active"],
            **values,
        )

    done, form, conflict = submit(
        request,
        InstitutionForm(request.POST or None, instance=institution, districts=districts),
        save,
        fresh=lambda current: InstitutionForm(instance=current, districts=districts),
    )
    if done:
        messages.success(request, _("Institution “%s” saved.") % done)
        return redirect("children:institution_list")
    context = {"form": form, "institution": institution, "conflict": conflict}
    return render(request, "children/institution_form.html", context)


@role_required(*MANAGE_ROLES)
def institution_create_view(request):
    return _save_view(request)


@role_required(*MANAGE_ROLES)
def institution_edit(request, pk):
    return _save_view(request, get_object_or_404(institutions_managed_by(request.user), pk=pk))
