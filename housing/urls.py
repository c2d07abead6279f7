from django.urls import path

from housing.views import lists, records
from registry.records.views import record_urls

app_name = "housing"

urlpatterns = [
    path("housing/", lists.queue_list, name="queue"),
    path("housing/without-housing/", lists.without_housing_list, name="without"),
    path("housing/graduates/", lists.graduates_list, name="graduates"),
    *record_urls(records.RIGHTS, records.QUEUE, records.PROVISIONS),
]
