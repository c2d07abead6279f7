"""The housing queue: a child put on it, its position kept up to date, the entry ended.

An entry ends when housing is provided (see `housing.services.provisions`, which
ends it in the same transaction) or by a removal that must be explained.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from children.models import Child
from housing import rules
from housing.models import HousingProvision, HousingQueueEntry, QueueEndReason
from registry.records.rules import raise_if
from registry.records.services import end_record, update_record
from registry.services.base import service


def _others(child: Child, exclude_pk: int | None = None) -> list[HousingQueueEntry]:
    entries = child.housing_queue_entries.select_related("district")
    return list(entries.exclude(pk=exclude_pk) if exclude_pk else entries)


@service
def queue_entry_add(
    *,
    actor,
    child: Child,
    district,
    start_date: datetime.date,
    position: int | None = None,
    position_on: datetime.date | None = None,
) -> HousingQueueEntry:
    """Put the child on `district`'s housing queue from `start_date`."""
    if position is not None and position_on is None:
        position_on = start_date
    raise_if(
        rules.queue_entry_errors(
            birth_date=child.birth_date,
            start=start_date,
            end=None,
            end_reason="",
            end_explanation="",
            position=position,
            position_on=position_on,
            others=_others(child),
            today=timezone.localdate(),
        )
    )
    entry = HousingQueueEntry(
        child=child,
        district=district,
        start_date=start_date,
        position=position,
        position_on=position_on if position is not None else None,
    )
    entry.full_clean()
    entry.save()
    return entry


@service
def queue_entry_set_position(
    *,
    actor,
    entry: HousingQueueEntry,
    version: int | None,
    position: int | None,
    position_on: datetime.date | None,
) -> HousingQueueEntry:
    """The akimat states the child's current position; the audit trail keeps the earlier
    ones."""
    if entry.end_date is not None:
        raise ValidationError(
            _("This queue entry has ended: its position no longer changes."), code="ended"
        )
    if position is not None and position_on is None:
        position_on = timezone.localdate()
    return update_record(
        entry,
        version=version,
        check=lambda: rules.position_errors(
            position, position_on, entry.start_date, timezone.localdate()
        ),
        position=position,
        position_on=position_on if position is not None else None,
    )


@service
def queue_entry_end(
    *,
    actor,
    entry: HousingQueueEntry,
    version: int | None,
    end_date: datetime.date,
    end_reason: str,
    end_explanation: str = "",
) -> HousingQueueEntry:
    """Remove the child from the queue, with the explanation every removal needs.

    Housing provided ends the entry through `housing_provision_add`, which records where."""

    def check():
        if end_reason == QueueEndReason.PROVIDED:
            return [("end_reason", rules.provided_without_housing())]
        return rules.queue_entry_errors(
            birth_date=entry.child.birth_date,
            start=entry.start_date,
            end=end_date,
            end_reason=end_reason,
            end_explanation=end_explanation,
            position=entry.position,
            position_on=entry.position_on,
            others=_others(entry.child, exclude_pk=entry.pk),
            today=timezone.localdate(),
        )

    return end_record(
        entry,
        version=version,
        check=check,
        end_date=end_date,
        end_reason=end_reason,
        end_explanation=end_explanation.strip(),
    )


@service
def queue_entry_correct(
    *,
    actor,
    entry: HousingQueueEntry,
    version: int | None,
    district,
    start_date: datetime.date,
    end_date: datetime.date | None,
    end_reason: str,
    end_explanation: str = "",
) -> HousingQueueEntry:
    """Correct a mistake in a queue entry (its queue, dates, how it ended); the audit
    trail keeps what it said before. The position keeps its own form. An entry closed by
    housing provided ends with it: that is corrected on the housing provided."""
    provision = HousingProvision.objects.filter(queue_entry=entry).first()

    def check():
        return rules.queue_entry_errors(
            birth_date=entry.child.birth_date,
            start=start_date,
            end=end_date,
            end_reason=end_reason,
            end_explanation=end_explanation,
            position=entry.position,
            position_on=entry.position_on,
            others=_others(entry.child, exclude_pk=entry.pk),
            today=timezone.localdate(),
        ) + rules.closing_errors(
            end=end_date,
            end_reason=end_reason,
            provided_on=[provision.date] if provision is not None else [],
        )

    return update_record(
        entry,
        version=version,
        check=check,
        district=district,
        start_date=start_date,
        end_date=end_date,
        end_reason=end_reason,
        end_explanation=end_explanation.strip(),
    )
