"""Calls per token: API_THROTTLE_RATE, and its writes and dry runs besides
(API_WRITE_THROTTLE_RATE), counted in the default cache (the database's cache table,
which every host shares)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api_token"

    def get_rate(self):
        # Read at each call, so that a changed setting (and the tests') applies.
        return settings.API_THROTTLE_RATE

    def __init__(self):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_cache_key(self, request, view):
        token = request.auth
        if token is None:
            return None  # an anonymous call is answered 401 before it is counted
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


class TokenWriteThrottle(TokenRateThrottle):
    """Writes and dry runs (any method but GET, HEAD, OPTIONS): each looks every IIN it
    names up in the whole register, so a token may not probe it faster than a person's
    workbook checks could (WORKBOOK_CHECKS_PER_HOUR)."""

    scope = "api_token_write"

    def get_rate(self):
        return settings.API_WRITE_THROTTLE_RATE

    def allow_request(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)
