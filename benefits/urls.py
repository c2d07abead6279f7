from django.urls import path

from benefits.views import lists, records
from registry.records.views import record_urls

app_name = "benefits"

urlpatterns = [
    path("benefits/", lists.missing_allowance_list, name="missing_allowance"),
    path("benefits/alimony/", lists.alimony_balance_list, name="alimony_balance"),
    path("benefits/alimony/unpaid/", lists.alimony_unpaid_list, name="alimony_unpaid"),
    *record_urls(records.ALLOWANCES, records.ALIMONY_ORDERS),
]
