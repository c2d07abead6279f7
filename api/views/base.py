"""The base of every endpoint: a token's service account, its area, throttling,
problem details, pages by cursor, and one access-log line per call.

An endpoint is a subclass of `ApiView` with a `name` and a `get` (or `post`) that
reads through the selectors the pages use (`request.user` is the token's account,
with its role and area) and answers `self.page(...)` or `self.answer(...)`:

    class DistrictList(ApiView):
        name = "districts"

        def get(self, request):
            return self.page_of_queryset(districts_visible_to(request.user), key="code",
                                         row=district_row)
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.views import APIView

from api import pagination
from api.problems import InvalidInput
from registry.audit import log_access
from registry.models import AccessLog
from registry.services.base import CONTROL_CHARACTERS, without_control_characters

# A value that is, or holds, an IIN (12 digits) is never written to the access log.
IIN_LIKE = re.compile(r"\d{12}")
MAX_LOGGED = 20  # query parameters kept of one call
MAX_VALUE = 100


def logged_parameters(query) -> dict:
    """The call's query parameters for the access log, without any IIN."""
    kept = {}
    for key, value in list(query.items())[:MAX_LOGGED]:
        key, value = without_control_characters(key), without_control_characters(value)
        if "iin" in key.lower() or IIN_LIKE.search(value):
            value = "…"
        elif key == "cursor":
            value = value[:MAX_VALUE]
        kept[key[:MAX_VALUE]] = value[:MAX_VALUE]
    return kept


class ApiView(APIView):
    """An endpoint of /api/v1/. Authentication, permission, throttling, renderers and
    the exception handler come from REST_FRAMEWORK (registry/settings.py)."""

    name = ""  # the endpoint's name in the access log ("districts")

    def initial(self, request, *args, **kwargs):
        self.records = 0  # rows returned or written, for the access log
        super().initial(request, *args, **kwargs)
        for key, value in request.query_params.items():
            if CONTROL_CHARACTERS.search(key) or CONTROL_CHARACTERS.search(value):
                # Invisible characters (a NUL, which PostgreSQL refuses in text) are
                # no code, year or cursor: refused before any query.
                raise InvalidInput(
                    [
                        {
                            "field": without_control_characters(key),
                            "message": _("This value holds invisible control characters."),
                        }
                    ]
                )

    # --- answers ---------------------------------------------------------------
    def answer(self, data, records: int = 1, status: int = 200) -> Response:
        self.records = records
        return Response(data, status=status)

    def page(self, fetch, key_of, row) -> Response:
        """A page of `fetch(after, count)` (see api.pagination.paginate), each item
        as `row(item)` gives it."""
        found = pagination.paginate(self.request, self.name, fetch, key_of)
        return self._page_response(found, row)

    def page_of_queryset(self, queryset, *, key: str, row) -> Response:
        found = pagination.paginate_queryset(self.request, self.name, queryset, key)
        return self._page_response(found, row)

    def _page_response(self, found, row) -> Response:
        results = [row(item) for item in found.rows]
        return self.answer({"results": results, "next": found.next_url}, records=len(results))

    # --- parameters -------------------------------------------------------------
    def int_parameter(self, name: str, *, required: bool = False, low=None, high=None):
        raw = self.request.query_params.get(name, "")
        if raw == "":
            if required:
                raise InvalidInput([{"field": name, "message": _("This parameter is required.")}])
            return None
        try:
            value = int(raw)
        except ValueError:
            raise InvalidInput([{"field": name, "message": _("Give a whole number.")}]) from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise InvalidInput(
                [
                    {
                        "field": name,
                        "message": _("Give a number from %(low)s to %(high)s.")
                        % {"low": low, "high": high},
                    }
                ]
            )
        return value

    # --- every call --------------------------------------------------------------
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.log_call(request, response)
        return response

    def log_call(self, request, response) -> None:
        """One access-log line: the service account, the call (method and endpoint),
        its parameters (no IIN), the answer's status and how many records."""
        user = request.user
        call = f"{request.method} {self.name}"
        log_access(
            user=user,
            action=AccessLog.Action.API,
            description=f"API {call}",
            region_id=user.area_region_id,
            district_id=user.district_id,
            parameters={
                "described_by": "api",
                "call": call,
                "query": logged_parameters(request.query_params),
                "status": response.status_code,
                "records": getattr(self, "records", 0) if response.status_code < 400 else 0,
                "token": getattr(request.auth, "prefix", ""),
            },
            request=request._request,
        )
