from django.urls import path

from housing.views import lists, records

CHILD = "children/<int:pk>/housing/"

urlpatterns = [
    path("housing/", lists.queue_list, name="housing_queue"),
    path("housing/without-housing/", lists.without_housing_list, name="housing_without"),
    path("housing/graduates/", lists.graduates_list, name="housing_graduates"),
    path(f"{CHILD}rights/new/", records.right_add_view, name="housing_right_add"),
    path(f"{CHILD}rights/<int:right_pk>/end/", records.right_end_view, name="housing_right_end"),
    path(
        f"{CHILD}rights/<int:right_pk>/edit/",
        records.right_correct_view,
        name="housing_right_correct",
    ),
    path(f"{CHILD}queue/new/", records.queue_open_view, name="housing_queue_open"),
    path(
        f"{CHILD}queue/<int:entry_pk>/position/",
        records.queue_position_view,
        name="housing_queue_position",
    ),
    path(f"{CHILD}queue/<int:entry_pk>/end/", records.queue_end_view, name="housing_queue_end"),
    path(
        f"{CHILD}queue/<int:entry_pk>/edit/",
        records.queue_correct_view,
        name="housing_queue_correct",
    ),
    path(f"{CHILD}provided/new/", records.provide_view, name="housing_provide"),
    path(
        f"{CHILD}provided/<int:provision_pk>/edit/",
        records.provision_correct_view,
        name="housing_provision_correct",
    ),
]
