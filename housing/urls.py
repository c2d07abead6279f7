from django.urls import path

from housing.views import lists, records
from registry.records.views import record_urls

urlpatterns = [
    path("housing/", lists.queue_list, name="housing_queue"),
    path("housing/without-housing/", lists.without_housing_list, name="housing_without"),
    path("housing/graduates/", lists.graduates_list, name="housing_graduates"),
    *record_urls(records.RIGHTS, records.QUEUE, records.PROVISIONS),
]
