"""The rules housing records obey, as pure functions over values.

The services check them against the database; the workbook import can check them
against a whole workbook before writing anything. Each returns `(field, message)`
pairs, empty when all is well; messages are in the active language.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from housing.models import HousingKind, QueueEndReason
from registry.records.rules import (
    Errors,
    Missing,
    fmt,
    not_before_birth,
    not_in_future,
    overlapping,
    parse_share,
    period_errors,
)


def share_size_errors(kind: str, share_size: str) -> Errors:
    share_size = (share_size or "").strip()
    if kind == HousingKind.SHARE:
        if not share_size:
            return [
                ("share_size", Missing("share_size", _("Give the size of the share, such as 1/3.")))
            ]
        if parse_share(share_size) is None:
            return [
                (
                    "share_size",
                    _("The share must be a fraction such as 1/3: more than 0 and at most 1."),
                )
            ]
    elif share_size:
        return [("share_size", _("A share size is given only for ownership of a share."))]
    return []


def address_errors(address: str) -> Errors:
    if not (address or "").strip():
        return [("address", Missing("address", _("Give the address of the housing.")))]
    return []


def housing_right_errors(
    *,
    kind: str,
    share_size: str,
    address: str,
    birth_date: datetime.date,
    start: datetime.date,
    end: datetime.date | None,
    end_reason: str,
    today: datetime.date,
) -> Errors:
    errors = period_errors(start, end, end_reason, today)
    errors += not_before_birth("start_date", start, birth_date)
    errors += share_size_errors(kind, share_size)
    errors += address_errors(address)
    return errors


def queue_entry_errors(
    *,
    birth_date: datetime.date,
    start: datetime.date,
    end: datetime.date | None,
    end_reason: str,
    end_explanation: str,
    position: int | None,
    position_on: datetime.date | None,
    others: Iterable,
    today: datetime.date,
) -> Errors:
    """A queue entry: its dates, its position, a reasoned removal, one queue at a time.

    `others` are the child's other queue entries (with `district` readable)."""
    errors = period_errors(start, end, end_reason, today)
    errors += not_before_birth("start_date", start, birth_date)
    errors += position_errors(position, position_on, start, today)
    if end_reason == QueueEndReason.REMOVED and not (end_explanation or "").strip():
        errors.append(
            (
                "end_explanation",
                Missing(
                    "end_explanation",
                    _(
                        "Explain why the child is removed from the queue: every removal must "
                        "be reasoned."
                    ),
                ),
            )
        )
    clash = overlapping(start, end, others)
    if clash is not None:
        errors.append(
            (
                None,
                _(
                    "The child already stands in the housing queue of %(district)s from "
                    "%(start)s: a child is in one queue at a time."
                )
                % {"district": clash.district, "start": fmt(clash.start_date)},
            )
        )
    return errors


def provided_without_housing() -> str:
    return _(
        "To end the entry because housing was provided, record the housing provided: that "
        "ends the entry."
    )


def closing_errors(
    *, end: datetime.date | None, end_reason: str, provided_on: Iterable[datetime.date]
) -> Errors:
    """A queue entry ended "provided" is closed by the housing provided on its end date;
    housing that closed an entry fixes how it ends. `provided_on`: the dates of the
    housing provided that closed this entry. (A reason without its end date is the
    entry's own gap: nothing is closed yet.)"""
    provided = end_reason == QueueEndReason.PROVIDED and end is not None
    provided_on = list(provided_on)
    errors = [
        (
            "end_date",
            _(
                "Housing provided on %(date)s closed this queue entry: the entry ends on that "
                "date, because housing was provided."
            )
            % {"date": fmt(day)},
        )
        for day in provided_on
        if not provided or day != end
    ]
    if provided and end not in provided_on:
        errors.append(("end_reason", provided_without_housing()))
    return errors


def position_errors(
    position: int | None,
    position_on: datetime.date | None,
    start: datetime.date,
    today: datetime.date,
) -> Errors:
    errors: Errors = []
    if position is not None and position < 1:
        errors.append(("position", _("The position in the queue is a whole number from 1.")))
    errors += not_in_future("position_on", position_on, today)
    if position_on is not None and position_on < start:
        errors.append(
            (
                "position_on",
                _("The position cannot be dated before the child was put on the queue (%(date)s).")
                % {"date": fmt(start)},
            )
        )
    return errors


def provision_errors(
    *,
    date: datetime.date,
    address: str,
    birth_date: datetime.date,
    queue_entry=None,
    exception_reason: str,
    today: datetime.date,
) -> Errors:
    """Housing provided: from an open queue entry it closes, or as a stated exception.

    `queue_entry` has start_date and end_date (None while open)."""
    errors = not_in_future("date", date, today)
    errors += not_before_birth("date", date, birth_date)
    errors += address_errors(address)
    if queue_entry is None:
        if not (exception_reason or "").strip():
            errors.append(
                (
                    "exception_reason",
                    Missing(
                        "exception_reason",
                        _(
                            "Housing is provided to someone on the queue: choose the queue "
                            "entry, or state why this is an exception."
                        ),
                    ),
                )
            )
        return errors
    if queue_entry.end_date is not None:
        errors.append(
            (
                "queue_entry",
                _(
                    "This queue entry ended on %(date)s. Choose an open entry, or state why "
                    "this is an exception."
                )
                % {"date": fmt(queue_entry.end_date)},
            )
        )
    elif date < queue_entry.start_date:
        errors.append(
            (
                "date",
                _(
                    "The child was put on the queue on %(start)s, after this date: housing from "
                    "the queue cannot be provided before that."
                )
                % {"start": fmt(queue_entry.start_date)},
            )
        )
    return errors
