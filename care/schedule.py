"""The visit schedule as pure functions over dates (no database).

Due dates of a placement: the first `first_visit_days` after the start, then every
`interval_months` counted from that first due date (first + k x interval: from 31
August, 28 or 29 February, then 31 August again), while the placement lasts (before its
end date), before the child's 18th birthday, and within `duration_months` of the
start where the rule sets it. Each due date takes visits from its window start (the
placement's start for the first, the previous due date after that); a visit fulfils
the earliest unfulfilled due date whose window it falls in, on time when it is made
on or before that due date.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from children.ages import coming_of_age


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the month's last day when needed."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class Due:
    number: int
    due_date: datetime.date
    window_start: datetime.date
    monitoring_end: datetime.date
    visit_id: int | None = None
    fulfilled_on: datetime.date | None = None

    @property
    def on_time(self) -> bool:
        return self.fulfilled_on is not None and self.fulfilled_on <= self.due_date


def monitoring_end(
    *,
    start: datetime.date,
    end: datetime.date | None,
    birth_date: datetime.date,
    duration_months: int | None,
) -> datetime.date:
    """The first day on which the placement is no longer monitored."""
    limit = coming_of_age(birth_date)
    if end is not None:
        limit = min(limit, end)
    if duration_months:
        limit = min(limit, add_months(start, duration_months))
    return limit


def due_dates(
    *,
    start: datetime.date,
    end: datetime.date | None,
    birth_date: datetime.date,
    first_visit_days: int,
    interval_months: int,
    duration_months: int | None,
) -> list[Due]:
    """The visits due for one placement under one rule (not yet matched with visits).

    Later due dates are counted from the first one (first + k x interval), which is
    the previous due date plus the interval without drifting at month ends."""
    limit = monitoring_end(
        start=start, end=end, birth_date=birth_date, duration_months=duration_months
    )
    first = start + datetime.timedelta(days=first_visit_days)
    dues: list[Due] = []
    window = start
    number = 0
    while True:
        day = add_months(first, number * interval_months)
        if day >= limit:
            return dues
        number += 1
        dues.append(Due(number, day, window, limit))
        window = day


def match_visits(dues: list[Due], visits: Iterable[tuple[int, datetime.date]]) -> list[Due]:
    """Give each visit (id, date) to the earliest unfulfilled due date whose window it
    falls in. A visit made before any open window (a second visit before the first due
    date, say) fulfils nothing."""
    matched = list(dues)
    for visit_id, day in sorted(visits, key=lambda visit: (visit[1], visit[0])):
        for index, due in enumerate(matched):
            if due.visit_id is None and due.window_start <= day:
                matched[index] = Due(
                    due.number, due.due_date, due.window_start, due.monitoring_end, visit_id, day
                )
                break
    return matched
