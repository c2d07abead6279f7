"""What every service that writes a dated record shares."""

from __future__ import annotations

from collections.abc import Callable

from registry.records.rules import Errors, raise_if
from registry.services.base import EditConflict, claim_version


def update_record(record, *, version: int | None, check: Callable[[], Errors], **fields):
    """Change a record, inside its kind's service (one transaction, audited as the
    actor): the kind's rules (`check()`), then the version the user opened claimed (a
    lost update is refused), `fields` set, checked and saved. Returns the record."""
    raise_if(check())
    claim_version(record, version)
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


def end_record(record, *, version: int | None, check: Callable[[], Errors], **fields):
    """End a dated record: refused as a lost update when someone ended it since the
    user opened it; then as `update_record`, `fields` being end_date and the kind's
    own (its reason, an explanation)."""
    if record.end_date is not None:
        raise EditConflict(type(record)._default_manager.get(pk=record.pk))
    return update_record(record, version=version, check=check, **fields)
