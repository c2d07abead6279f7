"""Audit entries for bulk writes: the same entries django-auditlog writes for a
service's save (who, when, which record, its region, district and child, each
changed value before and after), made in bulk since bulk writes send no signals."""

from __future__ import annotations

import datetime
from decimal import Decimal

from auditlog.cid import get_cid
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from registry.bulk import insert_rows
from registry.models import AuditEntry
from registry.stamps import touch

BATCH = 1000
# What differs from one entry of an import to the next; the rest is the import's.
ENTRY_COLUMNS = [
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "action",
    "changes",
    "region_id",
    "district_id",
    "child_id",
]


AS_THEY_ARE = frozenset({str, int, bool, float, type(None)})


def audit_value(value):
    """A value as the audit trail keeps it (JSON): dates as ISO text, records by name."""
    if type(value) in AS_THEY_ARE:  # most values: asked first
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def tracked_fields(model) -> set[str]:
    """The fields of `model` the audit trail records (see `audit_register`)."""
    options = auditlog.get_model_fields(model)
    excluded = set(options["exclude_fields"])
    included = set(options["include_fields"])
    names = {field.name for field in model._meta.concrete_fields}
    return {name for name in names if name not in excluded and (not included or name in included)}


def _saying(label):
    """A display method answering `label`."""
    return lambda: label


class AuditWriter:
    """Collects the entries of one import and writes them in batches, in the import's
    one transaction: each child's change stamp (registry.stamps) is raised once, with
    its first entry."""

    def __init__(self, *, actor, remote_addr: str | None = None):
        self.actor = actor if actor is not None and actor.pk else None
        self.remote_addr = remote_addr
        self.timestamp = timezone.now()
        self.cid = get_cid()
        self.rows: list[tuple] = []  # entries not written yet, as ENTRY_COLUMNS
        self.count = 0
        self._stamped: set[int] = set()  # the children whose stamp was raised
        self._tracked: dict = {}
        self._labels: dict = {}
        self._content_types: dict = {}
        # What every entry of the import shares (fields not named take their default).
        self._shared = {
            "actor_id": self.actor.pk if self.actor is not None else None,
            "actor_email": getattr(self.actor, "email", None) or None,
            "remote_addr": remote_addr,
            "timestamp": self.timestamp,
            "cid": self.cid,
        }

    def _fields(self, model) -> list[tuple[str, str, bool]]:
        """(name, attribute, is a reference) of each field the trail records."""
        if model not in self._tracked:
            tracked = tracked_fields(model)
            self._tracked[model] = [
                (field.name, field.attname, field.is_relation)
                for field in model._meta.concrete_fields
                if field.name in tracked
            ]
        return self._tracked[model]

    def _choices(self, model) -> list[tuple[str, str, dict]]:
        """(display method, attribute, value -> that method) of the fields with
        choices."""
        if model not in self._labels:
            self._labels[model] = [
                (
                    f"get_{field.name}_display",
                    field.attname,
                    {value: _saying(str(label)) for value, label in field.flatchoices},
                )
                for field in model._meta.concrete_fields
                if field.choices
            ]
        return self._labels[model]

    def describe(self, instance) -> str:
        """`str(instance)`, with the labels of its choices (`get_form_display()`, …)
        looked up once per import: Django translates every label of the field at each
        call, which costs more than the rest of an audit entry."""
        for method, attname, displays in self._choices(type(instance)):
            value = getattr(instance, attname)
            display = displays.get(value)
            if display is None:  # not one of the choices: shown as it is, as Django does
                display = displays[value] = _saying(value)
            instance.__dict__[method] = display
        return str(instance)

    def created(self, instance, *, scope: dict) -> None:
        changes = {}
        for name, attname, is_relation in self._fields(type(instance)):
            value = getattr(instance, attname)
            if value is None:
                continue
            # A reference is recorded by what it names (its cached record).
            changes[name] = [
                None,
                self.describe(getattr(instance, name)) if is_relation else audit_value(value),
            ]
        self._add(instance, AuditEntry.Action.CREATE, changes, scope)

    def updated(self, instance, *, old: dict, scope: dict) -> None:
        """`old`: field name -> the value before; the instance holds the new values."""
        fields = {name for name, _attname, _relation in self._fields(type(instance))}
        changes = {}
        for name, before in old.items():
            if name not in fields:
                continue
            after = getattr(instance, name)  # a reference: its cached record
            changes[name] = [audit_value(before), audit_value(after)]
        if changes:
            self._add(instance, AuditEntry.Action.UPDATE, changes, scope)

    def _content_type_id(self, model) -> int:
        if model not in self._content_types:
            self._content_types[model] = ContentType.objects.get_for_model(model).pk
        return self._content_types[model]

    def _add(self, instance, action, changes, scope) -> None:
        # A row of values, not an AuditEntry instance: building and then reading the
        # instances took a tenth of a large import's writing.
        self.rows.append(
            (
                self._content_type_id(type(instance)),
                str(instance.pk),
                instance.pk,
                self.describe(instance),
                action,
                changes,
                scope.get("region_id"),
                scope.get("district_id"),
                scope.get("child_id"),
            )
        )
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            insert_rows(AuditEntry, ENTRY_COLUMNS, self.rows, self._shared)
            children = {row[8] for row in self.rows} - self._stamped - {None}
            touch(children)
            self._stamped |= children
            self.count += len(self.rows)
            self.rows = []
