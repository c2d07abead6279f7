"""An account's second factor: its authenticator (TOTP) and its recovery codes.

Recovery codes are django-otp's static tokens: each signs the account in once in
place of a code from the app, and is deleted when used. The audit trail records the
devices (registry/apps.py), never the codes or the authenticator's key.
"""

from __future__ import annotations

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.models import User
from registry.services.base import service

RECOVERY_CODES = 10
RECOVERY_DEVICE_NAME = "recovery codes"


@service
def authenticator_pending(*, actor, user: User) -> TOTPDevice:
    """The authenticator `user` is linking: its key is shown until the account enters a
    code from it (authenticator_confirm)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@service
def authenticator_confirm(*, actor, device: TOTPDevice) -> list[str]:
    """Make `device`, whose code the account has just entered, its authenticator: any
    other authenticator is removed, and new recovery codes replace any before them.
    Returns the codes, to be shown once."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    return recovery_codes_replace(actor=actor, user=device.user)


@service
def recovery_codes_replace(*, actor, user: User) -> list[str]:
    """Give `user` RECOVERY_CODES new single-use codes; the ones before stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes: list[str] = []
    while len(codes) < RECOVERY_CODES:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@service
def second_factor_remove(*, actor, user: User) -> None:
    """Remove `user`'s authenticator and recovery codes (a lost phone, or an account
    that may go without). A session confirmed with them is no longer confirmed."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
