"""Session limits, the second factor, the audit trail's context and the request's log
lines, on every request."""

from __future__ import annotations

import logging
import re
import time
import uuid
from urllib.parse import urlencode

from auditlog.middleware import AuditlogMiddleware as LibraryAuditlogMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.core.signals import request_finished
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from registry import logcontext
from registry.access import second_factor_required
from registry.audit import client_address
from registry.selectors import authenticator_of

SEEN_RESOLUTION = 60  # seconds: the idle clock is written at most once a minute

access_logger = logging.getLogger("registry.requests")

# An incoming X-Request-ID (nginx's $request_id, a balancer's) is kept when it is a
# plain token; anything else is replaced by one of ours.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
# Probes of the balancer and the operator's monitoring, every few seconds
# (registry/views/health.py): no access line, and a session they may carry is neither
# prolonged nor ended nor held at the second factor.
PROBE_PATHS = {"/healthz"}


class RequestLogMiddleware:
    """The outermost middleware: gives each request an id (the incoming X-Request-ID if
    sane, else a new one), binds it to every line logged while the request runs,
    returns it in the response's X-Request-ID, and writes one access line: method,
    path (never the query string, where a search may hold an IIN), status and
    duration in milliseconds."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Django logs a response of 4xx or 5xx after the middleware has returned it:
        # the request's fields stay bound until the response has been sent.
        request_finished.connect(forget_request, dispatch_uid="registry.logcontext")

    def __call__(self, request):
        started = time.monotonic()
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        logcontext.replace(request_id=request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        if request.path not in PROBE_PATHS:
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            access_logger.info(
                "%s %s %s %sms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
        return response


def forget_request(**kwargs) -> None:
    logcontext.replace()


class LogUserMiddleware:
    """After authentication: the signed-in user's id and district id go on every line
    logged for the rest of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            logcontext.bind(user=user.pk, district=user.district_id)
        return self.get_response(request)


class SessionLimitsMiddleware:
    """A session ends after SESSION_IDLE_SECONDS without a request and after
    SESSION_MAX_SECONDS in all; the login page then says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.path in PROBE_PATHS:
            return self.get_response(request)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started, seen = session.get("started_at"), session.get("seen_at")
            if started is None or seen is None:
                session["started_at"] = session["seen_at"] = now
            elif (
                now - seen > settings.SESSION_IDLE_SECONDS
                or now - started > settings.SESSION_MAX_SECONDS
            ):
                reason = "idle" if now - seen > settings.SESSION_IDLE_SECONDS else "max"
                logout(request)
                query = urlencode({"next": request.get_full_path(), "expired": reason})
                return redirect(f"{reverse(settings.LOGIN_URL)}?{query}")
            elif now - seen >= SEEN_RESOLUTION:
                session["seen_at"] = now
        return self.get_response(request)


# Pages an account reaches before confirming its second factor.
SECOND_FACTOR_FREE = {"otp_verify", "otp_setup", "logout", "login", "set_language", "healthz"}


def second_factor_needed(user) -> str | None:
    """What an account signed in with its password, but not (or no longer) with a
    second factor, must do before any other page: 'verify' with the authenticator it
    has, 'setup' one where it is required, or nothing (None). Decided on every
    request, never remembered in the session: an account promoted, or whose
    authenticator an administrator removed, is held at its very next page."""
    if authenticator_of(user) is not None:
        return "verify"
    return "setup" if second_factor_required(user) else None


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        request.second_factor_pending = False
        if user is not None and user.is_authenticated and not user.is_verified():
            needed = second_factor_needed(user)
            if needed is not None:
                # The pages it may reach show no menu: every entry would lead back here.
                request.second_factor_pending = True
                try:
                    name = resolve(request.path_info).url_name
                except Resolver404:
                    name = None
                if name not in SECOND_FACTOR_FREE:
                    target = reverse("otp_verify" if needed == "verify" else "otp_setup")
                    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages for a signed-in user hold personal data: no browser or proxy cache keeps
    them (`Cache-Control: no-store`), so that the back button on a shared computer
    after signing out shows nothing. Static files are served before this runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class AuditlogMiddleware(LibraryAuditlogMiddleware):
    """django-auditlog's middleware, recording the client address that the access log
    and login throttling use (registry.audit.client_address). Its own takes the
    left-most address of X-Forwarded-For, which any client writes."""

    def get_extra_data(self, request):
        context = super().get_extra_data(request)
        context["remote_addr"] = client_address(request)
        if not settings.TRUSTED_PROXIES:
            # X-Forwarded-Port too is the client's word unless a proxy sets it.
            context["remote_port"] = None
        return context
