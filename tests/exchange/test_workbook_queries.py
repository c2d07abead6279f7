"""The import and the export take the same number of queries for 10 children as for
50: everything is read and written in bulk, nothing per row.

(SQLite takes at most 999 parameters per statement, so Django splits a bulk insert of
more than about 55 audit entries into several statements; 50 children stay below.)"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benefits.models import AlimonyOrder, AlimonyPayment, Allowance
from care.models import LifePlan, MonitoringVisit
from children.iin import make_iin
from children.models import Child, Placement, Status, Transfer
from exchange.workbook.exporter import export_workbook
from exchange.workbook.importer import check_workbook, import_workbook, register_mark
from exchange.workbook.scope import ExportScope, ImportScope
from housing.models import HousingProvision, HousingQueueEntry, HousingRight
from registry.audit import system_actor
from tests.exchange.workbooks import FULL_HEADERS, HEADERS, make_workbook, read_again

RECORDS = ("Statuses", "Placements", "Transfers", *FULL_HEADERS)


def children_sheets(count: int, first: int) -> dict:
    """`count` children of district a, each with a row on every sheet of a child's
    records: a status, a guardianship, a transfer, housing secured, a queue entry
    closed by the housing provided, an allowance, an alimony order and a payment, a
    visit and a life plan."""
    d = datetime.date
    rows = {name: [] for name in ("Children", *RECORDS)}
    for number in range(first, first + count):
        born = d(2008, 1, 1) + datetime.timedelta(days=number)
        iin = make_iin(born, "F", number)
        rows["Children"].append([iin, "Иванова", f"Анна{number}", "", born, "F", "a"])
        for sheet, values in (
            ("Statuses", ["orphan", "parents_died", d(2020, 1, 1), None, None]),
            (
                "Placements",
                ["guardianship", None, None, "Иванова Мария", d(2020, 2, 1), None, None],
            ),
            ("Transfers", ["a", "b", d(2023, 1, 1)]),
            ("HousingRights", ["full", "Абай 1", d(2020, 3, 1), None, None]),
            ("HousingQueue", ["a", d(2020, 3, 1), d(2024, 1, 1), "provided", None]),
            ("HousingProvided", [d(2024, 1, 1), "Жаңа үй", None]),
            ("Benefits", ["survivor", d(2020, 1, 1), None, 42000]),
            ("AlimonyOrders", [d(2020, 3, 1), None, "Әкесі", 15000]),
            ("AlimonyPayments", [d(2021, 1, 1), 15000]),
            ("Visits", [d(2020, 2, 20), "planned", "satisfactory"]),
            ("LifePlans", [d(2024, 9, 1), "Колледж"]),
        ):
            rows[sheet].append([iin, *values])
    headers = {**HEADERS, **FULL_HEADERS}
    return {name: [headers[name], *body] for name, body in rows.items()}


def queries(function) -> int:
    """Statements run, not counting the bulk inserts of the visit schedule the care app
    rebuilds after the import: those are batched by size (SQLite's 999 parameters), one
    statement per hundred due visits, never one per row."""
    with CaptureQueriesContext(connection) as context:
        function()
    return sum(
        1
        for query in context.captured_queries
        if not query["sql"].startswith('INSERT INTO "care_scheduledvisit"')
    )


@pytest.fixture
def warm(areas):
    """Content types are cached after their first use (those of the records the
    register's data version leaves out: `register_mark`); the system account exists."""
    register_mark(ImportScope.everything())
    ContentType.objects.get_for_models(
        Child,
        Status,
        Placement,
        Transfer,
        HousingRight,
        HousingQueueEntry,
        HousingProvision,
        Allowance,
        AlimonyOrder,
        AlimonyPayment,
        MonitoringVisit,
        LifePlan,
    )
    return system_actor()


def test_checking_and_importing_take_the_same_queries_for_10_and_50_children(warm):
    counts = {}
    scope = ImportScope.everything()
    for size, first in ((10, 100), (50, 200)):
        workbook = make_workbook(children_sheets(size, first))
        checked = queries(lambda workbook=workbook: check_workbook(workbook, scope=scope))
        imported = queries(
            lambda workbook=workbook: import_workbook(actor=warm, source=workbook, scope=scope)
        )
        counts[size] = (checked, imported)
    assert Child.objects.count() == 60
    assert MonitoringVisit.objects.count() == AlimonyPayment.objects.count() == 60
    assert counts[10] == counts[50]
    checked, imported = counts[50]
    assert checked <= 6 and imported <= 45, counts


def test_second_import_takes_the_same_queries(warm):
    counts = []
    for size, first in ((10, 100), (50, 200)):
        sheets = children_sheets(size, first)
        import_workbook(actor=warm, source=make_workbook(sheets), scope=ImportScope.everything())
        read_again()  # every row read and checked again
        workbook = make_workbook(sheets)
        counts.append(
            queries(
                lambda workbook=workbook: import_workbook(
                    actor=warm, source=workbook, scope=ImportScope.everything()
                )
            )
        )
    assert counts[0] == counts[1]


def test_export_takes_the_same_queries_for_10_and_50_children(warm):
    import io

    counts = []
    for size, first in ((10, 100), (40, 200)):
        import_workbook(
            actor=warm,
            source=make_workbook(children_sheets(size, first)),
            scope=ImportScope.everything(),
        )
        counts.append(
            queries(
                lambda: export_workbook(io.BytesIO(), user=warm, scope=ExportScope.everything())
            )
        )
    assert counts[0] == counts[1] <= 30


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_import_refreshes_the_statistics_of_the_tables_it_filled(warm, monkeypatch):
    """Before the visit schedule is rebuilt, the planner is told how many placements
    there now are (else it reads whole tables, their statistics being of before)."""
    from exchange.workbook import writer

    def planned_placements() -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'children_placement'")
            return cursor.fetchone()[0]

    scope = ImportScope.everything()
    monkeypatch.setattr(writer, "ANALYZE_AFTER", 10**9)
    before = planned_placements()
    import_workbook(actor=warm, source=make_workbook(children_sheets(10, 100)), scope=scope)
    assert planned_placements() == before  # small tables: left to autovacuum

    monkeypatch.setattr(writer, "ANALYZE_AFTER", 5)
    import_workbook(actor=warm, source=make_workbook(children_sheets(17, 200)), scope=scope)
    assert Placement.objects.count() == 27
    assert planned_placements() == 27
