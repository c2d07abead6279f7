"""Figures read from the standby (registry.replica): the dashboard, the children behind
a figure, the data-quality page and the downloads count on the "replica" connection
(here Django's test mirror of the test database), with the data version they are
cached under; sessions, the cache itself and the access log stay on the primary, and
nothing is written to the standby. Without a standby, nothing reads it."""

import io
import logging
import threading

import openpyxl
import pytest
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.db.backends.signals import connection_created
from django.test.utils import CaptureQueriesContext

from registry.models import AccessLog, AuditEntry
from registry.replica import REPLICA, figures_db
from tests.reports.test_pages import annual_report

WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER")
COUNTING = "WITH area AS"  # the engine's statement (reports.indicators.engine)
TOTAL_LINK = 'href="/reports/children/?key=contingent.total&amp;year=2024&amp;region=r1">7</a>'


def statements(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def writes(captured) -> list[str]:
    return [sql for sql in statements(captured) if sql.lstrip().upper().startswith(WRITES)]


class Both:
    """The queries of a block on the primary and on the replica."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]).__enter__()
        self.replica = CaptureQueriesContext(connections[REPLICA]).__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)


@pytest.fixture
def standby(settings):
    """Figures from the "replica" alias; its rows are those the tests committed. One
    statement at a time, on this thread's connections, where the tests see them."""
    settings.FIGURES_DATABASE = REPLICA
    settings.FIGURES_PARALLEL = 1
    cache.clear()
    yield REPLICA
    connections[REPLICA].close()


replica_db = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA])


@replica_db
def test_dashboard_counts_on_the_standby_and_writes_nothing_there(
    standby, as_user, regional_user, register
):
    client = as_user(regional_user)
    with Both() as queries:
        page = client.get("/reports/", {"year": 2024}).content.decode()
    assert TOTAL_LINK in page  # the figures are right
    on_replica, on_primary = statements(queries.replica), statements(queries.primary)
    assert any(COUNTING in sql for sql in on_replica)
    # The version the figures are cached under is read where they are counted.
    assert any(AuditEntry._meta.db_table in sql for sql in on_replica)
    assert not any(COUNTING in sql or AuditEntry._meta.db_table in sql for sql in on_primary)
    assert writes(queries.replica) == []
    # The session and the cached figures are the primary's.
    assert any("django_session" in sql for sql in on_primary)
    assert any("registry_cache" in sql for sql in writes(queries.primary))

    # Cached: the next view counts nothing, and still reads the version on the standby.
    with Both() as again:
        assert TOTAL_LINK in client.get("/reports/", {"year": 2024}).content.decode()
    assert not any(COUNTING in sql for sql in statements(again.replica))
    assert any(AuditEntry._meta.db_table in sql for sql in statements(again.replica))


@replica_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel on PostgreSQL only")
def test_the_parallel_connections_counting_a_region_are_the_standbys(
    standby, settings, as_user, regional_user, register
):
    settings.FIGURES_PARALLEL = 3
    opened = []

    def record(sender, connection, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            opened.append(connection.alias)

    connection_created.connect(record)
    try:
        page = as_user(regional_user).get("/reports/", {"year": 2024}).content.decode()
    finally:
        connection_created.disconnect(record)
    assert TOTAL_LINK in page
    assert len(opened) > 1
    assert set(opened) == {REPLICA}


@replica_db
def test_children_behind_a_figure_and_their_download_come_from_the_standby(
    standby, as_user, regional_user, register
):
    client = as_user(regional_user)
    query = {"key": "contingent.family", "year": 2024, "region": "r1"}
    with Both() as queries:
        page = client.get("/reports/children/", query).content.decode()
        download = client.get("/reports/children/", {**query, "format": "xlsx"})
    for name in ("c3", "c5", "c11"):
        assert register[name].full_name in page
    sheet = openpyxl.load_workbook(io.BytesIO(download.getvalue())).active
    assert sheet.max_row == 4  # the header and the three children
    assert any(COUNTING in sql for sql in statements(queries.replica))
    assert not any(COUNTING in sql for sql in statements(queries.primary))
    assert writes(queries.replica) == []
    # Both views are in the access log, written on the primary.
    assert any(AccessLog._meta.db_table in sql for sql in writes(queries.primary))
    assert AccessLog.objects.filter(user=regional_user).count() == 2


@replica_db
def test_annual_report_and_data_quality_read_the_standby(standby, as_user, regional_user, register):
    client = as_user(regional_user)
    with Both() as queries:
        workbook = annual_report(client)
        quality = client.get("/reports/quality/")
    assert workbook.status_code == quality.status_code == 200
    assert any(COUNTING in sql for sql in statements(queries.replica))
    assert not any(COUNTING in sql for sql in statements(queries.primary))
    assert writes(queries.replica) == []


@replica_db
def test_register_export_reads_the_standby(standby, as_user, regional_user, register):
    with Both() as queries:
        client = as_user(regional_user)
        response = client.get(client.post("/workbook/export/download/")["Location"])
    assert response.status_code == 200
    children = openpyxl.load_workbook(io.BytesIO(response.getvalue()))["Children"]
    assert children.max_row > 1
    from children.models import Child

    assert any(Child._meta.db_table in sql for sql in statements(queries.replica))
    assert not any(f'FROM "{Child._meta.db_table}"' in sql for sql in statements(queries.primary))
    assert writes(queries.replica) == []


@replica_db
def test_a_standby_that_does_not_answer_leaves_figures_to_the_primary(
    standby, as_user, regional_user, register, monkeypatch, caplog
):
    def refuse():
        raise OperationalError("connection refused")

    client = as_user(regional_user)
    monkeypatch.setattr(connections[REPLICA], "ensure_connection", refuse)
    with caplog.at_level(logging.WARNING, logger="registry.replica"):
        page = client.get("/reports/", {"year": 2024}).content.decode()
    assert TOTAL_LINK in page
    assert "does not answer" in caplog.text


def test_without_a_standby_nothing_reads_it(as_user, regional_user, register):
    """The tests' settings have the alias but no DATABASE_REPLICA_URL: figures stay on
    the primary, as everywhere else in the suite (this test may not use the "replica"
    connection at all: a query there would fail it)."""
    assert figures_db() == DEFAULT_DB_ALIAS
    client = as_user(regional_user)
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary:
        assert TOTAL_LINK in client.get("/reports/", {"year": 2024}).content.decode()
        page = client.get("/reports/children/", {"key": "contingent.total", "year": 2024})
        download = client.get(client.post("/workbook/export/download/")["Location"])
    assert page.status_code == download.status_code == 200
    assert any(COUNTING in sql for sql in statements(on_primary))
    assert connections[REPLICA].connection is None


DOWNLOADS = [
    ("/children/", "officer_a"),
    ("/children/", "national_user"),
    ("/housing/", "regional_user"),
    ("/housing/without-housing/", "regional_user"),
    ("/housing/graduates/", "regional_user"),
    ("/benefits/", "regional_user"),
    ("/benefits/alimony/", "regional_user"),
    ("/benefits/alimony/unpaid/", "regional_user"),
    ("/follow-up/", "regional_user"),
    ("/youth-homes/waiting/", "regional_user"),
    ("/audit/", "admin_user"),
    ("/audit/access/", "admin_user"),
]


@replica_db
@pytest.mark.parametrize(("url", "reader"), DOWNLOADS)
def test_every_list_download_reads_the_standby(standby, as_user, request, register, url, reader):
    """Each list's rows come from the standby (the access-log entry of the download is
    written on the primary)."""
    client = as_user(request.getfixturevalue(reader))
    with Both() as queries:
        response = client.get(url, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.max_row >= 1
    assert statements(queries.replica)
    assert writes(queries.replica) == []
    assert any(AccessLog._meta.db_table in sql for sql in writes(queries.primary))
