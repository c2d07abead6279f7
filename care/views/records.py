"""A child's follow-up records, declared once: monitoring visits and their follow-up
actions, life plans, the graduate record, youth home stays and the waiting list."""

import copy

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from care.forms import (
    ActionCompleteForm,
    ActionCorrectForm,
    ActionForm,
    GraduateEditForm,
    GraduateNoteForm,
    GraduateOpenForm,
    LifePlanCorrectForm,
    LifePlanEndForm,
    LifePlanReviewForm,
    LifePlanStartForm,
    StayCorrectForm,
    StayEndForm,
    StayStartForm,
    VisitCorrectForm,
    VisitRecordForm,
    WaitingAddForm,
    WaitingEndForm,
)
from care.models import (
    FollowUpAction,
    GraduateRecord,
    LifePlan,
    MonitoringVisit,
    YouthHomeStay,
    YouthHomeWaiting,
)
from care.services.graduates import (
    graduate_add,
    graduate_correct,
    graduate_note_add,
    institution_left_on,
)
from care.services.plans import life_plan_add, life_plan_correct, life_plan_end, life_plan_review
from care.services.visits import (
    action_add,
    action_complete,
    action_correct,
    visit_add,
    visit_correct,
)
from care.services.youth_homes import (
    waiting_add,
    waiting_end,
    youth_home_stay_add,
    youth_home_stay_correct,
    youth_home_stay_end,
)
from children.models import CARER_FORMS, Institution, InstitutionKind
from registry.access import EDIT_ROLES, role_required
from registry.ordering import by_name
from registry.records.rules import fmt
from registry.records.views import (
    CORRECT_INTRO,
    Action,
    RecordViews,
    form_page,
    owner_for_edit,
    saved,
)
from registry.views.helpers import submit

VISITS_ANCHOR = "care-visits"
PLANS_ANCHOR = "care-plans"
GRADUATE_ANCHOR = "care-graduate"
YOUTH_HOME_ANCHOR = "care-youth-home"


# --- monitoring visits and their follow-up actions ---------------------------------------


def _family_placements(child):
    return child.placements.filter(form__in=CARER_FORMS).order_by("-start_date", "-pk")


def _visit_record_options(request, child, visit):
    placements = _family_placements(child)
    current = placements.filter(end_date__isnull=True).first() or placements.first()
    return {
        "placements": placements,
        "initial": {
            "placement": current.pk if current else None,
            "visited_by": request.user.get_full_name(),
        },
    }


VISITS = RecordViews(
    model=MonitoringVisit,
    prefix="visits",
    record="visit",
    anchor=VISITS_ANCHOR,
    related=("placement",),
    actions=(
        Action(
            "new/",
            "visit_add",
            VisitRecordForm,
            visit_add,
            gettext_lazy("Record a monitoring visit"),
            gettext_lazy(
                "The visit counts for the earliest due visit still open. A visit that finds "
                "the child in danger needs a follow-up action."
            ),
            on_record=False,
            options=_visit_record_options,
            takes=None,  # the visit's placement, named in the form, says whose it is
        ),
        Action(
            "edit/",
            "visit_correct",
            VisitCorrectForm,
            visit_correct,
            gettext_lazy("Correct the visit"),
            CORRECT_INTRO,
            fills=True,
            options=lambda request, child, visit: {
                "placements": _family_placements(child),
                "with_action": not visit.actions.exists(),
            },
        ),
        Action(
            "actions/new/",
            "action_add",
            ActionForm,
            action_add,
            lambda visit: (
                _("New follow-up action after the visit of %(date)s") % {"date": fmt(visit.date)}
            ),
        ),
    ),
)

ACTIONS = RecordViews(
    model=FollowUpAction,
    prefix="actions",
    record="action",
    anchor=VISITS_ANCHOR,
    owner_path="visit__child",
    related=("visit",),
    actions=(
        Action(
            "done/",
            "action_complete",
            ActionCompleteForm,
            action_complete,
            lambda action: _("Action done: %(action)s") % {"action": action.description[:80]},
        ),
        Action(
            "edit/",
            "action_correct",
            ActionCorrectForm,
            action_correct,
            gettext_lazy("Correct the follow-up action"),
            CORRECT_INTRO,
            fills=True,
        ),
    ),
)


# --- life plans and the graduate record ---------------------------------------------------

PLANS = RecordViews(
    model=LifePlan,
    prefix="life-plans",
    record="plan",
    anchor=PLANS_ANCHOR,
    actions=(
        Action(
            "new/",
            "plan_add",
            LifePlanStartForm,
            life_plan_add,
            gettext_lazy("New life plan"),
            gettext_lazy(
                "The pupil's individual plan: education and career, skills for independent "
                "life, who is responsible, and when it is reviewed."
            ),
            on_record=False,
        ),
        Action(
            "edit/",
            "plan_correct",
            LifePlanCorrectForm,
            life_plan_correct,
            gettext_lazy("Update the life plan"),
            gettext_lazy("The audit trail keeps what the plan said before."),
            fills=True,
        ),
        Action(
            "end/",
            "plan_end",
            LifePlanEndForm,
            life_plan_end,
            gettext_lazy("End the life plan"),
        ),
        Action(
            "review/",
            "plan_review",
            LifePlanReviewForm,
            life_plan_review,
            gettext_lazy("Review the life plan"),
        ),
    ),
)

GRADUATE = RecordViews(
    model=GraduateRecord,
    prefix="graduate",
    record="record",
    anchor=GRADUATE_ANCHOR,
    single=True,
    actions=(
        Action(
            "",
            "graduate_correct",
            GraduateEditForm,
            graduate_correct,
            gettext_lazy("Graduate record"),
            fills=True,
        ),
        Action(
            "notes/new/",
            "graduate_note_add",
            GraduateNoteForm,
            graduate_note_add,
            gettext_lazy("Follow-up note"),
        ),
    ),
)


@role_required(*EDIT_ROLES)
def graduate_open_view(request, pk):
    """A young person has one graduate record: opening it again shows the one there is."""
    child = owner_for_edit(request.user, pk)
    if GraduateRecord.objects.filter(child=child).exists():
        return redirect("care:graduate_correct", pk=child.pk)
    done, form, _c = submit(
        request,
        GraduateOpenForm(
            request.POST or None, initial={"left_care_on": institution_left_on(child)}
        ),
        lambda data: graduate_add(actor=request.user, child=child, **data),
        trial=lambda data: graduate_add(actor=request.user, child=copy.copy(child), **data),
    )
    if done:
        return saved(request, child, GRADUATE_ANCHOR)
    return form_page(
        request,
        child,
        form,
        _("Open a graduate record"),
        intro=_(
            "A young person who left an institution is followed up until the 23rd birthday. "
            "The housing queue entry stays as it is: see the housing section."
        ),
        anchor=GRADUATE_ANCHOR,
    )


# --- youth homes ---------------------------------------------------------------------------


def _homes(child, *, open_only=True):
    """Youth homes of the child's region (a correction may name one closed since)."""
    homes = Institution.objects.filter(
        kind=InstitutionKind.YOUTH_HOME, district__region_id=child.district.region_id
    )
    homes = homes.order_by(by_name("name"), "pk")
    return homes.filter(is_active=True) if open_only else homes


STAYS = RecordViews(
    model=YouthHomeStay,
    prefix="youth-home",
    record="stay",
    anchor=YOUTH_HOME_ANCHOR,
    actions=(
        Action(
            "new/",
            "stay_add",
            StayStartForm,
            youth_home_stay_add,
            gettext_lazy("Place in a youth home"),
            gettext_lazy(
                "A place is refused when the home is full; the young person then goes on the "
                "waiting list. A waiting list entry ends when the young person is placed."
            ),
            on_record=False,
            options=lambda request, child, stay: {"homes": _homes(child)},
        ),
        Action(
            "end/",
            "stay_end",
            StayEndForm,
            youth_home_stay_end,
            lambda stay: _("Leaving the youth home: %(home)s") % {"home": stay.institution},
        ),
        Action(
            "edit/",
            "stay_correct",
            StayCorrectForm,
            youth_home_stay_correct,
            gettext_lazy("Correct the youth home stay"),
            CORRECT_INTRO,
            fills=True,
            options=lambda request, child, stay: {"homes": _homes(child, open_only=False)},
        ),
    ),
)

WAITING = RecordViews(
    model=YouthHomeWaiting,
    prefix="youth-home/waiting",
    record="entry",
    anchor=YOUTH_HOME_ANCHOR,
    actions=(
        Action(
            "new/",
            "waiting_add",
            WaitingAddForm,
            waiting_add,
            gettext_lazy("Put on the youth home waiting list"),
            gettext_lazy(
                "For graduates under 18 who need a place. The date is the one they ask from."
            ),
            on_record=False,
            options=lambda request, child, entry: {"homes": _homes(child)},
        ),
        Action(
            "end/",
            "waiting_end",
            WaitingEndForm,
            waiting_end,
            gettext_lazy("Take off the waiting list"),
        ),
    ),
)
