"""Who acts, and the access log of personal data.

Changes are logged by django-auditlog's signals into `AuditEntry`; this module tells
it who is acting (services run inside `acting_as(actor)`) and writes the access log.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from registry.actor import acting_as, current_actor
from registry.models import AccessLog

__all__ = [
    "acting_as",
    "audit_register",
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
    return request.META.get("REMOTE_ADDR") if request is not None else None


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
