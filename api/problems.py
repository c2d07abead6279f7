"""Every error of /api/ in one shape: RFC 9457 problem details
(`application/problem+json`), in the caller's language (Accept-Language).

    {"type": "urn:registry:problem:not_found", "title": "Not found.", "status": 404,
     "detail": "Not found.", "errors": [...]}

`errors` is there for invalid input: one item per message, with the `field` (or
query parameter) it is about and, for rows of records, their `sheet`, `row` and
`column` where known."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

logger = logging.getLogger("api")

CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:registry:problem:"
ERROR_KEYS = ("field", "sheet", "row", "column", "message")


class InvalidInput(exceptions.APIException):
    """Invalid input with its messages: `errors` is a list of dicts, each with a
    `message` and where known its `field`, `sheet`, `row` and `column` (the workbook
    import's errors keep their sheet, row and column)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("The request has invalid values.")
    default_code = "invalid"

    def __init__(self, errors: list[dict], detail=None):
        super().__init__(detail)
        self.errors = [{key: item[key] for key in ERROR_KEYS if key in item} for item in errors]


# Titles of the problems whose DRF message names the request's details.
TITLES = {
    "invalid": _("Invalid input."),
    "method_not_allowed": _("Method not allowed."),
    "unsupported_media_type": _("Unsupported media type."),
}


class ServerError(exceptions.APIException):
    default_detail = _("The server failed to answer; the error is logged.")
    default_code = "server_error"


def problem(status_code: int, code: str, title, detail, errors=None, headers=None) -> Response:
    body = {
        "type": f"{TYPE_PREFIX}{code}",
        "title": str(title),
        "status": status_code,
        "detail": str(detail),
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, headers=headers, content_type=CONTENT_TYPE)


def _errors_of(detail, field=None) -> list[dict]:
    """DRF's validation detail (a dict of fields, a list, a message) as `errors`."""
    if isinstance(detail, dict):
        found = []
        for key, value in detail.items():
            name = key if key != "non_field_errors" else None
            found += _errors_of(value, f"{field}.{name}" if field and name else (name or field))
        return found
    if isinstance(detail, list):
        return [item for value in detail for item in _errors_of(value, field)]
    item = {"message": str(detail)}
    if field:
        item["field"] = field
    return [item]


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: a problem details response for every exception."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = InvalidInput(_errors_of(detail))
    if not isinstance(exc, exceptions.APIException):
        logger.exception("API call failed", exc_info=exc)
        exc = ServerError()
    set_rollback()
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(int(exc.wait) + (exc.wait % 1 > 0))
    code = exc.default_code
    if isinstance(exc, InvalidInput):
        return problem(exc.status_code, code, TITLES["invalid"], exc.detail, exc.errors, headers)
    if isinstance(exc, exceptions.ValidationError):
        errors = _errors_of(exc.detail)
        detail = " ".join(item["message"] for item in errors)
        return problem(exc.status_code, code, TITLES["invalid"], detail, errors, headers)
    detail = exc.detail
    if isinstance(detail, list | dict):
        detail = " ".join(item["message"] for item in _errors_of(detail))
    title = TITLES.get(code, exc.default_detail)
    return problem(exc.status_code, code, title, detail, None, headers)
