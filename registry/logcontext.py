"""What every log line says about where it comes from, and how it is written.

A line carries the fields bound in the current context: the request id, the
signed-in user's id and district id (registry.middleware.RequestLogMiddleware and
LogUserMiddleware), a job's id (a job calls ``bind(job=job_id)``). The context is a
contextvar, so each request, thread or asyncio task has its own.

    with logcontext.bind(job=result.id):
        ...  # every line logged here carries "job": <id>

Nothing here imports Django: gunicorn's own log (deploy/gunicorn.conf.py) uses the
same formatter before Django is loaded.

A line never holds a person's IIN or name: the application logs ids, never request
parameters or bodies; as a safety net for messages of libraries (a database error's
DETAIL repeats the key it refused), any run of exactly 12 digits is written as
``[12 digits]``.
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

_context: contextvars.ContextVar[Mapping[str, Any]] = contextvars.ContextVar(
    "registry_log_context", default=MappingProxyType({})
)

# The fields a context may bind, in the order a line writes them.
FIELDS = ("request_id", "user", "district", "job")
# The fields of one request's access line (registry.middleware.RequestLogMiddleware),
# passed as `extra=`; no other `extra` is ever written (Django's own carry the request,
# whose repr holds the query string).
ACCESS_FIELDS = ("method", "path", "status", "duration_ms")

IIN_LIKE = re.compile(r"(?<!\d)\d{12}(?!\d)")


class bind:
    """Bind fields (request_id, user, district, job) to every line logged in the
    current context from now on. As a context manager the previous fields come back
    on leaving the block; called alone, they stay until the context ends (a
    request's, when its response has been sent)."""

    def __init__(self, **fields: Any):
        unknown = set(fields) - set(FIELDS)
        if unknown:
            raise TypeError(f"logcontext.bind() takes {', '.join(FIELDS)}; not {unknown}")
        self._token = _context.set({**_context.get(), **fields})

    def __enter__(self) -> bind:
        return self

    def __exit__(self, *exc_info) -> None:
        _context.reset(self._token)


def replace(**fields: Any) -> None:
    """Bind exactly these fields, forgetting the others: a request's fields from its
    start (RequestLogMiddleware) to the end of its response (request_finished), so
    that Django's own lines about the response still carry them."""
    _context.set(fields)


def current() -> Mapping[str, Any]:
    """The fields bound in the current context."""
    return _context.get()


def scrub(text: str) -> str:
    return IIN_LIKE.sub("[12 digits]", text)


def _context_fields() -> dict[str, Any]:
    context = current()
    return {name: context[name] for name in FIELDS if context.get(name) is not None}


def _access_fields(record: logging.LogRecord) -> dict[str, Any]:
    return {name: record.__dict__[name] for name in ACCESS_FIELDS if name in record.__dict__}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the
    context's fields, an access line's fields, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.timezone.utc)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
            **_context_fields(),
            **_access_fields(record),
        }
        if record.exc_info:
            line["exception"] = scrub(self.formatException(record.exc_info))
        elif record.exc_text:
            line["exception"] = scrub(record.exc_text)
        if record.stack_info:
            line["stack"] = scrub(self.formatStack(record.stack_info))
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """For a person at a terminal (DEBUG, `make run`): time, level, logger, the
    context's fields as key=value, the message (an access line's says it all)."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s%(fields)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        fields = _context_fields()
        record.fields = "".join(f" {name}={value}" for name, value in fields.items())
        return scrub(super().format(record))
