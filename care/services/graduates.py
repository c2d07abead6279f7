"""Graduates: young people who left an institution, followed up until 23."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from care import rules
from care.models import GraduateNote, GraduateRecord
from children.models import Child
from registry.records.rules import not_in_future, raise_if
from registry.services.base import claim_version, service

TEXTS = ("study_or_work", "housing_situation", "contacts", "notes")


def institution_left_on(child: Child) -> datetime.date | None:
    return rules.left_institution_on(child.placements.all())


@service
def graduate_add(
    *,
    actor,
    child: Child,
    left_care_on: datetime.date,
    study_or_work: str = "",
    housing_situation: str = "",
    contacts: str = "",
    notes: str = "",
) -> GraduateRecord:
    """Open the follow-up of a young person who left an institution. Their housing
    queue entry is not touched: it stays with them (see the housing section)."""
    if GraduateRecord.objects.filter(child=child).exists():
        raise ValidationError(_("This young person already has a graduate record."))
    raise_if(
        rules.graduate_errors(
            left_care_on=left_care_on,
            institution_left_on=institution_left_on(child),
            today=timezone.localdate(),
        )
    )
    record = GraduateRecord(child=child, left_care_on=left_care_on)
    values = (study_or_work, housing_situation, contacts, notes)
    for field, value in zip(TEXTS, values, strict=True):
        setattr(record, field, value.strip())
    record.full_clean()
    record.save()
    return record


@service
def graduate_correct(
    *,
    actor,
    record: GraduateRecord,
    version: int | None,
    left_care_on: datetime.date,
    study_or_work: str = "",
    housing_situation: str = "",
    contacts: str = "",
    notes: str = "",
) -> GraduateRecord:
    raise_if(
        rules.graduate_errors(
            left_care_on=left_care_on,
            institution_left_on=institution_left_on(record.child),
            today=timezone.localdate(),
        )
    )
    claim_version(record, version)
    record.left_care_on = left_care_on
    values = (study_or_work, housing_situation, contacts, notes)
    for field, value in zip(TEXTS, values, strict=True):
        setattr(record, field, value.strip())
    record.full_clean()
    record.save()
    return record


@service
def graduate_note_add(
    *, actor, record: GraduateRecord, date: datetime.date, text: str
) -> GraduateNote:
    errors = not_in_future("date", date, timezone.localdate())
    if date < record.left_care_on:
        errors.append(
            ("date", _("The follow-up starts when the young person left the institution."))
        )
    raise_if(errors)
    note = GraduateNote(record=record, date=date, text=text.strip())
    note.full_clean()
    note.save()
    return note
