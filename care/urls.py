from django.urls import path

from care.views import pages, plans, visits, youth_homes

child = "children/<int:pk>/"

urlpatterns = [
    path("follow-up/", pages.work_list_view, name="care_work_list"),
    path("follow-up/schedule/", pages.rule_list, name="care_rule_list"),
    path("follow-up/schedule/<int:pk>/", pages.rule_edit, name="care_rule_edit"),
    path("youth-homes/", pages.youth_homes_view, name="care_youth_homes"),
    path("youth-homes/waiting/", pages.waiting_list_view, name="care_waiting_list"),
    path(f"{child}visits/new/", visits.visit_record_view, name="care_visit_record"),
    path(
        f"{child}visits/<int:visit_pk>/edit/", visits.visit_correct_view, name="care_visit_correct"
    ),
    path(
        f"{child}visits/<int:visit_pk>/actions/new/",
        visits.action_add_view,
        name="care_action_add",
    ),
    path(
        f"{child}actions/<int:action_pk>/done/",
        visits.action_complete_view,
        name="care_action_complete",
    ),
    path(
        f"{child}actions/<int:action_pk>/edit/",
        visits.action_correct_view,
        name="care_action_correct",
    ),
    path(f"{child}life-plans/new/", plans.plan_start_view, name="care_plan_start"),
    path(
        f"{child}life-plans/<int:plan_pk>/edit/", plans.plan_correct_view, name="care_plan_correct"
    ),
    path(f"{child}life-plans/<int:plan_pk>/end/", plans.plan_end_view, name="care_plan_end"),
    path(
        f"{child}life-plans/<int:plan_pk>/review/",
        plans.plan_review_view,
        name="care_plan_review",
    ),
    path(f"{child}graduate/new/", plans.graduate_open_view, name="care_graduate_open"),
    path(f"{child}graduate/", plans.graduate_edit_view, name="care_graduate_edit"),
    path(f"{child}graduate/notes/new/", plans.graduate_note_view, name="care_graduate_note"),
    path(f"{child}youth-home/new/", youth_homes.stay_start_view, name="care_stay_start"),
    path(
        f"{child}youth-home/<int:stay_pk>/end/",
        youth_homes.stay_end_view,
        name="care_stay_end",
    ),
    path(
        f"{child}youth-home/<int:stay_pk>/edit/",
        youth_homes.stay_correct_view,
        name="care_stay_correct",
    ),
    path(f"{child}youth-home/waiting/new/", youth_homes.waiting_add_view, name="care_waiting_add"),
    path(
        f"{child}youth-home/waiting/<int:entry_pk>/end/",
        youth_homes.waiting_end_view,
        name="care_waiting_end",
    ),
]
