"""A child's statuses and placements: open or start, end, correct."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from children.forms import (
    PlacementCorrectForm,
    PlacementEndForm,
    PlacementStartForm,
    StatusCorrectForm,
    StatusEndForm,
    StatusOpenForm,
)
from children.models import Institution
from children.services.placements import placement_correct, placement_end, placement_start
from children.services.statuses import status_correct, status_end, status_open
from children.views.common import CORRECT_INTRO, child_for_edit, form_page, saved
from registry.access import EDIT_ROLES, role_required
from registry.views.helpers import submit

CARER_FIELDS = ("carer_name", "carer_iin", "carer_address", "carer_phone")


def _institutions_for(child):
    """Institutions a child of this district can be placed in: those of its region."""
    return Institution.objects.filter(is_active=True, district__region_id=child.district.region_id)


@role_required(*EDIT_ROLES)
def status_open_view(request, pk):
    child = child_for_edit(request.user, pk)
    done, form, _c = submit(
        request,
        StatusOpenForm(request.POST or None),
        lambda data: status_open(actor=request.user, child=child, **data),
    )
    if done:
        return saved(request, child)
    return form_page(request, child, form, _("New status"))


@role_required(*EDIT_ROLES)
def status_end_view(request, pk, status_pk):
    child = child_for_edit(request.user, pk)
    status = get_object_or_404(child.statuses, pk=status_pk)
    done, form, _c = submit(
        request,
        StatusEndForm(request.POST or None, record=status),
        lambda data: status_end(actor=request.user, status=status, **data),
    )
    if done:
        return saved(request, child)
    return form_page(request, child, form, _("End the status: %(status)s") % {"status": status})


@role_required(*EDIT_ROLES)
def status_correct_view(request, pk, status_pk):
    child = child_for_edit(request.user, pk)
    status = get_object_or_404(child.statuses, pk=status_pk)

    def initial(record):
        return {
            f: getattr(record, f)
            for f in ("category", "reason", "start_date", "end_date", "end_reason", "document")
        }

    done, form, conflict = submit(
        request,
        StatusCorrectForm(request.POST or None, record=status, initial=initial(status)),
        lambda data: status_correct(actor=request.user, status=status, **data),
        fresh=lambda current: StatusCorrectForm(record=current, initial=initial(current)),
    )
    if done:
        return saved(request, child)
    return form_page(
        request,
        child,
        form,
        _("Correct the status"),
        conflict,
        CORRECT_INTRO,
        record=status,
    )


@role_required(*EDIT_ROLES)
def placement_start_view(request, pk):
    child = child_for_edit(request.user, pk)
    form = PlacementStartForm(request.POST or None, institutions=_institutions_for(child))
    done, form, _c = submit(
        request, form, lambda data: placement_start(actor=request.user, child=child, **data)
    )
    if done:
        return saved(request, child)
    return form_page(
        request,
        child,
        form,
        _("New placement"),
        intro=_(
            "The placement the child is in now ends on the start date of the new one. An adoption "
            "also ends the child's status."
        ),
    )


@role_required(*EDIT_ROLES)
def placement_end_view(request, pk, placement_pk):
    child = child_for_edit(request.user, pk)
    placement = get_object_or_404(child.placements, pk=placement_pk)
    done, form, _c = submit(
        request,
        PlacementEndForm(request.POST or None, record=placement),
        lambda data: placement_end(actor=request.user, placement=placement, **data),
    )
    if done:
        return saved(request, child)
    return form_page(
        request, child, form, _("End the placement: %(placement)s") % {"placement": placement}
    )


@role_required(*EDIT_ROLES)
def placement_correct_view(request, pk, placement_pk):
    child = child_for_edit(request.user, pk)
    placement = get_object_or_404(child.placements.select_related("institution"), pk=placement_pk)
    institutions = _institutions_for(child)
    done, form, conflict = submit(
        request,
        PlacementCorrectForm(request.POST or None, placement=placement, institutions=institutions),
        lambda data: placement_correct(actor=request.user, placement=placement, **data),
        fresh=lambda current: PlacementCorrectForm(placement=current, institutions=institutions),
    )
    if done:
        return saved(request, child)
    return form_page(
        request,
        child,
        form,
        _("Correct the placement"),
        conflict,
        CORRECT_INTRO,
        record=placement,
    )
