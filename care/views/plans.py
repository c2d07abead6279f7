"""Life plans and graduate records, from the child's page."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from care.forms import (
    GraduateEditForm,
    GraduateNoteForm,
    GraduateOpenForm,
    LifePlanCorrectForm,
    LifePlanEndForm,
    LifePlanReviewForm,
    LifePlanStartForm,
)
from care.models import GraduateRecord, LifePlan
from care.services.graduates import (
    graduate_note_add,
    graduate_open,
    graduate_update,
    institution_left_on,
)
from care.services.plans import (
    life_plan_correct,
    life_plan_end,
    life_plan_review,
    life_plan_start,
)
from children.views.common import child_for_edit, form_page, saved
from registry.access import EDIT_ROLES, role_required
from registry.views.helpers import submit

PLANS = "care-plans"
GRADUATE = "care-graduate"


@role_required(*EDIT_ROLES)
def plan_start_view(request, pk):
    child = child_for_edit(request.user, pk)
    done, form, _c = submit(
        request,
        LifePlanStartForm(request.POST or None),
        lambda data: life_plan_start(actor=request.user, child=child, **data),
    )
    if done:
        return saved(request, child, PLANS)
    return form_page(
        request,
        child,
        form,
        _("New life plan"),
        intro=_(
            "The pupil's individual plan: education and career, skills for independent "
            "life, who is responsible, and when it is reviewed."
        ),
        anchor=PLANS,
    )


def _plan_of(child, plan_pk):
    return get_object_or_404(LifePlan.objects.filter(child=child), pk=plan_pk)


@role_required(*EDIT_ROLES)
def plan_correct_view(request, pk, plan_pk):
    child = child_for_edit(request.user, pk)
    plan = _plan_of(child, plan_pk)

    def make(current, data=None):
        return LifePlanCorrectForm(data, plan=current)

    done, form, conflict = submit(
        request,
        make(plan, request.POST or None),
        lambda data: life_plan_correct(actor=request.user, plan=plan, **data),
        fresh=make,
    )
    if done:
        return saved(request, child, PLANS)
    return form_page(
        request,
        child,
        form,
        _("Update the life plan"),
        conflict,
        _("The audit trail keeps what the plan said before."),
        anchor=PLANS,
    )


@role_required(*EDIT_ROLES)
def plan_end_view(request, pk, plan_pk):
    child = child_for_edit(request.user, pk)
    plan = _plan_of(child, plan_pk)
    done, form, _c = submit(
        request,
        LifePlanEndForm(request.POST or None, record=plan),
        lambda data: life_plan_end(actor=request.user, plan=plan, **data),
    )
    if done:
        return saved(request, child, PLANS)
    return form_page(request, child, form, _("End the life plan"), anchor=PLANS)


@role_required(*EDIT_ROLES)
def plan_review_view(request, pk, plan_pk):
    child = child_for_edit(request.user, pk)
    plan = _plan_of(child, plan_pk)
    done, form, _c = submit(
        request,
        LifePlanReviewForm(request.POST or None, record=plan),
        lambda data: life_plan_review(actor=request.user, plan=plan, **data),
    )
    if done:
        return saved(request, child, PLANS)
    return form_page(request, child, form, _("Review the life plan"), anchor=PLANS)


@role_required(*EDIT_ROLES)
def graduate_open_view(request, pk):
    child = child_for_edit(request.user, pk)
    if GraduateRecord.objects.filter(child=child).exists():
        return redirect("care_graduate_edit", pk=child.pk)
    done, form, _c = submit(
        request,
        GraduateOpenForm(
            request.POST or None, initial={"left_care_on": institution_left_on(child)}
        ),
        lambda data: graduate_open(actor=request.user, child=child, **data),
    )
    if done:
        return saved(request, child, GRADUATE)
    return form_page(
        request,
        child,
        form,
        _("Open a graduate record"),
        intro=_(
            "A young person who left an institution is followed up until the 23rd birthday. "
            "The housing queue entry stays as it is: see the housing section."
        ),
        anchor=GRADUATE,
    )


def _record_of(child):
    return get_object_or_404(GraduateRecord.objects.filter(child=child))


@role_required(*EDIT_ROLES)
def graduate_edit_view(request, pk):
    child = child_for_edit(request.user, pk)
    record = _record_of(child)

    def make(current, data=None):
        return GraduateEditForm(data, record=current)

    done, form, conflict = submit(
        request,
        make(record, request.POST or None),
        lambda data: graduate_update(actor=request.user, record=record, **data),
        fresh=make,
    )
    if done:
        return saved(request, child, GRADUATE)
    return form_page(request, child, form, _("Graduate record"), conflict, anchor=GRADUATE)


@role_required(*EDIT_ROLES)
def graduate_note_view(request, pk):
    child = child_for_edit(request.user, pk)
    record = _record_of(child)
    done, form, _c = submit(
        request,
        GraduateNoteForm(request.POST or None),
        lambda data: graduate_note_add(actor=request.user, record=record, **data),
    )
    if done:
        return saved(request, child, GRADUATE)
    return form_page(request, child, form, _("Follow-up note"), anchor=GRADUATE)
