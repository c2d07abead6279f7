"""A PostgreSQL restart (maintenance, a failover to the standby) costs no request:
each worker's kept connection is checked before its next request uses it
(CONN_HEALTH_CHECKS) and replaced when the server has closed it.

Shown live: gunicorn with the deployment's configuration (deploy/gunicorn.conf.py)
in its own process on the test database, a signed-in officer's page, the server
ending that worker's connection as a restart does (pg_terminate_backend), and the
officer's next page. Without the check, the same next page answers 500, which is
what the test would see if the check were lost. PostgreSQL only; bounded in time."""

import os
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import login
from tests.ops.servers import free_port, gunicorn_command

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 30  # seconds a server is given to start, and a connection to go


def database_url(application_name: str) -> str:
    database = connection.settings_dict
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or 5432
    return (
        f"postgres://{credentials}@{host}:{port}/{database['NAME']}"
        f"?application_name={application_name}"
    )


def get(url: str, cookie: str = "") -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=DEADLINE) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def start_server(port: int, **environment) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "registry.settings_test", **environment}
    server = subprocess.Popen(
        gunicorn_command(port, workers=1),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    started = time.monotonic()
    while time.monotonic() - started < DEADLINE:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn stopped: {server.stderr.read().decode()[-3000:]}")
        try:
            if get(f"http://127.0.0.1:{port}/healthz") == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop(server)
    raise AssertionError("gunicorn did not answer /healthz in time")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def terminate_backends(application_name: str) -> int:
    """End the server processes of the application's connections, as a restart does,
    and wait until they are gone."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = %s) AS ended",
            [application_name],
        )
        [ended] = cursor.fetchone()
        started = time.monotonic()
        while time.monotonic() - started < DEADLINE:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                [application_name],
            )
            if cursor.fetchone()[0] == 0:
                return ended
            time.sleep(0.1)
    raise AssertionError("the terminated connections did not go")


@pytest.mark.parametrize(
    ("health_checks", "after_restart"),
    [("1", [200, 200]), ("0", [500, 200])],
    ids=["with-check", "without-check-for-comparison"],
)
def test_a_page_after_the_server_closed_the_connection(officer_a, health_checks, after_restart):
    session = login(officer_a).cookies[settings.SESSION_COOKIE_NAME].value
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    application_name = f"registry-restart-{uuid.uuid4().hex[:8]}"
    port = free_port()
    server = start_server(
        port,
        DATABASE_URL=database_url(application_name),
        CONN_MAX_AGE="600",
        CONN_HEALTH_CHECKS=health_checks,
    )
    try:
        home = f"http://127.0.0.1:{port}/"
        assert get(home, cookie) == 200
        assert terminate_backends(application_name) == 1  # the worker's kept connection
        assert [get(home, cookie), get(home, cookie)] == after_restart
    finally:
        stop(server)
