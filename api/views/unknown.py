"""Answers of /api/ that are no endpoint: an unknown address (a problem 404)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView


@extend_schema(exclude=True)
class UnknownAddress(APIView):
    """Any address under /api/ that names no endpoint: 404 as problem details, whoever
    calls and with whatever method (not the pages' HTML 404)."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound
