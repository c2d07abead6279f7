"""DATABASE_REPLICA_URL: optional; read like DATABASE_URL, with the same PostgreSQL
options, and read-only; without it there is one database and figures read it."""

from tests.registry.test_settings import start

PRIMARY = "postgres://u@db/registry"
SHOW = "sorted(settings.DATABASES), settings.FIGURES_DATABASE"


def test_without_a_replica_url_there_is_one_database():
    """One database (the jobs' progress has a second connection to the same one)."""
    result = start(show=SHOW, DEBUG="1", DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['default', 'job_progress'] default"


def test_a_replica_url_adds_a_read_only_replica_figures_read_from():
    result = start(
        show=f"{SHOW}, settings.DATABASES['replica']",
        DEBUG="1",
        DATABASE_URL=PRIMARY,
        DATABASE_REPLICA_URL="postgres://reader@standby:5433/registry?options=-c%20work_mem%3D64MB",
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout.strip()
    assert output.startswith("['default', 'job_progress', 'replica'] replica")
    assert "'HOST': 'standby'" in output
    assert "'PORT': 5433" in output
    # The primary's planner options first, the URL's own, then read-only.
    assert (
        "'options': '-c jit=off -c random_page_cost=1.1 -c work_mem=64MB "
        "-c default_transaction_read_only=on'"
    ) in output
    assert "'connect_timeout': 3" in output
    assert "'CONN_HEALTH_CHECKS': True" in output


def test_a_replica_url_that_cannot_be_read_is_refused():
    result = start(DEBUG="1", DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL="nosuchdb://x")
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URL='nosuchdb://x' cannot be read" in result.stderr


def test_a_replica_must_be_a_postgresql_standby_of_a_postgresql_primary():
    for primary, replica in [
        ("sqlite:///db.sqlite3", "postgres://u@standby/registry"),
        (PRIMARY, "sqlite:///copy.sqlite3"),
    ]:
        result = start(DEBUG="1", DATABASE_URL=primary, DATABASE_REPLICA_URL=replica)
        assert result.returncode != 0
        assert "DATABASE_REPLICA_URL names a PostgreSQL standby" in result.stderr
