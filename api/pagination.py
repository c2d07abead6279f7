"""Pages by cursor: `?cursor=<opaque>&limit=<n>` answers
`{"results": [...], "next": "<url of the next page, or null>"}`.

Rows come in the order of one unique key (a code, an id) and a page starts after the
last key of the one before: no page repeats or skips a row when rows are added
meanwhile, and no page costs more than its own rows. The cursor is that key, signed
(django.core.signing): opaque to the caller, and a changed one is refused (400)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.conf import settings
from django.core import signing
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from api.problems import InvalidInput

SALT = "api.cursor"


def page_limit(request) -> int:
    """`?limit=`, at most API_PAGE_MAX (API_PAGE_SIZE when not given)."""
    raw = request.query_params.get("limit")
    if raw in (None, ""):
        return settings.API_PAGE_SIZE
    try:
        limit = int(raw)
    except ValueError:
        limit = 0
    if limit < 1:
        raise InvalidInput(
            [{"field": "limit", "message": _("The limit is a whole number from 1.")}]
        )
    return min(limit, settings.API_PAGE_MAX)


def cursor_key(request, endpoint: str):
    """The last key of the page before (None on the first page). A cursor is good
    for the endpoint that gave it only."""
    raw = request.query_params.get("cursor")
    if raw in (None, ""):
        return None
    try:
        signed = signing.loads(raw, salt=SALT)
    except signing.BadSignature:
        signed = None
    if not isinstance(signed, dict) or signed.get("e") != endpoint or "k" not in signed:
        raise InvalidInput(
            [
                {
                    "field": "cursor",
                    "message": _(
                        "This cursor is not one this endpoint gave: start again without it."
                    ),
                }
            ]
        )
    return signed["k"]


def make_cursor(endpoint: str, key) -> str:
    return signing.dumps({"e": endpoint, "k": key}, salt=SALT)


class Page:
    """One page of rows and the URL of the next (None on the last)."""

    def __init__(self, rows: Sequence, next_url: str | None):
        self.rows = rows
        self.next_url = next_url


def paginate(request, endpoint: str, fetch: Callable, key_of: Callable) -> Page:
    """A page of what `fetch(after, count)` gives: at most `count` rows whose key is
    after `after` (None: from the first), in the key's order; `key_of(row)` is a
    row's key (a number or a text)."""
    limit = page_limit(request)
    after = cursor_key(request, endpoint)
    rows = list(fetch(after, limit + 1))
    more = len(rows) > limit
    rows = rows[:limit]
    next_url = next_page_url(request, endpoint, key_of(rows[-1]), limit) if more else None
    return Page(rows, next_url)


def next_page_url(request, endpoint: str, key, limit: int) -> str:
    """The URL of the page after the key `key`: this call's, with its cursor."""
    query = request.query_params.copy()
    query["cursor"] = make_cursor(endpoint, key)
    query["limit"] = str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate_queryset(request, endpoint: str, queryset: QuerySet, key: str = "pk") -> Page:
    """`paginate` over a queryset ordered by its unique field `key`."""

    def fetch(after, count):
        rows = queryset.order_by(key)
        if after is not None:
            try:
                rows = rows.filter(**{f"{key}__gt": after})
            except (TypeError, ValueError):
                raise InvalidInput([{"field": "cursor", "message": _("Invalid cursor.")}]) from None
        return rows[:count]

    return paginate(request, endpoint, fetch, lambda row: getattr(row, key))
