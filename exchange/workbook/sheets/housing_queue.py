"""The HousingQueue sheet: a child's places in the housing queues of district
akimats, by (iin, start_date).

`district` is the code of the district whose queue it is (not necessarily the
child's). Beyond the template: `position` and `position_on` (the position the akimat
last stated; a position without its date is dated from the start, as the service
does) and `end_explanation`, which a removal needs (every removal is reasoned).

An entry ended with `provided` is closed by the housing provided to the child on
that date: the HousingProvided sheet (or the register) must hold it, as the housing
service ends an entry this way only by recording the housing.
"""

from __future__ import annotations

from types import SimpleNamespace

from exchange.workbook import spec, values
from exchange.workbook.sheets.records import ChildRecordSheet, iin_column
from housing import rules
from housing.models import HousingQueueEntry, QueueEndReason
from registry.models import District

PROVISIONS = "HousingProvided"


def district_name(ctx, code: str) -> str:
    """A district as the interface names it (a new one by the names its row gives)."""
    ref = ctx.ref("district", code)
    if ref is None:
        return code
    if ref.obj is not None:
        return str(ref.obj)
    names = {field: ref.values.get(field, "") for field in ("name_kk", "name_ru", "name_en")}
    return str(District(**names)) or code


class HousingQueueSheet(ChildRecordSheet):
    name = "HousingQueue"
    model = HousingQueueEntry
    key = ("iin", "start_date")
    columns = (
        iin_column(),
        spec.reference("district", "district", required=True),
        spec.date("start_date", required=True),
        spec.date("end_date"),
        spec.code("end_reason", QueueEndReason),
        spec.Column("position", values.integer, extra=True),
        spec.date("position_on", extra=True),
        spec.text("end_explanation", extra=True),
    )

    def normalize(self, record) -> None:
        """As the queue service does: a position is dated (from the start when the
        list does not say), no position has no date."""
        if record.position is None:
            record.position_on = None
        elif record.position_on is None:
            record.position_on = record.start_date

    def check(self, ctx, child, record, others):
        named = [
            SimpleNamespace(
                start_date=other.start_date,
                end_date=other.end_date,
                district=district_name(ctx, other.district),
            )
            for other in others
        ]
        errors = rules.queue_entry_errors(
            birth_date=child.birth_date,
            start=record.start_date,
            end=record.end_date,
            end_reason=record.end_reason,
            end_explanation=record.end_explanation,
            position=record.position,
            position_on=record.position_on,
            others=named,
            today=ctx.today,
        )
        return errors + self.provision_errors(child, record)

    def provision_errors(self, child, record) -> list:
        closing = [p for p in child.records.get(PROVISIONS, []) if p.queue_entry is record]
        return rules.closing_errors(
            end=record.end_date,
            end_reason=record.end_reason,
            provided_on=[provision.date for provision in closing],
        )

    def referenced_districts(self, export):
        """The districts whose queues the exported children stand in."""
        return (
            export.read(HousingQueueEntry)
            .filter(child__in=export.children())
            .values_list("district_id", flat=True)
            .distinct()
        )
