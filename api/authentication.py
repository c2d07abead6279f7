"""Who calls: a bearer token of a service account, and nothing else (no session)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions

from api.selectors import token_for_secret
from registry import logcontext
from registry.access import EDIT_ROLES

# The last use is written at most once a minute per token, not at every call.
LAST_USE_RESOLUTION = datetime.timedelta(minutes=1)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>`. A missing header leaves the caller anonymous
    (answered 401 by the permission); a malformed, unknown, expired or revoked token,
    or one whose account is inactive, is 401 at once."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None
        if header[0].decode("latin-1").lower() != self.keyword.lower():
            raise exceptions.AuthenticationFailed(_("Give the token as: Bearer <token>."))
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token as: Bearer <token>."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = token_for_secret(secret)
        now = timezone.now()
        if token is None or not token.account.is_service_account or not token.account.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token was revoked."))
        if now >= token.expires_at:
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        if token.last_used_at is None or now - token.last_used_at >= LAST_USE_RESOLUTION:
            # Not a change of the token worth an audit entry: a plain UPDATE.
            type(token).objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        logcontext.bind(user=token.account.pk, district=token.account.district_id)
        return token.account, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class ServiceAccountOnly(permissions.BasePermission):
    """Only a token's service account, with the role and area it needs, passes; a
    write (any method but GET, HEAD, OPTIONS) needs a district's account (an
    officer's role). What it may read or write is then its selectors' and services'
    area rules, as on the pages."""

    message = _("Authentication credentials were not provided.")

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if not user.is_service_account or not user.has_area:
            raise exceptions.PermissionDenied
        if request.method not in permissions.SAFE_METHODS and user.role not in EDIT_ROLES:
            # A region's account reads; only a district's account writes (its district).
            raise exceptions.PermissionDenied
        return True
