"""What every service that writes a dated record shares."""

from __future__ import annotations

from collections.abc import Callable

from registry.records.rules import Errors, raise_if
from registry.services.base import EditConflict, claim_version


def end_record(record, *, version: int | None, check: Callable[[], Errors], **fields):
    """End a dated record, inside its kind's service (one transaction, audited as the
    actor): refused as a lost update when someone ended it since the user opened it;
    then the kind's rules (`check()`, given the record still open), the version the
    user opened claimed, `fields` set (end_date, and the kind's own: its reason, an
    explanation), checked and saved. Returns the record."""
    if record.end_date is not None:
        raise EditConflict(type(record)._default_manager.get(pk=record.pk))
    raise_if(check())
    claim_version(record, version)
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return record
