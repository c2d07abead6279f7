"""The bulk insert (`registry.bulk`, the workbook import's) stores what `bulk_create`
stores: every kind of value, the ids in order, `auto_now_add` stamps, more rows than
one statement holds; rows given as values (COPY on PostgreSQL) with values they share,
defaults and text that needs escaping."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benefits.models import Allowance
from registry import bulk
from registry.bulk import bulk_insert, insert_rows
from registry.models import AuditEntry, Job
from tests.children.factories import register_child

COMPARED = ("kind", "monthly_amount", "start_date", "end_date", "decision_number", "decision_date")


def allowances(child, count):
    return [
        Allowance(
            child=child,
            kind="survivor" if number % 2 else "other",
            monthly_amount=Decimal("42000.50") + number,
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
            end_date=None if number % 3 else datetime.date(2024, 1, 1),
            decision_number=f"№ {number}" if number % 5 else "",
            decision_date=None,
        )
        for number in range(count)
    ]


def test_rows_are_stored_as_bulk_create_stores_them(officer_a, district_a):
    child = register_child(officer_a, district_a)
    before = timezone.now()
    ours, django_s = allowances(child, 7), allowances(child, 7)
    bulk_insert(Allowance, ours)
    Allowance.objects.bulk_create(django_s)  # the ids taken from the sequence stay taken
    assert [a.pk for a in ours] == sorted(a.pk for a in ours)  # ids in order, on each
    stored = {a.pk: a for a in Allowance.objects.all()}
    for mine, theirs in zip(ours, django_s, strict=True):
        a, b = stored[mine.pk], stored[theirs.pk]
        assert [getattr(a, f) for f in COMPARED] == [getattr(b, f) for f in COMPARED]
        assert a.created_at >= before and a.version == 1 and not mine._state.adding
    # Recorded at one moment, as they go in one transaction.
    assert len({stored[mine.pk].created_at for mine in ours}) == 1


def test_rows_without_instances_with_shared_values_json_and_escapes(officer_a):
    content_type = ContentType.objects.get_for_model(Allowance)
    stamp = timezone.now().replace(microsecond=0)
    columns = ["content_type_id", "object_pk", "object_id", "object_repr", "action", "changes"]
    rows = [
        (
            content_type.pk,
            str(number),
            number,
            f"Жәрдемақы {number}" if number else "tab\tnew line\nback\\slash \\N",
            AuditEntry.Action.CREATE,
            {"monthly_amount": [None, "42000.50"], "note": [None, "«ә»"]} if number else None,
        )
        for number in range(3)
    ]
    shared = {"actor_id": officer_a.pk, "remote_addr": "10.0.0.7", "timestamp": stamp}
    insert_rows(AuditEntry, columns, rows, shared)
    stored = list(AuditEntry.objects.filter(content_type=content_type).order_by("object_id"))
    assert [e.object_repr for e in stored] == [
        "tab\tnew line\nback\\slash \\N",
        "Жәрдемақы 1",
        "Жәрдемақы 2",
    ]
    assert [e.changes for e in stored] == [None] + [
        {"monthly_amount": [None, "42000.50"], "note": [None, "«ә»"]}
    ] * 2
    assert {(e.remote_addr, e.timestamp, e.actor) for e in stored} == {
        ("10.0.0.7", stamp, officer_a)
    }
    # the fields named nowhere take their defaults
    assert {(e.cid, e.changes_text, e.additional_data, e.district_id) for e in stored} == {
        (None, "", None, None)
    }


def test_many_rows_go_in_a_few_statements(officer_a, district_a, monkeypatch):
    child = register_child(officer_a, district_a)
    monkeypatch.setattr(bulk, "ROWS", 40)
    rows = allowances(child, 100)
    with CaptureQueriesContext(connection) as queries:
        bulk_insert(Allowance, rows)
    if connection.vendor == "postgresql":  # the new ids, then COPY (not a Django query)
        assert len(queries) == 1
    else:
        assert len(queries) == 3  # 40 + 40 + 20
    assert Allowance.objects.filter(child=child).count() == 100
    assert sorted(Allowance.objects.values_list("pk", flat=True)) == [a.pk for a in rows]


def test_instances_are_made_as_django_makes_them(officer_a, district_a):
    """`instances_of` makes what `model(**values)` makes: the values given, every
    other field's default, a new default object for each instance."""
    child = register_child(officer_a, district_a)
    values = {"child_id": child.pk, "kind": "survivor", "start_date": datetime.date(2021, 3, 1)}
    ours, django_s = bulk.instances_of(Allowance)(values), Allowance(**values)
    assert [getattr(ours, f.attname) for f in Allowance._meta.concrete_fields] == [
        getattr(django_s, f.attname) for f in Allowance._meta.concrete_fields
    ]
    assert ours.child == child and ours._state.adding
    make_job = bulk.instances_of(Job)
    first, second = make_job({"kind": "export"}), make_job({"kind": "export"})
    assert first.parameters == second.parameters == {}
    first.parameters["year"] = 2025
    assert second.parameters == {}  # each its own
