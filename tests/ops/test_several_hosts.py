"""Several hosts: two application servers (gunicorn, as deploy/ runs them) on two ports
of 127.0.0.1 and a background worker, as separate processes sharing one PostgreSQL of
their own. A workbook is uploaded through one server and confirmed through the other,
its job followed through either; the worker is killed in the middle of the import and
started again; PostgreSQL restarts while users browse. Nothing a user needs between
two requests may live in one server's memory or disk, no request may fail because the
database restarted before it, and the register ends holding the workbook once.

The cluster is a throwaway one (initdb in a temporary folder, its own port), so that
restarting it disturbs nothing else; the test is skipped where PostgreSQL's server
programs are not installed, and on SQLite (CI runs the suite on both)."""

from __future__ import annotations

import contextlib
import glob
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection

from tests.ops.servers import free_port, gunicorn_command

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PASSWORD = "Several-hosts-test-2026"
SERVER_PROGRAMS = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.skipif(not SERVER_PROGRAMS, reason="PostgreSQL's server programs not found"),
]


def wait_until(check, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


@dataclass
class Cluster:
    """A PostgreSQL cluster of the test's own, run as the `postgres` system account
    when the test runs as root (PostgreSQL refuses root)."""

    folder: Path
    port: int
    programs: Path = field(default_factory=lambda: Path(SERVER_PROGRAMS[-1]).parent)

    def run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{command[0]}: {done.stdout[-1000:]}{done.stderr[-1000:]}"

    def pg_ctl(self, *arguments: str) -> None:
        self.run(
            str(self.programs / "pg_ctl"),
            "-D",
            str(self.folder / "data"),
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            "60",
            *arguments,
        )

    def create(self) -> None:
        self.folder.mkdir(parents=True)
        if os.geteuid() == 0:
            self.folder.parent.chmod(0o755)  # mkdtemp's 0700 would keep postgres out
            shutil.chown(self.folder, "postgres", "postgres")
        self.run(
            str(self.programs / "initdb"),
            "-D",
            str(self.folder / "data"),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}"
        self.pg_ctl("-o", options, "start")

    def restart(self) -> None:
        """As maintenance or a failover does: every connection is cut."""
        self.pg_ctl("-m", "fast", "stop")
        self.start()

    def remove(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/registry"


class Browser:
    """A user's browser against one server: cookies, and the form's CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def with_base(self, base: str) -> Browser:
        """The same user (the same cookies) reaching another server."""
        other = Browser(base)
        other.cookies = self.cookies
        other.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )
        return other

    def request(
        self, path: str, data: dict | None = None, *, files: dict | None = None
    ) -> tuple[int, str, dict]:
        body = None
        content_type = "application/x-www-form-urlencoded"
        if data is not None or files:
            data = {"csrfmiddlewaretoken": self.csrf(), **(data or {})}
            body = urllib.parse.urlencode(data).encode()
            if files:
                body, content_type = multipart(data, files)
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Content-Type", content_type)
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)

    def csrf(self) -> str:
        for cookie in self.cookies:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def sign_in(self, username: str) -> None:
        status, page, _headers = self.request("/accounts/login/")
        assert status == 200, page[:300]
        status, page, _headers = self.request(
            "/accounts/login/", {"username": username, "password": PASSWORD}
        )
        assert status == 302, f"sign-in of {username}: {status} {page[:300]}"


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    """A form's fields and files, encoded as a browser posts them."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, path in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{path.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + path.read_bytes()
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer the test reads


@pytest.fixture(scope="module")
def cluster():
    folder = Path(tempfile.mkdtemp(prefix="several-hosts-")) / "cluster"
    cluster = Cluster(folder=folder, port=free_port())
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.remove()
        shutil.rmtree(folder.parent, ignore_errors=True)


def environment(cluster: Cluster) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "DATABASE_"))
    }
    env.update(
        {
            "DATABASE_URL": cluster.url,
            "DEBUG": "0",
            "SECRET_KEY": "several-hosts-test-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "OTP_REQUIRED_FOR_OFFICERS": "0",
            "REGISTRY_PASSWORD": PASSWORD,
            "DEVELOPMENT_DATA": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            # Jobs go to the worker; one killed is seen stopped within seconds.
            "JOBS_IN_PROCESS": "0",
            "JOBS_HEARTBEAT_SECONDS": "1",
            "JOBS_STALE_AFTER": "4",
        }
    )
    return env


def manage(env: dict, *arguments: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"manage.py {' '.join(arguments)}:\n{done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def register(cluster, tmp_path_factory):
    """The cluster's register: migrated, with the reference of a synthetic district
    (imported from the command line, as a deployment's first load) and its officer."""
    env = environment(cluster)
    subprocess.run(
        [
            *(["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []),
            str(cluster.programs / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.port),
            "-U",
            "postgres",
            "registry",
        ],
        check=True,
        timeout=60,
    )
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    folder = tmp_path_factory.mktemp("workbooks")
    reference = folder / "reference.xlsx"
    write_workbook(env, reference, children=1)
    manage(env, "import_registry", str(reference))
    district = re.search(r"'([a-z0-9-]+)'", manage(env, "shell", "-c", DISTRICT_CODE)).group(1)
    manage(env, "add_user", "officer", "--role", "officer", "--district", district)
    return env


CHILDREN = 3000  # an import of some seconds: long enough to be killed half-way


@pytest.fixture(scope="module")
def workbook(register, tmp_path_factory):
    """The district's list, of which the register holds only the first child yet."""
    path = tmp_path_factory.mktemp("upload") / "district-list.xlsx"
    write_workbook(register, path, children=CHILDREN)
    return path


def query(cluster: Cluster, sql: str, *parameters):
    """One statement on the cluster's register, as an operator would read it."""
    import psycopg2

    with (
        contextlib.closing(
            psycopg2.connect(
                host="127.0.0.1", port=cluster.port, user="postgres", dbname="registry"
            )
        ) as database,
        database.cursor() as cursor,
    ):
        cursor.execute(sql, parameters)
        return cursor.fetchall()


def job_state(cluster: Cluster, job_id: int) -> tuple[str, int]:
    return tuple(
        query(cluster, "SELECT phase, records_written FROM registry_job WHERE id = %s", job_id)[0]
    )


def job_id_of(response: tuple[int, str, dict]) -> int:
    status, page, headers = response
    assert status == 302, page[:500]
    found = re.search(r"/jobs/(\d+)/", headers["Location"])
    assert found, headers["Location"]
    return int(found.group(1))


DISTRICT_CODE = "from registry.models import District; print(repr(District.objects.get().code))"


def write_workbook(env: dict, target: Path, *, children: int) -> None:
    script = (
        "import django; django.setup()\n"
        "from devdata.synthetic import write_synthetic_workbook\n"
        f"write_synthetic_workbook({str(target)!r}, children={children}, districts=1)\n"
    )
    done = subprocess.run(
        [PYTHON, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "registry.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]


@contextlib.contextmanager
def process(command: list[str], env: dict, log: Path):
    with log.open("wb") as output:
        started = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield started
        finally:
            if started.poll() is None:
                started.send_signal(signal.SIGTERM)
                try:
                    started.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    started.kill()
                    started.wait()


def answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/accounts/login/", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def servers(register, tmp_path_factory):
    """Two application servers, each with two workers, as deploy/ runs them."""
    logs = tmp_path_factory.mktemp("logs")
    bases = []
    with contextlib.ExitStack() as stack:
        for number in (1, 2):
            port = free_port()
            command = gunicorn_command(port, workers=2)
            stack.enter_context(process(command, register, logs / f"web{number}.log"))
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            wait_until(lambda base=base: answers(base), seconds=60, what=f"{base} answers")
        yield bases


@contextlib.contextmanager
def worker(env: dict, log: Path):
    command = [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"]
    with process(command, env, log) as running:
        yield running


def test_a_user_signed_in_on_one_server_goes_on_through_the_other(servers):
    first = Browser(servers[0])
    first.sign_in("officer")
    second = first.with_base(servers[1])
    for browser in (first, second):
        status, page, _headers = browser.request("/children/")
        assert status == 200, page[:500]


def test_no_request_fails_because_the_database_restarted_before_it(servers, cluster):
    """Every worker of both servers holds a connection; PostgreSQL restarts (all of
    them are cut); the next requests, whichever worker answers, all succeed."""
    browser = Browser(servers[0])
    browser.sign_in("officer")
    users = [browser, browser.with_base(servers[1])]
    for _round in range(4):  # enough requests for every worker to open its connection
        for user in users:
            assert user.request("/children/")[0] == 200
    cluster.restart()
    failures = []
    for _round in range(6):
        for user in users:
            status, page, _headers = user.request("/children/")
            if status != 200:
                failures.append((user.base, status, page[:200]))
    assert failures == []


def test_a_workbook_goes_in_once_across_two_servers_and_a_killed_worker(
    servers, cluster, register, workbook, tmp_path
):
    """Uploaded through the first server, checked by the worker, followed and confirmed
    through the second; the worker killed while it writes, so the import stops with
    nothing written and is confirmed again; once a worker runs again the register holds
    the list once, each record with one entry in the audit trail."""
    first = Browser(servers[0])
    first.sign_in("officer")
    second = first.with_base(servers[1])
    children_before = query(cluster, "SELECT count(*) FROM children_child")[0][0]
    with worker(register, tmp_path / "worker1.log") as running:
        check = job_id_of(first.request("/workbook/import/", files={"workbook": workbook}))
        status, page, _headers = second.request(f"/jobs/{check}/progress/")
        assert status == 200, page[:300]
        wait_until(lambda: job_state(cluster, check)[0] == "done", seconds=180, what="the check")
        status, page, _headers = second.request("/workbook/import/check/")
        assert status == 200, page[:300]
        assert "district-list.xlsx" in page

        killed = job_id_of(second.request("/workbook/import/confirm/", {}))
        # A second confirm (another tab, through the other server) follows that import.
        assert job_id_of(first.request("/workbook/import/confirm/", {})) == killed

        def writing() -> bool:
            phase, written = job_state(cluster, killed)
            return phase == "writing" and written > 0

        wait_until(writing, seconds=180, what="the import writing")
        running.kill()  # as the out-of-memory killer or a power cut would
        running.wait()
    # Nothing of the killed import is in the register; its job is seen stopped (its
    # heartbeat is old) by whichever server shows it, and its upload waits again.
    assert query(cluster, "SELECT count(*) FROM children_child")[0][0] == children_before
    time.sleep(5)  # JOBS_STALE_AFTER
    status, page, _headers = first.request(f"/jobs/{killed}/")
    assert status == 200
    assert job_state(cluster, killed)[0] == "failed"

    with worker(register, tmp_path / "worker2.log"):
        done = job_id_of(first.request("/workbook/import/confirm/", {}))
        assert done != killed
        wait_until(
            lambda: job_state(cluster, done)[0] in ("done", "failed"),
            seconds=300,
            what="the import done",
        )
        assert job_state(cluster, done)[0] == "done"
        status, page, _headers = second.request(f"/jobs/{done}/")
        assert status == 200
    assert query(cluster, "SELECT count(*) FROM children_child")[0][0] == CHILDREN
    # Each child once in the audit trail's creations, none twice.
    created = query(
        cluster,
        """SELECT count(*), count(DISTINCT entry.object_pk) FROM registry_auditentry entry
        JOIN django_content_type kind ON kind.id = entry.content_type_id
        WHERE kind.app_label = 'children' AND kind.model = 'child' AND entry.action = 0""",
    )[0]
    assert created == (CHILDREN, CHILDREN)
