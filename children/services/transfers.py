"""Handing a child's case over to another district."""

from __future__ import annotations

import datetime

from django.utils import timezone

from children import rules
from children.models import Child, Transfer
from registry.records.rules import raise_if
from registry.services.base import claim_version, service


@service
def child_transfer(
    *, actor, child: Child, version: int | None, to_district, date: datetime.date, note: str = ""
) -> Transfer:
    """From `date` the receiving district keeps the case: its officers see and edit
    it, the sending district's no longer do (its past figures keep the child)."""
    last = child.transfers.order_by("-date").values_list("date", flat=True).first()
    raise_if(
        rules.transfer_errors(
            from_district_id=child.district_id,
            to_district_id=to_district.pk if to_district else None,
            date=date,
            registered_on=child.registered_on,
            last_transfer_date=last,
            today=timezone.localdate(),
        )
    )
    claim_version(child, version)
    transfer = Transfer(
        child=child,
        from_district_id=child.district_id,
        to_district=to_district,
        date=date,
        note=note.strip(),
    )
    transfer.full_clean()
    transfer.save()
    child.district = to_district
    child.save(update_fields=["district", "updated_at"])
    return transfer
