"""/api/v1/: the exchange API (token only, never a session), its OpenAPI description
and its documentation page; any other address under /api/ is a problem 404."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from api.views import docs, endpoints, records
from api.views.unknown import UnknownAddress

app_name = "api"


def open_view(view_class, **initkwargs):
    """An API view: answered by its own authentication (a token), not the pages'
    sign-in (LoginRequiredMiddleware would send the caller to the login page)."""
    return login_not_required(view_class.as_view(**initkwargs))


urlpatterns = [
    path("v1/me", open_view(endpoints.Me), name="me"),
    path("v1/districts", open_view(endpoints.DistrictList), name="districts"),
    path("v1/institutions", open_view(endpoints.InstitutionList), name="institutions"),
    path("v1/indicators", open_view(endpoints.Indicators), name="indicators"),
    path("v1/children", open_view(records.ChildList), name="children"),
    path("v1/children/<int:pk>", open_view(records.ChildDetail), name="child"),
    path("v1/changes", open_view(records.Changes), name="changes"),
    path("v1/records", open_view(records.RecordsWrite), name="records"),
    *(
        path(f"v1/records/{sheet}", open_view(view), name=f"records_{sheet.lower()}")
        for sheet, view in records.SHEET_VIEWS.items()
    ),
    path("v1/schema", open_view(SpectacularAPIView), name="schema"),
    path("v1/docs", open_view(docs.DocsPage), name="docs"),
    re_path(r"^.*$", open_view(UnknownAddress), name="unknown"),
]
