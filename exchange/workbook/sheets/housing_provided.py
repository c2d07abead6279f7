"""The HousingProvided sheet: housing given to a child (or the graduate it became),
by (iin, date).

The queue entry it closes is the child's queue entry (HousingQueue sheet or the
register) ended `provided` on the same date, when there is one; without one, the
housing is an exception whose reason the extra column `exception_reason` states, as
the housing service asks. `source` left empty is the state housing fund (the
service's default).
"""

from __future__ import annotations

from types import SimpleNamespace

from exchange.workbook import spec
from exchange.workbook.sheets.housing_queue import HousingQueueSheet
from exchange.workbook.sheets.records import ChildRecordSheet, iin_column
from housing import rules
from housing.models import HousingProvision, HousingQueueEntry, ProvisionSource, QueueEndReason

QUEUE = HousingQueueSheet.name


class HousingProvidedSheet(ChildRecordSheet):
    name = "HousingProvided"
    model = HousingProvision
    key = ("iin", "date")
    columns = (
        iin_column(),
        spec.date("date", required=True),
        spec.text("address"),
        spec.code("source", ProvisionSource),
        spec.text("exception_reason", extra=True),
    )
    defaults = {"source": ProvisionSource.STATE_FUND}
    record_slots = ("queue_entry",)  # the HousingQueue record it closes, or None
    extra_lookups = ("queue_entry_id",)

    def loaded(self, ctx, child, record, extra) -> None:
        (entry_id,) = extra
        if entry_id is not None:
            entries = child.records.get(QUEUE, [])
            record.queue_entry = next((e for e in entries if e.pk == entry_id), None)

    def resolve(self, ctx, child, row) -> dict:
        entries = child.records.get(QUEUE, [])
        closed = next(
            (
                entry
                for entry in entries
                if entry.end_reason == QueueEndReason.PROVIDED and entry.end_date == row.date
            ),
            None,
        )
        return {"queue_entry": closed}

    def check(self, ctx, child, record, others):
        entry = record.queue_entry
        return rules.provision_errors(
            date=record.date,
            address=record.address,
            birth_date=child.birth_date,
            # The entry it closes counts as open until then (as when correcting).
            queue_entry=SimpleNamespace(start_date=entry.start_date, end_date=None)
            if entry is not None
            else None,
            exception_reason=record.exception_reason,
            today=ctx.today,
        )

    @staticmethod
    def entry_instance(ctx, entry) -> HousingQueueEntry | None:
        """The queue entry as the provision refers to it (named in the audit trail)."""
        if entry is None:
            return None
        return HousingQueueEntry(
            pk=entry.pk,
            district=ctx.ref("district", entry.district).obj,
            start_date=entry.start_date,
        )

    def instance(self, ctx, child, record):
        instance = super().instance(ctx, child, record)
        instance.queue_entry = self.entry_instance(ctx, record.queue_entry)
        return instance

    def old_values(self, ctx, old: dict) -> dict:
        result = super().old_values(ctx, old)
        if "queue_entry" in old:
            result["queue_entry"] = self.entry_instance(ctx, old["queue_entry"])
        return result
