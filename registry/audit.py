"""Who acts, and the access log of personal data.

Changes are logged by django-auditlog's signals into `AuditEntry`; this module tells
it who is acting (services run inside `acting_as(actor)`) and writes the access log.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from ipware import get_client_ip

from registry.actor import acting_as, current_actor
from registry.models import AccessLog

__all__ = [
    "acting_as",
    "audit_register",
    "client_address",
    "current_actor",
    "log_access",
    "record_refused_change",
    "system_actor",
]

# Bookkeeping columns that are not facts about the child.
UNTRACKED_FIELDS = ["version"]


def audit_register(model, exclude_fields=(), **options) -> None:
    """Track every create, change and delete of `model` in the audit trail."""
    from auditlog.registry import auditlog

    # Reverse relations ("a district's users") are not values of the record itself.
    reverse = [
        field.name
        for field in model._meta.get_fields()
        if field.auto_created and not field.concrete
    ]
    auditlog.register(
        model, exclude_fields=[*UNTRACKED_FIELDS, *reverse, *exclude_fields], **options
    )


SYSTEM_USERNAME = "system"


def system_actor():
    """The account that stands for the register itself (commands without a user)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_active": False, "first_name": "System"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def client_address(request) -> str | None:
    """The address of the client that sent `request`, the one place that decides it:
    axes throttles sign-ins by it (AXES_CLIENT_IP_CALLABLE), the audit trail
    (registry.middleware.AuditlogMiddleware) and the access log record it.

    Without trusted proxies (TRUSTED_PROXIES=0) it is REMOTE_ADDR, whatever
    X-Forwarded-For says. Behind N proxies that each append the address they were
    reached from, it is the N-th address from the right of X-Forwarded-For: what
    the outermost proxy saw. Addresses further left were written by the client and
    are never taken. A request without enough of them (it did not come through the
    proxies) falls back to REMOTE_ADDR.
    """
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        # django-ipware counts the proxies listed after the client in the header; the
        # proxy nearest the application is not listed there: it is REMOTE_ADDR.
        address, _public = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,  # at least N-1 listed; what the client wrote on the left is skipped
        )
        if address is not None:
            return address
    return request.META.get("REMOTE_ADDR")


def log_access(
    *,
    user,
    action: str,
    description: str,
    region_id: int | None = None,
    district_id: int | None = None,
    child_id: int | None = None,
    parameters: dict | None = None,
    request=None,
) -> AccessLog:
    """Record that `user` read or exported personal data."""
    return AccessLog.objects.create(
        user=user if user is not None and user.pk else None,
        action=action,
        description=description[:300],
        region_id=region_id,
        district_id=district_id,
        child_id=child_id,
        parameters=parameters or {},
        remote_addr=client_address(request),
    )


def record_refused_change(*, actor, current, attempted: dict):
    """An audit entry for a save refused as a lost update: the values the record has
    and the values the refused save would have written, marked as refused."""
    from registry.models import AuditEntry

    fields = {field.name: field for field in current._meta.concrete_fields}
    changes = {}
    for name, value in attempted.items():
        if name in fields and name != "version":
            now = getattr(current, name)
            if now != value:
                changes[name] = [
                    str(now) if now is not None else None,
                    str(value) if value is not None else None,
                ]
    with acting_as(actor):
        return AuditEntry.objects.log_create(
            current,
            force_log=True,
            action=AuditEntry.Action.UPDATE,
            changes=changes,
            additional_data={
                "refused": "edit_conflict",
                "version": getattr(current, "version", None),
            },
        )
