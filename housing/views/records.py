"""A child's housing records from its page: rights, the queue, housing provided."""

from functools import partial

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from children.views.common import child_for_edit, correct_page, form_page, saved
from housing.forms import (
    HousingRightAddForm,
    HousingRightCorrectForm,
    HousingRightEndForm,
    ProvisionCorrectForm,
    ProvisionForm,
    QueueCorrectForm,
    QueueEndForm,
    QueueOpenForm,
    QueuePositionForm,
)
from housing.services.provisions import housing_provide, housing_provision_correct
from housing.services.queue import (
    queue_entry_correct,
    queue_entry_end,
    queue_entry_open,
    queue_entry_set_position,
)
from housing.services.rights import housing_right_add, housing_right_correct, housing_right_end
from registry.access import EDIT_ROLES, role_required
from registry.models import District
from registry.views.helpers import submit

ANCHOR = "housing-heading"
_page = partial(form_page, anchor=ANCHOR)
_saved = partial(saved, anchor=ANCHOR)


# --- housing rights ---------------------------------------------------------------


@role_required(*EDIT_ROLES)
def right_add_view(request, pk):
    child = child_for_edit(request.user, pk)
    done, form, _c = submit(
        request,
        HousingRightAddForm(request.POST or None),
        lambda data: housing_right_add(actor=request.user, child=child, **data),
    )
    if done:
        return _saved(request, child)
    return _page(request, child, form, _("Secured housing"))


@role_required(*EDIT_ROLES)
def right_end_view(request, pk, right_pk):
    child = child_for_edit(request.user, pk)
    right = get_object_or_404(child.housing_rights, pk=right_pk)
    done, form, _c = submit(
        request,
        HousingRightEndForm(request.POST or None, record=right),
        lambda data: housing_right_end(actor=request.user, right=right, **data),
    )
    if done:
        return _saved(request, child)
    return _page(request, child, form, _("End the housing right: %(right)s") % {"right": right})


@role_required(*EDIT_ROLES)
def right_correct_view(request, pk, right_pk):
    child = child_for_edit(request.user, pk)
    right = get_object_or_404(child.housing_rights, pk=right_pk)
    return correct_page(
        request,
        child,
        right,
        form_class=HousingRightCorrectForm,
        save=lambda data: housing_right_correct(actor=request.user, right=right, **data),
        title=_("Correct the housing right"),
        anchor=ANCHOR,
    )


# --- the queue ------------------------------------------------------------------------


@role_required(*EDIT_ROLES)
def queue_open_view(request, pk):
    child = child_for_edit(request.user, pk)
    form = QueueOpenForm(
        request.POST or None,
        districts=_queue_districts(child),
        initial={"district": child.district_id},
    )
    done, form, _c = submit(
        request, form, lambda data: queue_entry_open(actor=request.user, child=child, **data)
    )
    if done:
        return _saved(request, child)
    return _page(
        request,
        child,
        form,
        _("Put on the housing queue"),
        intro=_(
            "The queue of the district akimat for housing from the state fund. The child keeps "
            "the place after coming of age."
        ),
    )


def _queue_districts(child):
    """The queues a child of this district can stand in: its region's districts."""
    return District.objects.filter(region_id=child.district.region_id, is_active=True)


@role_required(*EDIT_ROLES)
def queue_correct_view(request, pk, entry_pk):
    child = child_for_edit(request.user, pk)
    entry = get_object_or_404(child.housing_queue_entries.select_related("district"), pk=entry_pk)
    return correct_page(
        request,
        child,
        entry,
        form_class=QueueCorrectForm,
        save=lambda data: queue_entry_correct(actor=request.user, entry=entry, **data),
        title=_("Correct the queue entry"),
        anchor=ANCHOR,
        districts=_queue_districts(child) | District.objects.filter(pk=entry.district_id),
    )


@role_required(*EDIT_ROLES)
def queue_position_view(request, pk, entry_pk):
    child = child_for_edit(request.user, pk)
    entry = get_object_or_404(child.housing_queue_entries.select_related("district"), pk=entry_pk)

    def form_for(record, data=None):
        initial = {"position": record.position, "position_on": record.position_on}
        return QueuePositionForm(data, record=record, initial=initial)

    done, form, conflict = submit(
        request,
        form_for(entry, request.POST or None),
        lambda data: queue_entry_set_position(actor=request.user, entry=entry, **data),
        fresh=form_for,
    )
    if done:
        return _saved(request, child)
    return _page(
        request, child, form, _("Position in the queue: %(entry)s") % {"entry": entry}, conflict
    )


@role_required(*EDIT_ROLES)
def queue_end_view(request, pk, entry_pk):
    child = child_for_edit(request.user, pk)
    entry = get_object_or_404(child.housing_queue_entries.select_related("district"), pk=entry_pk)
    done, form, _c = submit(
        request,
        QueueEndForm(request.POST or None, record=entry),
        lambda data: queue_entry_end(actor=request.user, entry=entry, **data),
    )
    if done:
        return _saved(request, child)
    return _page(
        request,
        child,
        form,
        _("Take off the queue: %(entry)s") % {"entry": entry},
        intro=_(
            "A removal needs its explanation: wrongful removals are what inspections look "
            "for. When housing was provided, record the housing provided instead."
        ),
    )


# --- housing provided -------------------------------------------------------------------


@role_required(*EDIT_ROLES)
def provide_view(request, pk):
    child = child_for_edit(request.user, pk)
    entries = child.housing_queue_entries.filter(end_date__isnull=True).select_related("district")
    done, form, _c = submit(
        request,
        ProvisionForm(request.POST or None, queue_entries=entries),
        lambda data: housing_provide(actor=request.user, child=child, **data),
    )
    if done:
        return _saved(request, child)
    return _page(
        request,
        child,
        form,
        _("Housing provided"),
        intro=_(
            "Housing provided from a queue entry ends that entry on the same date. Without a "
            "queue entry, state why this is an exception."
        ),
    )


@role_required(*EDIT_ROLES)
def provision_correct_view(request, pk, provision_pk):
    child = child_for_edit(request.user, pk)
    provision = get_object_or_404(
        child.housing_provisions.select_related("queue_entry"), pk=provision_pk
    )
    return correct_page(
        request,
        child,
        provision,
        form_class=ProvisionCorrectForm,
        save=lambda data: housing_provision_correct(
            actor=request.user, provision=provision, **data
        ),
        title=_("Correct the housing provided"),
        anchor=ANCHOR,
    )
