from django.urls import path

from care.views import pages, records
from registry.records.views import record_urls

app_name = "care"

urlpatterns = [
    path("follow-up/", pages.work_list_view, name="work_list"),
    path("follow-up/schedule/", pages.rule_list, name="rule_list"),
    path("follow-up/schedule/<int:pk>/", pages.rule_edit, name="rule_edit"),
    path("youth-homes/", pages.youth_homes_view, name="youth_homes"),
    path("youth-homes/waiting/", pages.waiting_list_view, name="waiting_list"),
    *record_urls(
        records.VISITS,
        records.ACTIONS,
        records.PLANS,
        records.GRADUATE,
        records.STAYS,
        records.WAITING,
    ),
    path("children/<int:pk>/graduate/new/", records.graduate_open_view, name="graduate_add"),
]
