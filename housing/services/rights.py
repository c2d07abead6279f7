"""Housing the child keeps a right to: secured, ended, corrected; never deleted."""

from __future__ import annotations

import datetime

from django.utils import timezone

from children.models import Child
from housing import rules
from housing.models import HousingKind, HousingRight
from registry.records.rules import for_fields, raise_if
from registry.records.services import end_record, update_record
from registry.services.base import service


def _errors(child: Child, *, kind, share_size, address, start, end, end_reason, fields=None):
    """What the rules say of a housing right; with `fields`, only the details those
    fields must state (an action that sets only them: the right's own gaps do not stop
    it)."""
    errors = rules.housing_right_errors(
        kind=kind,
        share_size=share_size,
        address=address,
        birth_date=child.birth_date,
        start=start,
        end=end,
        end_reason=end_reason,
        today=timezone.localdate(),
    )
    return errors if fields is None else for_fields(errors, fields)


def _share(kind: str, share_size: str) -> str:
    return share_size.replace(" ", "") if kind == HousingKind.SHARE else ""


@service
def housing_right_add(
    *,
    actor,
    child: Child,
    kind: str,
    address: str,
    start_date: datetime.date,
    share_size: str = "",
    document: str = "",
) -> HousingRight:
    """Record housing secured to the child, from `start_date`."""
    share_size = (share_size or "").strip()
    raise_if(
        _errors(
            child,
            kind=kind,
            share_size=share_size,
            address=address,
            start=start_date,
            end=None,
            end_reason="",
        )
    )
    right = HousingRight(
        child=child,
        kind=kind,
        share_size=_share(kind, share_size),
        address=address.strip(),
        document=document.strip(),
        start_date=start_date,
    )
    right.full_clean()
    right.save()
    return right


@service
def housing_right_end(
    *,
    actor,
    right: HousingRight,
    version: int | None,
    end_date: datetime.date,
    end_reason: str,
) -> HousingRight:
    """The child lost the right, or it was released, on `end_date`."""
    return end_record(
        right,
        version=version,
        check=lambda: _errors(
            right.child,
            kind=right.kind,
            share_size=right.share_size,
            address=right.address,
            start=right.start_date,
            end=end_date,
            end_reason=end_reason,
            fields=("end_date", "end_reason"),
        ),
        end_date=end_date,
        end_reason=end_reason,
    )


@service
def housing_right_correct(
    *,
    actor,
    right: HousingRight,
    version: int | None,
    kind: str,
    address: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    end_reason: str,
    share_size: str = "",
    document: str = "",
) -> HousingRight:
    """Correct a mistake in a housing right; the audit trail keeps what it said before."""
    share_size = (share_size or "").strip()
    return update_record(
        right,
        version=version,
        check=lambda: _errors(
            right.child,
            kind=kind,
            share_size=share_size,
            address=address,
            start=start_date,
            end=end_date,
            end_reason=end_reason,
        ),
        kind=kind,
        share_size=_share(kind, share_size),
        address=address.strip(),
        document=document.strip(),
        start_date=start_date,
        end_date=end_date,
        end_reason=end_reason,
    )
