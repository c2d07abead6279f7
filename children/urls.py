from django.urls import path

from children.views import card, child, duplicates, institutions, lists, records
from registry.records.views import record_urls

app_name = "children"

urlpatterns = [
    path("children/", lists.child_list, name="list"),
    path("children/new/", child.child_register_view, name="register"),
    path("children/<int:pk>/", child.child_detail, name="detail"),
    path("children/<int:pk>/card/", card.child_card_page, name="card"),
    path("children/<int:pk>/card.pdf", card.child_card_pdf, name="card_pdf"),
    path("children/<int:pk>/edit/", child.child_edit, name="edit"),
    path("children/<int:pk>/transfer/", child.child_transfer_view, name="transfer"),
    path(
        "children/<int:pk>/duplicate/<int:other>/",
        duplicates.duplicate_pair,
        name="duplicate_pair",
    ),
    path(
        "children/<int:pk>/duplicate/<int:other>/different/",
        duplicates.not_duplicate_add_view,
        name="not_duplicate_add",
    ),
    path(
        "children/<int:pk>/duplicate/<int:other>/merge/",
        duplicates.child_merge_view,
        name="child_merge",
    ),
    *record_urls(records.STATUSES, records.PLACEMENTS),
    path("institutions/", institutions.institution_list, name="institution_list"),
    path("institutions/new/", institutions.institution_create_view, name="institution_create"),
    path("institutions/<int:pk>/", institutions.institution_edit, name="institution_edit"),
]
