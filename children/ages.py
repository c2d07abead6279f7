"""Ages in whole years, the same in Python and in database filters."""

import datetime

ADULT_AGE = 18


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` earlier; 29 February becomes 28 February.

    Somebody born after `years_before(t, 18)` is younger than 18 at `t`: no date
    lies between 28 February and a 29 February that does not exist.
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_at(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def coming_of_age(birth_date: datetime.date) -> datetime.date:
    """The first day on which the child is 18 (its status ends by itself then)."""
    try:
        return birth_date.replace(year=birth_date.year + ADULT_AGE)
    except ValueError:  # born on 29 February
        return datetime.date(birth_date.year + ADULT_AGE, 3, 1)
