"""A child's status: opened, ended, corrected; never deleted."""

from __future__ import annotations

import datetime

from django.utils import timezone

from children import rules
from children.models import Child, Status
from registry.records.rules import period_errors, raise_if
from registry.records.services import end_record, update_record
from registry.services.base import claim_version, service


def _others(child: Child, exclude_pk: int | None = None) -> list[Status]:
    return list(child.statuses.exclude(pk=exclude_pk)) if exclude_pk else list(child.statuses.all())


@service
def status_add(
    *,
    actor,
    child: Child,
    category: str,
    reason: str,
    start_date: datetime.date,
    document: str = "",
) -> Status:
    """A new status (the child is again, or differently, without parental care)."""
    raise_if(
        rules.status_errors(
            reason=reason,
            birth_date=child.birth_date,
            start=start_date,
            end=None,
            end_reason="",
            others=_others(child),
            today=timezone.localdate(),
        )
    )
    status = Status(
        child=child,
        category=category,
        reason=reason,
        start_date=start_date,
        document=document.strip(),
    )
    status.full_clean()
    status.save()
    return status


@service
def status_end(
    *, actor, status: Status, version: int | None, end_date: datetime.date, end_reason: str
) -> Status:
    return end_record(
        status,
        version=version,
        check=lambda: period_errors(status.start_date, end_date, end_reason, timezone.localdate()),
        end_date=end_date,
        end_reason=end_reason,
    )


@service
def status_correct(
    *,
    actor,
    status: Status,
    version: int | None,
    category: str,
    reason: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    end_reason: str,
    document: str = "",
) -> Status:
    """Correct a mistake in a status; the audit trail keeps what it said before."""
    return update_record(
        status,
        version=version,
        check=lambda: rules.status_errors(
            reason=reason,
            birth_date=status.child.birth_date,
            start=start_date,
            end=end_date,
            end_reason=end_reason,
            others=_others(status.child, exclude_pk=status.pk),
            today=timezone.localdate(),
        ),
        category=category,
        reason=reason,
        document=document.strip(),
        start_date=start_date,
        end_date=end_date,
        end_reason=end_reason,
    )


def end_open_status(child: Child, *, end_date: datetime.date, end_reason: str) -> Status | None:
    """Inside another service: end the child's open status (adoption, return home)."""
    status = child.statuses.filter(end_date__isnull=True, start_date__lte=end_date).first()
    if status is None:
        return None
    claim_version(status, status.version)
    status.end_date, status.end_reason = end_date, end_reason
    status.save()
    return status
