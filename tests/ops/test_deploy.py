"""What an operator installs from deploy/ holds together: gunicorn's configuration
loads with sane values, the systemd units run commands that exist, nginx lets the
largest workbook through and waits longer than gunicorn, and every variable of the
environment file is one the register reads and the README describes."""

import re
import runpy
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import get_commands
from django.utils.module_loading import import_string
from gunicorn.config import Config

from exchange.forms import UPLOAD_LIMIT

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def gunicorn_config(monkeypatch, **environment) -> Config:
    """deploy/gunicorn.conf.py read as gunicorn reads it: each of its names that is a
    setting is set, through gunicorn's own validation."""
    for name in ("WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS", "LOG_FORMAT", "DEBUG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    config = Config()
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)
    return config


def nginx_seconds(directive: str) -> int:
    """The directive's longest value (the /healthz location has shorter ones)."""
    return max(int(value) for value in re.findall(rf"^\s*{directive}\s+(\d+)s;", nginx(), re.M))


def nginx() -> str:
    return (DEPLOY / "nginx.conf").read_text()


def test_gunicorn_configuration_loads_with_sane_values(monkeypatch):
    config = gunicorn_config(monkeypatch)
    assert config.bind == ["127.0.0.1:8000"]
    assert 1 <= config.workers <= 8
    assert config.worker_class_str == "sync"
    assert 20 <= config.timeout <= 60
    assert config.accesslog is None  # the application writes the access line
    assert config.forwarded_allow_ips == ["127.0.0.1", "::1"]
    formatter = config.logconfig_dict["formatters"]["generic"]["()"]
    assert import_string(formatter).__name__ == "JsonFormatter"

    config = gunicorn_config(
        monkeypatch, WEB_CONCURRENCY="6", FORWARDED_ALLOW_IPS="10.0.0.5", LOG_FORMAT="text"
    )
    assert config.workers == 6
    assert config.forwarded_allow_ips == ["10.0.0.5"]
    assert config.logconfig_dict == {}  # gunicorn's own text lines


def test_nginx_waits_longer_than_gunicorn_and_takes_the_largest_workbook(monkeypatch):
    assert nginx_seconds("proxy_read_timeout") > gunicorn_config(monkeypatch).timeout
    [body] = re.findall(r"client_max_body_size\s+(\d+)m;", nginx())
    assert int(body) * 1024 * 1024 > UPLOAD_LIMIT
    assert "location = /healthz" in nginx()


def test_nginx_logs_no_query_string():
    """A search's query string may hold an IIN: nginx's log line names the path only."""
    formats = re.findall(r"log_format\s+\w+\s+((?:'[^']*'\s*)+);", nginx())
    assert formats
    for line_format in formats:
        for variable in ("$request ", "$request_uri", "$args", "$query_string", '$request"'):
            assert variable not in line_format
    for access_log in re.findall(r"^\s*access_log\s+([^;]+);", nginx(), re.MULTILINE):
        assert access_log == "off" or access_log.split()[-1] == "registry"


def units() -> dict[str, str]:
    return {path.name: path.read_text() for path in sorted(DEPLOY.glob("registry-*"))}


def exec_start(unit: str) -> str:
    [command] = re.findall(r"^ExecStart=(.+)$", unit, re.MULTILINE)
    return command


def test_the_units_run_what_exists():
    found = units()
    assert set(found) == {
        "registry-web.service",
        "registry-worker.service",
        "registry-reminders.service",
        "registry-reminders.timer",
        "registry-figures.service",
        "registry-figures.timer",
    }
    web = exec_start(found["registry-web.service"])
    assert web.endswith("gunicorn -c deploy/gunicorn.conf.py registry.wsgi")
    commands = get_commands()
    for name, unit in found.items():
        if name.endswith(".timer"):
            assert "OnCalendar=" in unit or "OnUnitInactiveSec=" in unit, name
            assert name.replace(".timer", ".service") in found  # what it runs
            continue
        assert "EnvironmentFile=/etc/registry/environment" in unit
        assert "User=registry" in unit
        command = re.search(r"manage\.py (\S+)", exec_start(unit))
        if command is None:
            continue
        if command[1] == "db_worker" and not apps.is_installed("django_tasks_db"):
            continue  # the background jobs' worker comes with django-tasks-db
        assert command[1] in commands, f"{name} runs manage.py {command[1]}, which is not a command"
    # The reminders' options are the command's own.
    reminders = exec_start(found["registry-reminders.service"])
    assert "--base-url ${REGISTRY_BASE_URL}" in reminders


@pytest.fixture
def environment_file() -> dict[str, str]:
    text = (DEPLOY / "environment.example").read_text()
    return dict(re.findall(r"^([A-Z_]+)=(.*)$", text, re.MULTILINE))


def test_every_variable_of_the_environment_file_is_read_and_described(environment_file):
    readers = (ROOT / "registry" / "settings.py").read_text() + "".join(
        path.read_text() for path in DEPLOY.iterdir() if path.name != "environment.example"
    )
    readme = (ROOT / "README.md").read_text()
    assert {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "TRUSTED_PROXIES"} <= set(
        environment_file
    )
    for name in environment_file:
        assert re.search(rf"\b{name}\b", readers), f"{name} is read by nothing"
        assert f"`{name}`" in readme, f"{name} is not in the README"
    assert environment_file["TRUSTED_PROXIES"] == "1"  # nginx in front
    assert environment_file["LOG_FORMAT"] == "json"
