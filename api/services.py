"""Writes of the API app: service accounts and their tokens (audited services)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from api.tokens import new_secret, prefix_of, secret_hash
from registry.audit import log_access
from registry.models import AccessLog, District, Region, Role, User
from registry.services.base import service
from registry.services.users import user_create

# The roles of service accounts: a district's system reads and writes its district
# (an officer's rights); a regional system reads the region.
SERVICE_ROLES = (Role.OFFICER, Role.REGIONAL)
MAX_TOKEN_DAYS = 5 * 366


@service
def service_account_create(
    *,
    actor,
    username: str,
    role: str,
    district: District | None = None,
    region: Region | None = None,
    description: str = "",
) -> User:
    """Create the service account of another system, with no usable password: it
    calls the API with tokens and never signs in to the pages."""
    if role not in SERVICE_ROLES:
        raise ValidationError(
            {"role": _("A service account is a district's (officer) or the region's (regional).")}
        )
    account = user_create(
        actor=actor,
        username=username,
        role=role,
        password=None,
        district=district if role == Role.OFFICER else None,
        region=region if role == Role.REGIONAL else None,
        first_name=description,
    )
    account.is_service_account = True
    account.save(update_fields=["is_service_account"])
    return account


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def _log(actor, token: ApiToken, what: str, request=None) -> None:
    account = token.account
    log_access(
        user=actor,
        action=AccessLog.Action.API,
        description=f"{what} {token.prefix} of {account.username}"[:300],
        region_id=account.area_region_id,
        district_id=account.district_id,
        parameters={
            "described_by": "api_token",
            "token": token.prefix,
            "account": account.username,
            "what": what,
        },
        request=request,
    )


@service
def token_create(
    *, actor, account: User, name: str, expires_on: datetime.date, request=None
) -> NewToken:
    """Make a token of `account`, valid until the end of `expires_on`. Its secret is
    returned once and only its hash is kept."""
    if not account.is_service_account or not account.is_active:
        raise ValidationError(_("Tokens are made for active service accounts only."))
    today = timezone.localdate()
    if expires_on <= today:
        raise ValidationError({"expires_on": _("The expiry date must be after today.")})
    if expires_on > today + datetime.timedelta(days=MAX_TOKEN_DAYS):
        raise ValidationError(
            {"expires_on": _("A token is valid for at most five years: choose an earlier date.")}
        )
    secret = new_secret()
    end_of_day = datetime.datetime.combine(
        expires_on + datetime.timedelta(days=1), datetime.time.min
    )
    token = ApiToken(
        account=account,
        name=name.strip(),
        prefix=prefix_of(secret),
        secret_hash=secret_hash(secret),
        created_by=actor,
        expires_at=timezone.make_aware(end_of_day),
    )
    token.full_clean()
    token.save()
    _log(actor, token, "token created", request)
    return NewToken(token=token, secret=secret)


@service
def token_revoke(*, actor, token: ApiToken, request=None) -> ApiToken:
    """Revoke a token: every later call with it answers 401."""
    if token.revoked_at is not None:
        raise ValidationError(_("This token is already revoked."))
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    _log(actor, token, "token revoked", request)
    return token
