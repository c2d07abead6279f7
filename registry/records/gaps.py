"""Incomplete records: details a page asks for that an imported list did not state.

A district's old list rarely holds every detail the register asks of a new entry (an
ended placement's reason, a share's size, …). The workbook import keeps such a record
as "not stated" instead of refusing the list (`registry.records.rules.Missing`); the record
counts in every figure like any other, and is work to do until an officer completes
it through its *Correct* form, which asks for the detail as the pages always do.

Each kind of gap is declared once, by the app that owns the record, in its
`AppConfig.ready()` (`record_gaps.register(Gap(...))`): the condition that finds its
records, its label, and the form that completes one. The data-quality page counts
them, the officer's work list and the child's page list them, and the import's check
page counts those a workbook brings, by the same code (`<model>.<detail>`, the model's
name and the `what` of the rule's `Missing`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import CharField, Count, F, Model, Q, QuerySet, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.extensions import Slot

# Kinds of incomplete records (Gap), registered by the app that owns the record in its
# AppConfig.ready(): what an imported list did not state and an officer is to complete.
record_gaps = Slot("record_gaps")


@dataclass(frozen=True)
class Gap:
    code: str  # "<model name>.<what>": "placement.end_reason"
    model: type[Model]
    condition: Q  # the model's records with this gap
    label: str  # a count's label: "Placements ended without a reason"
    detail: str  # what is not stated: "the reason why it ended"
    url_name: str  # the form that completes a record: (pk=child, url_kwarg=record)
    url_kwarg: str  # "": the record is the child, or the form adds what is missing
    child: str = "child"  # the path from the record to its child ("": it is the child)
    date: str = "start_date"  # the record's date: the work list shows the oldest first
    order: int = 100

    def url(self, child_id: int, record_id: int) -> str:
        kwargs = {"pk": child_id}
        if self.url_kwarg:
            kwargs[self.url_kwarg] = record_id
        return reverse(self.url_name, kwargs=kwargs)

    def path(self, field: str) -> str:
        """`field` of the record's child, as a lookup from the record."""
        return f"{self.child}__{field}" if self.child else field

    def of_children(self, children: QuerySet) -> QuerySet:
        """The records with this gap of `children` (a queryset of children)."""
        return self.model._default_manager.filter(self.condition, **{self.path("pk__in"): children})


@dataclass(frozen=True)
class IncompleteRecord:
    gap: Gap
    record_id: int
    child_id: int
    date: datetime.date | None
    child_name: str

    @property
    def url(self) -> str:
        return self.gap.url(self.child_id, self.record_id)

    @property
    def record_label(self) -> str:
        return str(self.gap.model._meta.verbose_name)


def gaps() -> list[Gap]:
    return list(record_gaps)


def gap_named(code: str) -> Gap | None:
    return next((gap for gap in record_gaps if gap.code == code), None)


def _by_model(kinds: Iterable[Gap]) -> dict[type, list[Gap]]:
    grouped: dict[type, list[Gap]] = {}
    for gap in kinds:
        grouped.setdefault(gap.model, []).append(gap)
    return grouped


def gap_counts(children: QuerySet) -> dict[str, int]:
    """{gap code: how many records} of `children`: one query per model, in the
    database `children` are read from."""
    counts = {}
    for model, kinds in _by_model(record_gaps).items():
        found = (
            model._default_manager.db_manager(children.db)
            .filter(**{kinds[0].path("pk__in"): children})
            .order_by()
            .aggregate(
                **{
                    f"gap_{index}": Count("pk", filter=gap.condition)
                    for index, gap in enumerate(kinds)
                }
            )
        )
        for index, gap in enumerate(kinds):
            counts[gap.code] = found[f"gap_{index}"] or 0
    return counts


def record_gap_list(record: Model) -> list[Gap]:
    """The gaps of one record (the notice of its Correct form): one query."""
    kinds = _by_model(record_gaps).get(type(record), [])
    if record.pk is None or not kinds:
        return []
    found = (
        type(record)
        ._default_manager.filter(pk=record.pk)
        .aggregate(
            **{f"gap_{index}": Count("pk", filter=gap.condition) for index, gap in enumerate(kinds)}
        )
    )
    return [gap for index, gap in enumerate(kinds) if found[f"gap_{index}"]]


NAME = ("last_name", "first_name", "middle_name")


def incomplete_records(children: QuerySet) -> QuerySet:
    """The incomplete records of `children`, the least recent first, as one query (a
    UNION of one SELECT per kind of gap) of rows: gap code, record id, child id, date,
    child's names. Page it, then turn the rows into IncompleteRecord with `as_records`."""
    parts = [
        gap.of_children(children)
        .order_by()
        .values(
            gap_code=Value(gap.code, output_field=CharField()),
            record_id=F("pk"),
            child_ref=F(gap.path("pk")),
            day=F(gap.date),
            **{f"name_{index}": F(gap.path(field)) for index, field in enumerate(NAME)},
        )
        for gap in record_gaps
    ]
    first, *rest = parts
    return first.union(*rest, all=True).order_by("day", "gap_code", "record_id")


def as_records(rows) -> list[IncompleteRecord]:
    by_code = {gap.code: gap for gap in record_gaps}
    return [
        IncompleteRecord(
            gap=by_code[row["gap_code"]],
            record_id=row["record_id"],
            child_id=row["child_ref"],
            date=row["day"],
            child_name=" ".join(row[f"name_{i}"] for i in range(len(NAME)) if row[f"name_{i}"]),
        )
        for row in rows
    ]


def child_incomplete_records(child) -> list[IncompleteRecord]:
    """The incomplete records of one child (its page): one query."""
    return as_records(incomplete_records(type(child)._default_manager.filter(pk=child.pk)))


def children_with_gap(children: QuerySet, gap: Gap) -> QuerySet:
    """The children of `children` with a record of this kind of gap."""
    records = gap.model._default_manager.filter(gap.condition)
    return children.filter(pk__in=records.values(gap.path("pk")))


def end_gaps(model, *, ended: str, dated: str, url_name: str, url_kwarg: str, order: int):
    """The two gaps of a record that ends with a reason (registry.records.rules.period_errors):
    ended without its reason, or a reason given without the end date."""
    name = model._meta.model_name
    return [
        Gap(
            f"{name}.end_reason",
            model,
            Q(end_date__isnull=False, end_reason=""),
            ended,
            _("why it ended"),
            url_name,
            url_kwarg,
            order=order,
        ),
        Gap(
            f"{name}.end_date",
            model,
            Q(end_date__isnull=True) & ~Q(end_reason=""),
            dated,
            _("the date it ended"),
            url_name,
            url_kwarg,
            order=order + 1,
        ),
    ]
