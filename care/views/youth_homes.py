"""A young person's youth home stays and waiting list entries, from the child's page."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from care.forms import StayCorrectForm, StayEndForm, StayStartForm, WaitingAddForm, WaitingEndForm
from care.models import YouthHomeStay, YouthHomeWaiting
from care.services.youth_homes import (
    waiting_add,
    waiting_end,
    youth_home_leave,
    youth_home_place,
    youth_home_stay_correct,
)
from children.models import Institution, InstitutionKind
from children.views.common import CORRECT_INTRO, child_for_edit, form_page, saved
from registry.access import EDIT_ROLES, role_required
from registry.views.helpers import submit

ANCHOR = "care-youth-home"


def _homes_for(child):
    """Youth homes of the child's region."""
    return Institution.objects.filter(
        kind=InstitutionKind.YOUTH_HOME,
        is_active=True,
        district__region_id=child.district.region_id,
    )


@role_required(*EDIT_ROLES)
def stay_start_view(request, pk):
    child = child_for_edit(request.user, pk)
    done, form, _c = submit(
        request,
        StayStartForm(request.POST or None, homes=_homes_for(child)),
        lambda data: youth_home_place(actor=request.user, child=child, **data),
    )
    if done:
        return saved(request, child, ANCHOR)
    return form_page(
        request,
        child,
        form,
        _("Place in a youth home"),
        intro=_(
            "A place is refused when the home is full; the young person then goes on the "
            "waiting list. A waiting list entry ends when the young person is placed."
        ),
        anchor=ANCHOR,
    )


@role_required(*EDIT_ROLES)
def stay_end_view(request, pk, stay_pk):
    child = child_for_edit(request.user, pk)
    stay = get_object_or_404(YouthHomeStay.objects.filter(child=child), pk=stay_pk)
    done, form, _c = submit(
        request,
        StayEndForm(request.POST or None, record=stay),
        lambda data: youth_home_leave(actor=request.user, stay=stay, **data),
    )
    if done:
        return saved(request, child, ANCHOR)
    return form_page(
        request,
        child,
        form,
        _("Leaving the youth home: %(home)s") % {"home": stay.institution},
        anchor=ANCHOR,
    )


@role_required(*EDIT_ROLES)
def stay_correct_view(request, pk, stay_pk):
    child = child_for_edit(request.user, pk)
    stay = get_object_or_404(YouthHomeStay.objects.filter(child=child), pk=stay_pk)
    homes = Institution.objects.filter(
        kind=InstitutionKind.YOUTH_HOME, district__region_id=child.district.region_id
    )

    def make(current, data=None):
        return StayCorrectForm(data, stay=current, homes=homes)

    done, form, conflict = submit(
        request,
        make(stay, request.POST or None),
        lambda data: youth_home_stay_correct(actor=request.user, stay=stay, **data),
        fresh=make,
    )
    if done:
        return saved(request, child, ANCHOR)
    return form_page(
        request,
        child,
        form,
        _("Correct the youth home stay"),
        conflict,
        CORRECT_INTRO,
        anchor=ANCHOR,
    )


@role_required(*EDIT_ROLES)
def waiting_add_view(request, pk):
    child = child_for_edit(request.user, pk)
    done, form, _c = submit(
        request,
        WaitingAddForm(request.POST or None, homes=_homes_for(child)),
        lambda data: waiting_add(actor=request.user, child=child, **data),
    )
    if done:
        return saved(request, child, ANCHOR)
    return form_page(
        request,
        child,
        form,
        _("Put on the youth home waiting list"),
        intro=_("For graduates under 18 who need a place. The date is the one they ask from."),
        anchor=ANCHOR,
    )


@role_required(*EDIT_ROLES)
def waiting_end_view(request, pk, entry_pk):
    child = child_for_edit(request.user, pk)
    entry = get_object_or_404(YouthHomeWaiting.objects.filter(child=child), pk=entry_pk)
    done, form, _c = submit(
        request,
        WaitingEndForm(request.POST or None, record=entry),
        lambda data: waiting_end(actor=request.user, entry=entry, **data),
    )
    if done:
        return saved(request, child, ANCHOR)
    return form_page(request, child, form, _("Take off the waiting list"), anchor=ANCHOR)
