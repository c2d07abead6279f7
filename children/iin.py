"""The Kazakh individual identification number (IIN, ЖСН, ИИН).

Twelve digits: YYMMDD of birth; the 7th digit gives century and sex (3/4 born in
the 1900s, 5/6 in the 2000s; odd male, even female); digits 8-11 a serial number;
the 12th a check digit (weights 1..11 mod 11; if that gives 10, weights
3,4,5,6,7,8,9,10,11,1,2 mod 11; if 10 again the number is invalid).
"""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
CENTURY_SEX = {"3": (1900, "M"), "4": (1900, "F"), "5": (2000, "M"), "6": (2000, "F")}


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for these 11 digits, or None when no check digit exists."""
    digits = [int(char) for char in first_eleven]
    value = sum(d * w for d, w in zip(digits, WEIGHTS_FIRST, strict=True)) % 11
    if value == 10:
        value = sum(d * w for d, w in zip(digits, WEIGHTS_SECOND, strict=True)) % 11
    return None if value == 10 else value


def decode(iin: str) -> tuple[datetime.date | None, str | None]:
    """(birth date, sex) that an IIN states, as far as they can be read."""
    if len(iin) != 12 or not iin.isdigit() or iin[6] not in CENTURY_SEX:
        return None, None
    century, sex = CENTURY_SEX[iin[6]]
    try:
        born = datetime.date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        born = None
    return born, sex


def iin_errors(
    iin: str, birth_date: datetime.date | None = None, sex: str | None = None
) -> list[str]:
    """Every reason why `iin` is not the IIN of a person born on `birth_date` of `sex`.

    An empty list means valid. Messages are in the active language.
    """
    if len(iin) != 12 or not iin.isdigit():
        return [_("An IIN is exactly 12 digits.")]
    errors = []
    if iin[6] not in CENTURY_SEX:
        errors.append(
            _("The 7th digit of an IIN must be 3, 4, 5 or 6 (century and sex); it is %(digit)s.")
            % {"digit": iin[6]}
        )
    born, iin_sex = decode(iin)
    if iin[6] in CENTURY_SEX and born is None:
        errors.append(_("The first six digits of the IIN (YYMMDD) are not a real date."))
    if born is not None and birth_date is not None and born != birth_date:
        errors.append(
            _("The IIN gives the birth date %(iin_date)s, but the birth date entered is %(date)s.")
            % {"iin_date": date_format(born, "d.m.Y"), "date": date_format(birth_date, "d.m.Y")}
        )
    if iin_sex is not None and sex in ("M", "F") and iin_sex != sex:
        errors.append(
            _("The 7th digit of the IIN says the person is male.")
            if iin_sex == "M"
            else _("The 7th digit of the IIN says the person is female.")
        )
    expected = check_digit(iin[:11])
    if expected is None or expected != int(iin[11]):
        errors.append(_("The IIN's check digit does not match: look for a mistyped digit."))
    return errors


def is_valid_iin(iin: str | None) -> bool:
    return bool(iin) and not iin_errors(iin)


def make_iin(birth_date: datetime.date, sex: str, serial: int) -> str:
    """A valid IIN for this birth date and sex (demo data, generator, tests).

    Serials whose check digit would be 10 are skipped to the next serial.
    """
    century = 1900 if birth_date.year < 2000 else 2000
    seventh = {(1900, "M"): "3", (1900, "F"): "4", (2000, "M"): "5", (2000, "F"): "6"}[
        (century, sex)
    ]
    while True:
        first = f"{birth_date:%y%m%d}{seventh}{serial % 10000:04d}"
        digit = check_digit(first)
        if digit is not None:
            return f"{first}{digit}"
        serial += 1
