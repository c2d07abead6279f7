"""Writing what an import planned: bulk inserts and updates in batches, and their
audit entries, inside the import's transaction."""

from __future__ import annotations

from itertools import islice

from django.apps import apps

from registry.audit_bulk import AuditWriter
from registry.bulk import analyze, bulk_insert

BATCH = 1000
ANALYZE_AFTER = 1000  # rows written to a table before its statistics are refreshed


class Writer:
    """Handed to each sheet's `write`: the audit collector and what was touched."""

    def __init__(self, *, actor, remote_addr=None):
        self.actor = actor
        self.audit = AuditWriter(actor=actor, remote_addr=remote_addr)
        self.touched: dict[str, set[int]] = {}  # model label -> pks created or changed
        # placements whose derived data (the care app's visit schedule) must be rebuilt
        # although they were not written themselves: their visits were
        self.placements_to_rebuild: set[int] = set()

    def touch(self, model, pks) -> None:
        self.touched.setdefault(model._meta.label, set()).update(pks)

    def create(self, model, instances, scope_of, saved=None) -> None:
        """Insert `instances` (an iterable, consumed batch by batch) and audit each
        (`scope_of(instance)` gives its region, district and child); `saved(batch)` is
        called after each batch is inserted (the instances have their ids)."""
        instances = iter(instances)
        while batch := list(islice(instances, BATCH)):
            bulk_insert(model, batch)
            if saved is not None:
                saved(batch)
            for instance in batch:
                self.audit.created(instance, scope=scope_of(instance))
            self.audit.flush()
            self.touch(model, (instance.pk for instance in batch))

    def refresh_statistics(self) -> None:
        """Let the database's planner see the tables this import filled. A table
        filled in the transaction keeps the statistics of its former (often empty)
        self until autovacuum sees the commit, and with them PostgreSQL read the whole
        of the placements and visits for each 500 placements of the visit schedule
        rebuilt after them (8 million rows for a 10,000-children workbook)."""
        analyze(
            apps.get_model(label)
            for label, pks in self.touched.items()
            if len(pks) >= ANALYZE_AFTER
        )

    def update(self, model, changes: list[tuple], fields: set[str], scope_of) -> None:
        """`changes`: (instance with the new values, {field: old value}). Only `fields`
        are written; `version` goes up by one where the model has it."""
        if not changes:
            return
        columns = sorted(fields)
        if any(field.name == "version" for field in model._meta.concrete_fields):
            columns.append("version")
            for instance, _old in changes:
                instance.version += 1
        for start in range(0, len(changes), BATCH):
            batch = changes[start : start + BATCH]
            model.objects.bulk_update([instance for instance, _old in batch], columns)
            for instance, old in batch:
                self.audit.updated(instance, old=old, scope=scope_of(instance))
            self.audit.flush()
            self.touch(model, (instance.pk for instance, _old in batch))
