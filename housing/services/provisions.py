"""Housing provided: recorded with the queue entry it closes, or as a stated exception."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from children.models import Child
from housing import rules
from housing.models import HousingProvision, HousingQueueEntry, QueueEndReason
from registry.records.rules import raise_if
from registry.services.base import claim_version, service


@service
def housing_provision_add(
    *,
    actor,
    child: Child,
    date: datetime.date,
    address: str,
    source: str,
    queue_entry: HousingQueueEntry | None = None,
    exception_reason: str = "",
) -> HousingProvision:
    """Record housing provided on `date`. From a queue entry, the entry ends on the same
    date with the reason "housing provided"; without one, the exception must be stated."""
    if queue_entry is not None and queue_entry.child_id != child.pk:
        raise ValidationError({"queue_entry": _("This queue entry is another child's.")})
    raise_if(
        rules.provision_errors(
            date=date,
            address=address,
            birth_date=child.birth_date,
            queue_entry=queue_entry,
            exception_reason=exception_reason,
            today=timezone.localdate(),
        )
    )
    if queue_entry is not None:
        claim_version(queue_entry, queue_entry.version)
        queue_entry.end_date, queue_entry.end_reason = date, QueueEndReason.PROVIDED
        queue_entry.full_clean()
        queue_entry.save()
    provision = HousingProvision(
        child=child,
        date=date,
        address=address.strip(),
        source=source,
        queue_entry=queue_entry,
        exception_reason=exception_reason.strip(),
    )
    provision.full_clean()
    provision.save()
    return provision


@service
def housing_provision_correct(
    *,
    actor,
    provision: HousingProvision,
    version: int | None,
    date: datetime.date,
    address: str,
    source: str,
    exception_reason: str = "",
) -> HousingProvision:
    """Correct a mistake in housing provided; the queue entry it closed ends on the
    corrected date too. The audit trail keeps what both said before."""
    entry = provision.queue_entry
    raise_if(
        rules.provision_errors(
            date=date,
            address=address,
            birth_date=provision.child.birth_date,
            # The entry this provision closed counts as open until then.
            queue_entry=SimpleNamespace(start_date=entry.start_date, end_date=None)
            if entry is not None
            else None,
            exception_reason=exception_reason,
            today=timezone.localdate(),
        )
    )
    claim_version(provision, version)
    if entry is not None and entry.end_date != date:
        claim_version(entry, entry.version)
        entry.end_date = date
        entry.full_clean()
        entry.save()
    provision.date, provision.address, provision.source = date, address.strip(), source
    provision.exception_reason = exception_reason.strip()
    provision.full_clean()
    provision.save()
    return provision
