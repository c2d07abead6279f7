"""A real streaming standby: figures read from it equal the primary's once it has
replayed the primary's writes, and it refuses to be written to.

Runs only with a primary and its standby (.ci/run makes one with `pg_basebackup -R`
on another port): DATABASE_URL and PRIMARY_TEST_URL name the primary, where the test
database is made; REPLICA_TEST_URL its standby, which receives that database by
streaming replication. Skipped otherwise."""

import datetime
import os
import time

import dj_database_url
import pytest
from django.core.cache import cache
from django.db import DatabaseError, OperationalError, connection, connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext

from children.models import PlacementForm
from registry.models import Region
from registry.settings import database_from_url
from reports.indicators.cache import data_version, figures_of_years
from reports.indicators.engine import compute
from tests.children.factories import place, register_child

PRIMARY_URL = os.environ.get("PRIMARY_TEST_URL", "")
REPLICA_URL = os.environ.get("REPLICA_TEST_URL", "")
STANDBY = "standby"
REPLAY_TIMEOUT = 60  # seconds
D = datetime.date

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (PRIMARY_URL and REPLICA_URL) or connection.vendor != "postgresql",
        reason="needs a PostgreSQL primary (DATABASE_URL and PRIMARY_TEST_URL) and its "
        "streaming standby (REPLICA_TEST_URL); .ci/run makes them",
    ),
]


@pytest.fixture
def standby():
    """A connection alias to the test database on the standby, made as
    DATABASE_REPLICA_URL would make it, but without the application's own read-only
    option: what refuses writes here is the standby itself."""
    primary = connections["default"].settings_dict
    expected = dj_database_url.parse(PRIMARY_URL)
    assert (primary["HOST"], int(primary["PORT"])) == (expected["HOST"], int(expected["PORT"])), (
        "DATABASE_URL is not PRIMARY_TEST_URL: the test database must be on the primary"
    )
    replica = database_from_url("REPLICA_TEST_URL", REPLICA_URL)
    settings_dict = {
        **primary,
        **{key: replica[key] for key in ("HOST", "PORT", "USER", "PASSWORD")},
        "OPTIONS": {**replica["OPTIONS"], "connect_timeout": 5},
        "NAME": primary["NAME"],  # the test database, replicated
    }
    # A connection of this thread only, outside settings.DATABASES: the test run
    # neither makes nor flushes a database there.
    connections[STANDBY] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        settings_dict, STANDBY
    )
    yield STANDBY
    connections[STANDBY].close()
    del connections[STANDBY]


def wait_for_replay(alias: str) -> None:
    """Until the standby has replayed everything the primary has written so far
    (at most REPLAY_TIMEOUT seconds)."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (written,) = cursor.fetchone()
    deadline = time.monotonic() + REPLAY_TIMEOUT
    while True:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute(
                    "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() >= %s::pg_lsn",
                    [written],
                )
                in_recovery, replayed = cursor.fetchone()
            assert in_recovery, "REPLICA_TEST_URL names a primary, not a standby"
            if replayed:
                return
        except OperationalError:  # the test database is not there yet
            connections[alias].close()
        if time.monotonic() > deadline:
            pytest.fail(f"the standby has not replayed {written} in {REPLAY_TIMEOUT} s")
        time.sleep(0.2)


def test_figures_read_from_the_standby_equal_the_primarys(
    standby, officer_a, region, district_a, district_b, settings, as_user, regional_user
):
    for number in range(5):
        child = register_child(officer_a, district_a, birth_date=D(2012, 1, 1 + number))
        place(officer_a, child, PlacementForm.GUARDIANSHIP, D(2020 + number, 2, 1))
    wait_for_replay(standby)

    settings.FIGURES_PARALLEL = 1  # every statement on this thread's connections
    years = {2023: "contingent.", 2024: ""}
    cache.clear()
    with CaptureQueriesContext(connections[standby]) as on_standby:
        from_standby = figures_of_years(years, region=region, using=standby)
        version = data_version(region, using=standby)
    cache.clear()
    from_primary = figures_of_years(years, region=region)
    assert {year: figures.values for year, figures in from_standby.items()} == {
        year: figures.values for year, figures in from_primary.items()
    }
    assert from_standby[2024].districts == from_primary[2024].districts
    assert from_standby[2024].values["contingent.guardianship"] == 5
    assert version == data_version(region)
    assert compute(2024, district=district_a, using=standby).values == (
        compute(2024, district=district_a).values
    )
    assert not [
        query["sql"]
        for query in on_standby.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]

    # The dashboard, reading the standby as DATABASE_REPLICA_URL makes it.
    settings.FIGURES_DATABASE = standby
    cache.clear()
    page = as_user(regional_user).get("/reports/", {"year": 2024}).content.decode()
    assert 'href="/reports/children/?key=contingent.guardianship&amp;year=2024' in page
    assert 'region=r1">5</a>' in page


def test_the_standby_refuses_writes(standby, region):
    wait_for_replay(standby)
    with connections[standby].cursor() as cursor:
        cursor.execute("SET default_transaction_read_only = off")  # the server decides
    with pytest.raises(DatabaseError, match="read-only transaction"):
        Region.objects.using(standby).create(code="x", name_kk="x", name_ru="x")
    assert not Region.objects.filter(code="x").exists()
