from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("children/<int:pk>/documents/new/", views.document_attach_view, name="add"),
    path("children/<int:pk>/documents/<int:document>/", views.document_download, name="download"),
    path(
        "children/<int:pk>/documents/<int:document>/withdraw/",
        views.document_withdraw_view,
        name="withdraw",
    ),
]
