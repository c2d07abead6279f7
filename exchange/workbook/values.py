"""Reading one cell: what users write in their lists, turned into the register's values.

Each parser takes a non-empty cell value as openpyxl gives it (str, int, float, bool,
datetime) and returns the value, or raises `CellError` with the message the user sees.
Empty cells never reach a parser: the reader turns them into None.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from children.models import Sex
from exchange.workbook.terms import normalize, vocabulary

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
WHOLE_NUMBER = re.compile(r"^[+-]?\d+$")
TEMPORARY_PREFIX = "TMP-"
TEMPORARY_LENGTH = 40  # exchange.WorkbookKey.key
SHOWN_LENGTH = 60
YES = {"yes", "y", "true", "1", "да", "иә", "ия"}
NO = {"no", "n", "false", "0", "нет", "жоқ"}


class CellError(ValueError):
    """The value of a cell cannot be read; `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def shown(value) -> str:
    """A cell value as quoted back to the user."""
    text = str(value).strip()
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def _integral(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def text(value) -> str:
    if type(value) is str:  # most cells: what follows gives the same
        return value.strip()
    number = _integral(value)
    if number is not None:
        return str(number)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date().isoformat()
    return str(value).strip()


def ignored(value) -> None:
    """A column the export writes for its readers and the import does not read (a
    figure the register computes): whatever the cell holds, nothing, and no error."""
    return None


_DAYS: dict[datetime.datetime, datetime.date] = {}


def date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        day = _DAYS.get(value)
        if day is None:  # one object per day, however many cells name it
            day = _DAYS[value] = value.date()
            if len(_DAYS) > 100_000:
                _DAYS.clear()
        return day
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        raw = value.strip()
        if match := ISO_DATE.match(raw):
            year, month, day = match.groups()
        elif match := DOTTED_DATE.match(raw):
            day, month, year = match.groups()
        else:
            match = None
        if match:
            try:
                return datetime.date(int(year), int(month), int(day))
            except ValueError:
                raise CellError(
                    _("The date %(value)s does not exist.") % {"value": shown(value)}
                ) from None
    raise CellError(
        _("“%(value)s” is not a date: write it as DD.MM.YYYY or YYYY-MM-DD, or use a date cell.")
        % {"value": shown(value)}
    )


LARGEST = 2**31 - 1  # what an integer column of every database holds


def integer(value) -> int:
    number = _integral(value)
    if number is None and isinstance(value, str):
        digits = value.strip().replace(" ", "")
        number = int(digits) if WHOLE_NUMBER.match(digits) else None
    if number is None:
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": shown(value)})
    if abs(number) > LARGEST:
        raise CellError(_("The number %(value)s is too large.") % {"value": shown(value)})
    return number


def amount(value) -> Decimal:
    """A sum of money or another decimal number ("12 500,50" is accepted)."""
    if isinstance(value, bool | datetime.date):
        raise CellError(_("“%(value)s” is not a number.") % {"value": shown(value)})
    if isinstance(value, int | float):
        return Decimal(str(value))
    raw = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CellError(_("“%(value)s” is not a number.") % {"value": shown(value)}) from None
    if not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": shown(value)})
    return number


MONEY_DIGITS = 10  # before the point: the register's sums (12 digits, 2 of them cents)


def money(value) -> Decimal:
    """A sum in tenge: at most two decimal places ("12 500,50" is accepted). A
    number cell's float noise (15000.000000001) is rounded away."""
    if isinstance(value, float):
        rounded = round(value, 2)
        if abs(value - rounded) < 1e-6:
            value = rounded
    number = amount(value)
    if abs(number) >= 10**MONEY_DIGITS:  # before quantize, which a huge number overflows
        raise CellError(_("The number %(value)s is too large.") % {"value": shown(value)})
    if number.as_tuple().exponent < -2 and number != number.quantize(Decimal("0.01")):
        raise CellError(
            _("“%(value)s” has more than two decimal places: tenge and tiyn.")
            % {"value": shown(value)}
        )
    number = number.quantize(Decimal("0.01"))
    if abs(number) >= 10**MONEY_DIGITS:  # 9999999999.995 rounds up to ten digits
        raise CellError(_("The number %(value)s is too large.") % {"value": shown(value)})
    return number


def boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    word = normalize(text(value))
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(_("“%(value)s” is not yes or no.") % {"value": shown(value)})


CODES_KEPT = 10_000  # cell values a code column remembers as read


def code(choices):
    """A parser for one of the codes of `choices` (a TextChoices), also written as
    its label or glossary term in any of the register's languages."""

    read: dict[tuple, str] = {}  # (type, cell value) -> code: a column repeats a few words

    def parse(value) -> str:
        key = (type(value), value)
        found = read.get(key)
        if found is not None:
            return found
        found = vocabulary(choices).get(normalize(text(value)))
        if found is not None and len(read) < CODES_KEPT:
            read[key] = found
        if found is None:
            raise CellError(
                _("“%(value)s” is not one of the codes of this column: %(codes)s.")
                % {"value": shown(value), "codes": ", ".join(choices.values)}
            )
        return found

    parse.choices = choices
    return parse


sex = code(Sex)


def iin_text(value) -> str:
    """An IIN as text. A number cell lost the leading zero of people born in
    2000-2009 (050601…): it is put back."""
    number = _integral(value)
    if number is not None and 0 <= number < 10**12:
        return f"{number:012d}"
    return "".join(str(value).split())


def child_key(value) -> str:
    """The `iin` column: a child's IIN, or the temporary key (TMP-…) of a child whose
    IIN is not known yet."""
    key = iin_text(value)
    if key.upper().startswith(TEMPORARY_PREFIX):
        if len(key) > TEMPORARY_LENGTH:
            raise CellError(
                _("A temporary key has at most %(limit)s characters.") % {"limit": TEMPORARY_LENGTH}
            )
        return key.upper()
    return key


def is_temporary(key: str) -> bool:
    return key.startswith(TEMPORARY_PREFIX)
