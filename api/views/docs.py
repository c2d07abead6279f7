"""The readable page of the OpenAPI description: Swagger UI, from the files of
drf-spectacular-sidecar that the application serves itself (nothing from the
internet), its start-up script a file of its own (the CSP allows no inline script).

Public, like the description itself: it holds no data, only how to call, and the
developers of the other systems read it without an account of the register."""

from __future__ import annotations

from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny


class DocsPage(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
