"""The rules a child's records obey, as pure functions over values.

The services check them against the database; the workbook import checks them
against a whole workbook before writing anything. Each returns a list of
`(field, message)` pairs, empty when all is well; messages are in the active
language.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from children.ages import age_at, coming_of_age
from children.iin import iin_errors
from children.models import CARER_FORMS, InstitutionKind, PlacementForm
from registry.records.rules import Errors, Missing, fmt, not_in_future, overlapping, period_errors

GUARDIANSHIP_MAX_AGE = 14  # guardianship below 14, trusteeship from 14 to 18


def identity_errors(
    *,
    iin: str | None,
    birth_date: datetime.date | None,
    sex: str,
    today: datetime.date,
) -> Errors:
    errors: Errors = []
    if birth_date is not None:
        errors += not_in_future("birth_date", birth_date, today)
    if iin:
        errors += [("iin", message) for message in iin_errors(iin, birth_date, sex)]
    return errors


def status_errors(
    *,
    reason: str,
    birth_date: datetime.date | None,
    start: datetime.date | None,
    end: datetime.date | None,
    end_reason: str,
    others: Iterable,
    today: datetime.date,
) -> Errors:
    errors = period_errors(start, end, end_reason, today)
    if not reason:
        errors.append(("reason", Missing("reason", _("Choose the reason for the status."))))
    if start is not None and birth_date is not None:  # a form without them: the others speak
        if start < birth_date:
            errors.append(
                (
                    "start_date",
                    _("A status cannot start before the child was born (%(date)s).")
                    % {"date": fmt(birth_date)},
                )
            )
        if start >= coming_of_age(birth_date):
            errors.append(
                (
                    "start_date",
                    _("On %(date)s the child is already 18: the status cannot start.")
                    % {"date": fmt(start)},
                )
            )
    clash = overlapping(start, end, others) if start is not None else None
    if clash is not None:
        errors.append(
            (
                None,
                _(
                    "This status overlaps the status from %(start)s: a child has one "
                    "status at a time. End that one first."
                )
                % {"start": fmt(clash.start_date)},
            )
        )
    return errors


def placement_errors(
    *,
    form: str,
    birth_date: datetime.date,
    registered_on: datetime.date,
    start: datetime.date | None,
    end: datetime.date | None,
    end_reason: str,
    has_institution: bool,
    carer_name: str,
    carer_iin: str,
    others: Iterable,
    today: datetime.date,
    institution_kind: str = "",
    status_start: datetime.date | None = None,
) -> Errors:
    """`institution_kind`: the kind of the institution named (InstitutionKind), if known.

    A placement starts from the child's first status (`status_start`: when the child
    was left without parental care), when known and earlier than the registration,
    else from the registration: a child registered today may have been placed last
    month, when the guardianship authority took the decision."""
    errors = period_errors(start, end, end_reason, today)
    if start is not None:  # a form without it: the other rules still speak
        if start < birth_date:
            errors.append(
                (
                    "start_date",
                    _("A placement cannot start before the child was born (%(date)s).")
                    % {"date": fmt(birth_date)},
                )
            )
        elif status_start is not None and status_start < registered_on:
            if start < status_start:
                errors.append(
                    (
                        "start_date",
                        _("A placement cannot start before the child's status began (%(date)s).")
                        % {"date": fmt(status_start)},
                    )
                )
        elif start < registered_on:
            errors.append(
                (
                    "start_date",
                    _(
                        "A placement cannot start before the child came into the register "
                        "(%(date)s)."
                    )
                    % {"date": fmt(registered_on)},
                )
            )
        age = age_at(birth_date, start)
        if age >= 18:
            errors.append(
                (
                    "start_date",
                    _("On %(date)s the child is already 18: no placement can start.")
                    % {"date": fmt(start)},
                )
            )
        elif form == PlacementForm.GUARDIANSHIP and age >= GUARDIANSHIP_MAX_AGE:
            errors.append(
                (
                    "form",
                    _(
                        "Guardianship is for a child under 14; on %(date)s the child is "
                        "%(age)s. Choose trusteeship."
                    )
                    % {"date": fmt(start), "age": age},
                )
            )
        elif form == PlacementForm.TRUSTEESHIP and age < GUARDIANSHIP_MAX_AGE:
            errors.append(
                (
                    "form",
                    _(
                        "Trusteeship is for a child from 14 to 18; on %(date)s the child is "
                        "%(age)s. Choose guardianship."
                    )
                    % {"date": fmt(start), "age": age},
                )
            )
    if form == PlacementForm.INSTITUTION and not has_institution:
        errors.append(("institution", Missing("institution", _("Choose the institution."))))
    if form == PlacementForm.INSTITUTION and institution_kind == InstitutionKind.YOUTH_HOME:
        errors.append(
            (
                "institution",
                _(
                    "A youth home is not a placement: it houses graduates. Choose the "
                    "institution the child is placed in; a stay in a youth home is "
                    "recorded in the child's follow-up."
                ),
            )
        )
    if form != PlacementForm.INSTITUTION and has_institution:
        errors.append(
            ("institution", _("Only a placement in an institution names an institution."))
        )
    if form in CARER_FORMS and not carer_name.strip():
        errors.append(
            (
                "carer_name",
                Missing(
                    "carer_name", _("Give the name of the guardian, carer or adoptive parent.")
                ),
            )
        )
    if carer_iin:
        errors += [("carer_iin", message) for message in iin_errors(carer_iin)]
    clash = overlapping(start, end, others) if start is not None else None
    if clash is not None:
        errors.append(
            (
                None,
                _(
                    "This placement overlaps the placement from %(start)s (%(form)s): a "
                    "child is in one form of care at a time."
                )
                % {"start": fmt(clash.start_date), "form": clash.get_form_display()},
            )
        )
    return errors


def transfer_errors(
    *,
    from_district_id: int,
    to_district_id: int | None,
    date: datetime.date,
    registered_on: datetime.date,
    last_transfer_date: datetime.date | None,
    today: datetime.date,
) -> Errors:
    errors = not_in_future("date", date, today)
    if to_district_id is None:
        errors.append(("to_district", _("Choose the district that takes the case.")))
    elif to_district_id == from_district_id:
        errors.append(("to_district", _("The case is already in this district.")))
    if date < registered_on:
        errors.append(
            (
                "date",
                _("A transfer cannot be dated before the child came into the register (%(date)s).")
                % {"date": fmt(registered_on)},
            )
        )
    if last_transfer_date is not None and date <= last_transfer_date:
        errors.append(
            (
                "date",
                _("The case was last transferred on %(date)s; a new transfer must be dated later.")
                % {"date": fmt(last_transfer_date)},
            )
        )
    return errors


def transfer_from_errors(
    *,
    from_district_id: int,
    holding_district_id: int,
    holding_district: str,
    date: datetime.date,
) -> Errors:
    """A transfer hands the case over from the district that keeps it on that date
    (the district of registration, or the one the previous transfer gave it to)."""
    if from_district_id == holding_district_id:
        return []
    return [
        (
            "from_district",
            _("On %(date)s the case was kept by %(district)s: a transfer hands it over from there.")
            % {"date": fmt(date), "district": holding_district},
        )
    ]
