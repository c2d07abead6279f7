"""The rules of dates and periods every dated record obeys, as pure functions over
values, and how rules report what is wrong.

A rule returns a list of `(field, message)` pairs, empty when all is well; messages
are in the active language. A message that asks for a detail the record does not
state is `Missing`: the pages refuse the record without it like any other error,
the workbook import keeps the record "not stated" (see `registry.records.gaps`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

Errors = list[tuple[str | None, str]]


class Missing(str):
    """The message of a rule that asks for a detail a record does not state (an end
    reason, a share's size, …). The pages refuse a new entry or a correction without
    it, like any other error; the workbook import keeps the record as "not stated",
    incomplete, a gap to complete later (`registry.records.gaps`). `what` names the
    detail, which with the record's model names the kind of gap
    ("placement.end_reason")."""

    what: str

    def __new__(cls, what: str, message: str):
        missing = super().__new__(cls, message)
        missing.what = what
        return missing


def hard(errors: Errors) -> Errors:
    """The errors that refuse a record wherever it comes from: all but `Missing`."""
    return [(field, message) for field, message in errors if not isinstance(message, Missing)]


def missing(errors: Errors) -> list[Missing]:
    """The details `errors` say the record does not state."""
    return [message for _field, message in errors if isinstance(message, Missing)]


def for_fields(errors: Errors, fields: Iterable[str]) -> Errors:
    """The errors an action that sets only `fields` (ending a record, marking an action
    done) must answer: every hard error, and the details it leaves out among those
    fields. A detail missing elsewhere is the record's own gap, which its Correct form
    completes; it does not stop the record from ending."""
    fields = set(fields)
    return [(f, m) for f, m in errors if not isinstance(m, Missing) or f in fields]


def today() -> datetime.date:
    """The register's today: the local date of the deployment's time zone."""
    return timezone.localdate()


def fmt(day: datetime.date) -> str:
    return date_format(day, "d.m.Y")


def raise_if(errors: Errors) -> None:
    """Raise one ValidationError carrying every message, keyed by field."""
    if not errors:
        return
    by_field: dict[str, list[str]] = {}
    for field, message in errors:
        by_field.setdefault(field or "__all__", []).append(message)
    raise ValidationError(by_field)


def not_in_future(field: str, day: datetime.date | None, today: datetime.date) -> Errors:
    if day is not None and day > today:
        return [(field, _("The date %(date)s is in the future.") % {"date": fmt(day)})]
    return []


def not_before_birth(field: str, day: datetime.date | None, birth_date: datetime.date) -> Errors:
    if day is not None and day < birth_date:
        return [
            (
                field,
                _("The date %(date)s is before the child was born (%(birth)s).")
                % {"date": fmt(day), "birth": fmt(birth_date)},
            )
        ]
    return []


def dates_errors(
    start: datetime.date | None, end: datetime.date | None, today: datetime.date
) -> Errors:
    """Dates of a period: not in the future, the end not before the start."""
    errors = not_in_future("start_date", start, today) + not_in_future("end_date", end, today)
    if start is not None and end is not None and end < start:
        errors.append(
            (
                "end_date",
                _("The end date %(end)s is before the start date %(start)s.")
                % {"end": fmt(end), "start": fmt(start)},
            )
        )
    return errors


def period_errors(
    start: datetime.date | None,
    end: datetime.date | None,
    end_reason: str,
    today: datetime.date,
) -> Errors:
    """Dates of a period that ends with a reason: its dates, and the reason it ended
    (given with the end, and only with it)."""
    errors = dates_errors(start, end, today)
    if end is not None and not end_reason:
        errors.append(("end_reason", Missing("end_reason", _("Give the reason why it ended."))))
    if end is None and end_reason:
        errors.append(
            (
                "end_date",
                Missing("end_date", _("Give the date it ended, or leave the reason empty.")),
            )
        )
    return errors


def overlapping(start: datetime.date, end: datetime.date | None, others: Iterable) -> object | None:
    """The first of `others` (records with start_date, end_date) whose period overlaps
    [start, end). Periods that only touch (one ends the day the other starts) do not."""
    for other in others:
        starts_before_other_ends = other.end_date is None or start < other.end_date
        ends_after_other_starts = end is None or end > other.start_date
        if starts_before_other_ends and ends_after_other_starts:
            return other
    return None


def parse_share(text: str) -> Fraction | None:
    """The fraction `p/q` written in `text` when 0 < p/q <= 1, else None (a share of
    housing, a share of income)."""
    numerator, slash, denominator = (text or "").replace(" ", "").partition("/")
    if not slash or not numerator.isdigit() or not denominator.isdigit():
        return None
    if int(denominator) == 0:
        return None
    share = Fraction(int(numerator), int(denominator))
    return share if 0 < share <= 1 else None
