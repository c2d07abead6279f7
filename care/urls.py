from django.urls import path

from care.views import pages, records
from registry.records.views import record_urls

urlpatterns = [
    path("follow-up/", pages.work_list_view, name="care_work_list"),
    path("follow-up/schedule/", pages.rule_list, name="care_rule_list"),
    path("follow-up/schedule/<int:pk>/", pages.rule_edit, name="care_rule_edit"),
    path("youth-homes/", pages.youth_homes_view, name="care_youth_homes"),
    path("youth-homes/waiting/", pages.waiting_list_view, name="care_waiting_list"),
    *record_urls(
        records.VISITS,
        records.ACTIONS,
        records.PLANS,
        records.GRADUATE,
        records.STAYS,
        records.WAITING,
    ),
    path("children/<int:pk>/graduate/new/", records.graduate_open_view, name="care_graduate_open"),
]
