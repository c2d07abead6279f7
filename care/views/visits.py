"""Monitoring visits and follow-up actions, from the child's page."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from care.forms import (
    ActionCompleteForm,
    ActionCorrectForm,
    ActionForm,
    VisitCorrectForm,
    VisitRecordForm,
)
from care.models import FollowUpAction, MonitoringVisit
from care.services.visits import (
    action_add,
    action_complete,
    action_correct,
    visit_correct,
    visit_record,
)
from children.models import CARER_FORMS
from children.views.common import CORRECT_INTRO, child_for_edit, correct_page, form_page, saved
from registry.access import EDIT_ROLES, role_required
from registry.records.rules import fmt
from registry.views.helpers import submit

ANCHOR = "care-visits"


def _family_placements(child):
    return child.placements.filter(form__in=CARER_FORMS).order_by("-start_date", "-pk")


@role_required(*EDIT_ROLES)
def visit_record_view(request, pk):
    child = child_for_edit(request.user, pk)
    placements = _family_placements(child)
    current = placements.filter(end_date__isnull=True).first() or placements.first()
    form = VisitRecordForm(
        request.POST or None,
        placements=placements,
        initial={
            "placement": current.pk if current else None,
            "visited_by": request.user.get_full_name(),
        },
    )
    done, form, _c = submit(request, form, lambda data: visit_record(actor=request.user, **data))
    if done:
        return saved(request, child, ANCHOR)
    return form_page(
        request,
        child,
        form,
        _("Record a monitoring visit"),
        intro=_(
            "The visit counts for the earliest due visit still open. A visit that finds the "
            "child in danger needs a follow-up action."
        ),
        anchor=ANCHOR,
    )


@role_required(*EDIT_ROLES)
def visit_correct_view(request, pk, visit_pk):
    child = child_for_edit(request.user, pk)
    visit = get_object_or_404(MonitoringVisit.objects.filter(child=child), pk=visit_pk)
    placements = _family_placements(child)
    with_action = not visit.actions.exists()

    def make(current, data=None):
        return VisitCorrectForm(data, visit=current, placements=placements, with_action=with_action)

    done, form, conflict = submit(
        request,
        make(visit, request.POST or None),
        lambda data: visit_correct(actor=request.user, visit=visit, **data),
        fresh=make,
    )
    if done:
        return saved(request, child, ANCHOR)
    return form_page(
        request,
        child,
        form,
        _("Correct the visit"),
        conflict,
        CORRECT_INTRO,
        anchor=ANCHOR,
        record=visit,
    )


@role_required(*EDIT_ROLES)
def action_add_view(request, pk, visit_pk):
    child = child_for_edit(request.user, pk)
    visit = get_object_or_404(MonitoringVisit.objects.filter(child=child), pk=visit_pk)
    done, form, _c = submit(
        request,
        ActionForm(request.POST or None),
        lambda data: action_add(actor=request.user, visit=visit, **data),
    )
    if done:
        return saved(request, child, ANCHOR)
    return form_page(
        request,
        child,
        form,
        _("New follow-up action after the visit of %(date)s") % {"date": fmt(visit.date)},
        anchor=ANCHOR,
    )


def _action_of(child, action_pk):
    return get_object_or_404(
        FollowUpAction.objects.filter(visit__child=child).select_related("visit"), pk=action_pk
    )


@role_required(*EDIT_ROLES)
def action_complete_view(request, pk, action_pk):
    child = child_for_edit(request.user, pk)
    action = _action_of(child, action_pk)
    done, form, _c = submit(
        request,
        ActionCompleteForm(request.POST or None, record=action),
        lambda data: action_complete(actor=request.user, action=action, **data),
    )
    if done:
        return saved(request, child, ANCHOR)
    return form_page(
        request,
        child,
        form,
        _("Action done: %(action)s") % {"action": action.description[:80]},
        anchor=ANCHOR,
    )


@role_required(*EDIT_ROLES)
def action_correct_view(request, pk, action_pk):
    child = child_for_edit(request.user, pk)
    action = _action_of(child, action_pk)
    return correct_page(
        request,
        child,
        action,
        form_class=ActionCorrectForm,
        save=lambda data: action_correct(actor=request.user, action=action, **data),
        title=_("Correct the follow-up action"),
        anchor=ANCHOR,
    )
