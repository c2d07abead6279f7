"""Registering a child and keeping its identity right."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from children import rules
from children.models import Child, Status
from children.names import name_key, search_key
from registry.records.rules import Errors, fmt, hard, not_in_future, raise_if
from registry.services.base import claim_version, service


class DuplicateIIN(ValidationError):
    """The IIN is already in the register; `existing` is that child."""

    def __init__(self, existing: Child):
        self.existing = existing
        super().__init__(
            {"iin": _("A child with this IIN is already in the register.")}, code="duplicate"
        )


class SimilarChildren(ValidationError):
    """Children with the same name (in any spelling) and birth date exist: a warning
    the user must confirm before the record is saved."""

    def __init__(self, similar: list[Child]):
        self.similar = similar
        super().__init__(
            _(
                "A child with the same name and birth date is already in the register. "
                "Check that it is not the same child before you save."
            ),
            code="similar",
        )


def similar_children(
    *, last_name: str, first_name: str, birth_date: datetime.date, exclude_pk: int | None = None
) -> QuerySet[Child]:
    """Possible duplicates: same birth date and the same name in any spelling."""
    found = Child.objects.filter(
        birth_date=birth_date, name_key=name_key(last_name, first_name)
    ).select_related("district")
    return found.exclude(pk=exclude_pk) if exclude_pk else found


def _clean_iin(iin: str | None) -> str | None:
    iin = (iin or "").strip().replace(" ", "")
    return iin or None


def _check_unique_iin(iin: str | None, exclude_pk: int | None = None) -> None:
    if not iin:
        return
    existing = (
        Child.objects.filter(iin=iin).exclude(pk=exclude_pk).select_related("district").first()
    )
    if existing is not None:
        raise DuplicateIIN(existing)


@service
def child_register(
    *,
    actor,
    district,
    iin: str | None,
    last_name: str,
    first_name: str,
    middle_name: str = "",
    birth_date: datetime.date,
    sex: str,
    registered_on: datetime.date,
    category: str,
    reason: str,
    status_start: datetime.date,
    document: str = "",
    confirm_similar: bool = False,
) -> Child:
    """Open a child's case in `district` with its first status."""
    today = timezone.localdate()
    iin = _clean_iin(iin)
    errors = rules.identity_errors(iin=iin, birth_date=birth_date, sex=sex, today=today)
    errors += not_in_future("registered_on", registered_on, today)
    if registered_on is not None and birth_date is not None and registered_on < birth_date:
        errors.append(("registered_on", _("A child cannot come into the register before birth.")))
    errors += rules.status_errors(
        reason=reason,
        birth_date=birth_date,
        start=status_start,
        end=None,
        end_reason="",
        others=[],
        today=today,
    )
    raise_if(
        [("status_start" if field == "start_date" else field, message) for field, message in errors]
    )
    _check_unique_iin(iin)
    if not confirm_similar:
        similar = list(
            similar_children(last_name=last_name, first_name=first_name, birth_date=birth_date)
        )
        if similar:
            raise SimilarChildren(similar)
    child = Child(
        iin=iin,
        last_name=last_name.strip(),
        first_name=first_name.strip(),
        middle_name=middle_name.strip(),
        birth_date=birth_date,
        sex=sex,
        district=district,
        registered_district=district,
        registered_on=registered_on,
        name_key=name_key(last_name, first_name),
        search_key=search_key(last_name, first_name, middle_name),
    )
    child.full_clean()
    child.save()
    status = Status(
        child=child,
        category=category,
        reason=reason,
        start_date=status_start,
        document=document.strip(),
    )
    status.full_clean()
    status.save()
    return child


@service
def child_update_identity(
    *,
    actor,
    child: Child,
    version: int | None,
    iin: str | None,
    last_name: str,
    first_name: str,
    middle_name: str = "",
    birth_date: datetime.date,
    sex: str,
) -> Child:
    """Correct or complete a child's identity (the IIN of a temporary registration, a
    misspelt name, a wrong birth date). Every record of the child must stay valid."""
    today = timezone.localdate()
    iin = _clean_iin(iin)
    errors = rules.identity_errors(iin=iin, birth_date=birth_date, sex=sex, today=today)
    if birth_date > child.registered_on:
        errors.append(
            (
                "birth_date",
                _("The child came into the register on %(date)s, before this birth date.")
                % {"date": fmt(child.registered_on)},
            )
        )
    errors += _history_errors_for_birth_date(child, birth_date, today)
    raise_if(errors)
    _check_unique_iin(iin, exclude_pk=child.pk)
    claim_version(child, version)
    child.iin = iin
    child.last_name, child.first_name = last_name.strip(), first_name.strip()
    child.middle_name = middle_name.strip()
    child.birth_date, child.sex = birth_date, sex
    child.name_key = name_key(last_name, first_name)
    child.search_key = search_key(last_name, first_name, middle_name)
    child.full_clean()
    child.save()
    return child


def _history_errors_for_birth_date(child: Child, birth_date, today) -> Errors:
    """A new birth date must still fit every status and placement (age rules). A detail
    an imported record does not state is that record's own gap, not the new date's."""
    if birth_date == child.birth_date:
        return []
    errors: Errors = []
    statuses = list(child.statuses.all())
    for status in statuses:
        errors += rules.status_errors(
            reason=status.reason,
            birth_date=birth_date,
            start=status.start_date,
            end=status.end_date,
            end_reason=status.end_reason,
            others=[s for s in statuses if s.pk != status.pk],
            today=today,
        )
    placements = list(child.placements.all())
    for placement in placements:
        errors += rules.placement_errors(
            form=placement.form,
            birth_date=birth_date,
            registered_on=child.registered_on,
            start=placement.start_date,
            end=placement.end_date,
            end_reason=placement.end_reason,
            has_institution=placement.institution_id is not None,
            status_start=min((s.start_date for s in statuses), default=None),
            carer_name=placement.carer_name,
            carer_iin="",
            others=[p for p in placements if p.pk != placement.pk],
            today=today,
        )
    # Report each problem once, against the birth date the user changed.
    found = dict.fromkeys(message for _f, message in hard(errors))
    return [("birth_date", message) for message in found]
