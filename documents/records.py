"""The records of a child a document may belong to, declared once: the field of
`Document` that points at it, its model, what the list calls it, and the related
records its name shows (so that a list names every document's record in one query)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from benefits.models import AlimonyOrder, Allowance
from care.models import LifePlan, MonitoringVisit
from children.models import Placement, Status
from housing.models import HousingProvision, HousingQueueEntry, HousingRight


@dataclass(frozen=True)
class RecordKind:
    field: str  # Document's foreign key
    model: type
    label: object
    related: tuple = ()  # what the record's name reads

    def of_child(self, child):
        return self.model.objects.filter(child=child).select_related(*self.related)


RECORD_KINDS = (
    RecordKind("status", Status, _("Status")),
    RecordKind("placement", Placement, _("Placement"), ("institution",)),
    RecordKind("housing_right", HousingRight, _("Housing right")),
    RecordKind("queue_entry", HousingQueueEntry, _("Housing queue"), ("district",)),
    RecordKind("housing_provision", HousingProvision, _("Housing provided")),
    RecordKind("allowance", Allowance, _("Allowance")),
    RecordKind("alimony_order", AlimonyOrder, _("Alimony order")),
    RecordKind("visit", MonitoringVisit, _("Monitoring visit")),
    RecordKind("life_plan", LifePlan, _("Life plan")),
)
BY_FIELD = {kind.field: kind for kind in RECORD_KINDS}
BY_MODEL = {kind.model: kind for kind in RECORD_KINDS}


def related_paths() -> list[str]:
    """select_related() paths that read every document's record and its name."""
    paths = []
    for kind in RECORD_KINDS:
        paths.append(kind.field)
        paths.extend(f"{kind.field}__{related}" for related in kind.related)
    return paths


def record_of(document):
    """(kind, record) of the record the document belongs to, or None."""
    for kind in RECORD_KINDS:
        if getattr(document, f"{kind.field}_id") is not None:
            return kind, getattr(document, kind.field)
    return None


def choice_value(kind: RecordKind, record) -> str:
    return f"{kind.field}:{record.pk}"


def record_choices(child) -> list[tuple[str, list[tuple[str, str]]]]:
    """The child's records, grouped by kind, as choices of a form: one query per kind."""
    groups = []
    for kind in RECORD_KINDS:
        records = list(kind.of_child(child))
        if records:
            groups.append(
                (str(kind.label), [(choice_value(kind, record), str(record)) for record in records])
            )
    return groups


def record_from_choice(child, value: str):
    """The record a form's choice names, among the child's, or None (nothing chosen);
    ValueError when it names none of them."""
    if not value:
        return None
    field, _sep, pk = value.partition(":")
    kind = BY_FIELD.get(field)
    if kind is None or not pk.isdigit():
        raise ValueError(value)
    record = kind.of_child(child).filter(pk=int(pk)).first()
    if record is None:
        raise ValueError(value)
    return record
