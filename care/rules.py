"""The rules the follow-up records obey, as pure functions over values.

Each returns a list of `(field, message)` pairs, empty when all is well (see
`registry.records.rules`); the services check them against the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from children.ages import coming_of_age
from children.models import CARER_FORMS, InstitutionKind, PlacementEndReason, PlacementForm
from registry.records.rules import (
    Errors,
    Missing,
    dates_errors,
    fmt,
    not_in_future,
    overlapping,
    period_errors,
)

MAX_FIRST_VISIT_DAYS = 366
MAX_INTERVAL_MONTHS = 60


def schedule_rule_errors(
    *, first_visit_days: int | None, interval_months: int | None, duration_months: int | None
) -> Errors:
    errors: Errors = []
    if first_visit_days is None or not 1 <= first_visit_days <= MAX_FIRST_VISIT_DAYS:
        errors.append(
            (
                "first_visit_days",
                _("Give a number of days from 1 to %(max)s.") % {"max": MAX_FIRST_VISIT_DAYS},
            )
        )
    if interval_months is None or not 1 <= interval_months <= MAX_INTERVAL_MONTHS:
        errors.append(
            (
                "interval_months",
                _("Give a number of months from 1 to %(max)s.") % {"max": MAX_INTERVAL_MONTHS},
            )
        )
    if duration_months is not None and duration_months < 1:
        errors.append(
            (
                "duration_months",
                _(
                    "Give a positive number of months, or leave it empty: as long as the "
                    "placement lasts."
                ),
            )
        )
    return errors


def visit_errors(
    *,
    date: datetime.date,
    placement_form: str,
    placement_start: datetime.date,
    placement_end: datetime.date | None,
    today: datetime.date,
) -> Errors:
    """A visit is to a receiving family, within the placement's period, not in the future."""
    errors = not_in_future("date", date, today)
    if placement_form not in CARER_FORMS:
        errors.append(
            (
                "placement",
                _("Monitoring visits are made to receiving families; choose a family placement."),
            )
        )
    if date < placement_start:
        errors.append(
            (
                "date",
                _("The placement started on %(date)s: a visit cannot be dated before it.")
                % {"date": fmt(placement_start)},
            )
        )
    elif placement_end is not None and date >= placement_end:
        errors.append(
            (
                "date",
                _("The placement ended on %(date)s: a visit must be dated before its end.")
                % {"date": fmt(placement_end)},
            )
        )
    return errors


def danger_errors(*, conclusion: str, has_action: bool) -> Errors:
    if conclusion == "danger" and not has_action:
        return [
            (
                "action_description",
                Missing(
                    "danger_action",
                    _(
                        "A visit that finds the child in danger needs a follow-up action: "
                        "describe what is to be done, by whom and by when."
                    ),
                ),
            )
        ]
    return []


def action_errors(
    *,
    visit_date: datetime.date,
    description: str,
    due_date: datetime.date | None,
    responsible: str,
    done_on: datetime.date | None,
    result: str,
    today: datetime.date,
    prefix: str = "",
) -> Errors:
    """A follow-up action: what, by whom, by when (not before the visit); done not in
    the future and not before the visit. What it does not state is one detail, the
    action's ("action")."""
    errors: Errors = []
    if not description.strip():
        errors.append((f"{prefix}description", Missing("action", _("Describe the action."))))
    if not responsible.strip():
        errors.append((f"{prefix}responsible", Missing("action", _("Name who is responsible."))))
    if due_date is None:
        errors.append(
            (
                f"{prefix}due_date",
                Missing("action", _("Give the date by which it is to be done.")),
            )
        )
    elif due_date < visit_date:
        errors.append(
            (
                f"{prefix}due_date",
                _("The visit was on %(date)s: the action cannot be due before it.")
                % {"date": fmt(visit_date)},
            )
        )
    if done_on is not None:
        errors += not_in_future(f"{prefix}done_on", done_on, today)
        if done_on < visit_date:
            errors.append(
                (
                    f"{prefix}done_on",
                    _("The visit was on %(date)s: the action cannot be done before it.")
                    % {"date": fmt(visit_date)},
                )
            )
    elif result.strip():
        errors.append(
            (
                f"{prefix}done_on",
                Missing("action", _("Give the date it was done, or leave the result empty.")),
            )
        )
    return errors


def life_plan_errors(
    *,
    birth_date: datetime.date,
    start: datetime.date,
    end: datetime.date | None,
    next_review_date: datetime.date | None,
    others: Iterable,
    today: datetime.date,
) -> Errors:
    errors = dates_errors(start, end, today)
    if start < birth_date:
        errors.append(("start_date", _("A plan cannot start before the child was born.")))
    if next_review_date is not None and next_review_date <= start:
        errors.append(("next_review_date", _("The next review comes after the start of the plan.")))
    clash = overlapping(start, end, others)
    if clash is not None:
        errors.append(
            (
                None,
                _(
                    "This plan overlaps the plan from %(start)s: a child has one life plan at a "
                    "time. End that one first."
                )
                % {"start": fmt(clash.start_date)},
            )
        )
    return errors


def review_errors(
    *,
    date: datetime.date,
    next_review_date: datetime.date | None,
    plan_start: datetime.date,
    plan_end: datetime.date | None,
    today: datetime.date,
) -> Errors:
    errors = not_in_future("date", date, today)
    if date < plan_start or (plan_end is not None and date >= plan_end):
        errors.append(("date", _("A review is dated within the plan's period.")))
    if next_review_date is not None and next_review_date <= date:
        errors.append(("next_review_date", _("The next review comes after this one.")))
    return errors


# Leaving an institution as its graduate: on coming of age, or (an underage graduate)
# to study or work ("other"); not a move, a return to parents or an adoption.
GRADUATE_END_REASONS = (PlacementEndReason.CAME_OF_AGE, PlacementEndReason.OTHER)


def left_institution_on(placements: Iterable) -> datetime.date | None:
    """The day a graduate left their institution: the child's last placement is in an
    institution and ended on coming of age or for another reason (to study, to work)."""
    ordered = sorted(placements, key=lambda p: (p.start_date, p.pk or 0))
    if not ordered:
        return None
    last = ordered[-1]
    if (
        last.form == PlacementForm.INSTITUTION
        and last.end_date is not None
        and last.end_reason in GRADUATE_END_REASONS
    ):
        return last.end_date
    return None


def graduate_errors(
    *, left_care_on: datetime.date, institution_left_on: datetime.date | None, today: datetime.date
) -> Errors:
    errors = not_in_future("left_care_on", left_care_on, today)
    if institution_left_on is None:
        errors.append(
            (
                None,
                _(
                    "A graduate record is for a young person who left an institution: the last "
                    "placement is in an institution and ended on coming of age or for another "
                    "reason (to study, to work)."
                ),
            )
        )
    elif left_care_on < institution_left_on:
        errors.append(
            (
                "left_care_on",
                _("The placement in the institution ended on %(date)s.")
                % {"date": fmt(institution_left_on)},
            )
        )
    return errors


def youth_home_errors(*, kind: str, is_active: bool) -> Errors:
    if kind != InstitutionKind.YOUTH_HOME:
        return [("institution", _("Choose a youth home."))]
    if not is_active:
        return [("institution", _("This youth home is closed."))]
    return []


def peak_occupancy(
    stays: Iterable[tuple[datetime.date, datetime.date | None]],
    start: datetime.date,
    end: datetime.date | None,
) -> tuple[int, datetime.date]:
    """The largest number of `stays` (start, end) active on one day of [start, end), and
    the first such day. Occupancy only rises on a start date, so those are the days to
    look at."""
    stays = list(stays)
    days = {start} | {s for s, _e in stays if s > start and (end is None or s < end)}
    best, best_day = 0, start
    for day in sorted(days):
        count = sum(1 for s, e in stays if s <= day and (e is None or e > day))
        if count > best:
            best, best_day = count, day
    return best, best_day


def capacity_errors(
    *,
    home: str,
    capacity: int | None,
    stays: Iterable[tuple[datetime.date, datetime.date | None]],
    start: datetime.date,
    end: datetime.date | None,
) -> Errors:
    """Placing one more young person must keep the home within its places, on every day."""
    if capacity is None:
        return [
            (
                "institution",
                _(
                    "The number of places of %(home)s is not recorded, so nobody can be placed "
                    "there. The administrator records it under Institutions."
                )
                % {"home": home},
            )
        ]
    occupied, day = peak_occupancy(stays, start, end)
    if occupied >= capacity:
        return [
            (
                "institution",
                ngettext(
                    "%(home)s is full: its %(places)s place is taken on %(date)s. Put the "
                    "young person on the waiting list instead.",
                    "%(home)s is full: all %(places)s places are taken on %(date)s. Put the "
                    "young person on the waiting list instead.",
                    capacity,
                )
                % {"home": home, "places": capacity, "date": fmt(day)},
            )
        ]
    return []


def stay_errors(
    *, start: datetime.date, end, end_reason: str, birth_date, others: Iterable, today
) -> Errors:
    errors = period_errors(start, end, end_reason, today)
    if start < birth_date:
        errors.append(("start_date", _("A stay cannot start before the child was born.")))
    clash = overlapping(start, end, others)
    if clash is not None:
        errors.append(
            (
                None,
                _(
                    "This stay overlaps the stay from %(start)s: a young person lives in one "
                    "youth home at a time."
                )
                % {"start": fmt(clash.start_date)},
            )
        )
    return errors


def waiting_errors(
    *,
    start: datetime.date,
    end,
    end_reason: str,
    birth_date: datetime.date,
    institution_left_on: datetime.date | None,
    others: Iterable,
    today: datetime.date,
) -> Errors:
    """The waiting list is for underage graduates: under 18 on the date they are put on
    it, after they left the institution."""
    errors = period_errors(start, end, end_reason, today)
    if start >= coming_of_age(birth_date):
        errors.append(
            (
                "start_date",
                _(
                    "On %(date)s the young person is already 18: the waiting list is for "
                    "graduates under 18."
                )
                % {"date": fmt(start)},
            )
        )
    if institution_left_on is None:
        errors.append(
            (
                None,
                _(
                    "The waiting list is for graduates: the last placement is in an institution "
                    "and ended on coming of age or for another reason (to study, to work)."
                ),
            )
        )
    elif start < institution_left_on:
        errors.append(
            (
                "start_date",
                _(
                    "The placement in the institution ended on %(date)s: the waiting starts on "
                    "or after it."
                )
                % {"date": fmt(institution_left_on)},
            )
        )
    clash = overlapping(start, end, others)
    if clash is not None:
        errors.append(
            (
                None,
                _("The young person is already on the waiting list since %(start)s.")
                % {"start": fmt(clash.start_date)},
            )
        )
    return errors
