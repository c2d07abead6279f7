"""Reads of the API app, each scoped to the administrator who manages them."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from api.models import ApiToken
from registry.models import Role, User


def service_accounts_managed_by(user) -> QuerySet[User]:
    """The service accounts of the administrator's region (its districts' and its own)."""
    if user.role != Role.ADMIN or not user.region_id:
        return User.objects.none()
    return (
        User.objects.filter(is_service_account=True)
        .filter(Q(region_id=user.region_id) | Q(district__region_id=user.region_id))
        .select_related("district", "region")
        .order_by("username")
    )


def tokens_of(account) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(account=account).select_related("created_by", "revoked_by")


def token_for_secret(secret: str) -> ApiToken | None:
    """The token a caller's secret names, with its account, or None."""
    from api.tokens import secret_hash

    return (
        ApiToken.objects.filter(secret_hash=secret_hash(secret))
        .select_related("account", "account__district", "account__region")
        .first()
    )
