from django.urls import path

from children.views import child, institutions, lists, records

urlpatterns = [
    path("children/", lists.child_list, name="child_list"),
    path("children/new/", child.child_register_view, name="child_register"),
    path("children/<int:pk>/", child.child_detail, name="child_detail"),
    path("children/<int:pk>/edit/", child.child_edit, name="child_edit"),
    path("children/<int:pk>/transfer/", child.child_transfer_view, name="child_transfer"),
    path("children/<int:pk>/statuses/new/", records.status_open_view, name="status_open"),
    path(
        "children/<int:pk>/statuses/<int:status_pk>/end/",
        records.status_end_view,
        name="status_end",
    ),
    path(
        "children/<int:pk>/statuses/<int:status_pk>/edit/",
        records.status_correct_view,
        name="status_correct",
    ),
    path("children/<int:pk>/placements/new/", records.placement_start_view, name="placement_start"),
    path(
        "children/<int:pk>/placements/<int:placement_pk>/end/",
        records.placement_end_view,
        name="placement_end",
    ),
    path(
        "children/<int:pk>/placements/<int:placement_pk>/edit/",
        records.placement_correct_view,
        name="placement_correct",
    ),
    path("institutions/", institutions.institution_list, name="institution_list"),
    path("institutions/new/", institutions.institution_create_view, name="institution_create"),
    path("institutions/<int:pk>/", institutions.institution_edit, name="institution_edit"),
]
