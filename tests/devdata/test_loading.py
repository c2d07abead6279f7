"""Development data is loaded only when wanted: with DEBUG (`make run`), with
DEVELOPMENT_DATA=1 (the benchmarks), and in the tests; production, DEBUG off, has
neither the app nor its commands."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "registry.example.kz"}


def manage(*args, **env):
    """`manage.py` in a fresh interpreter with the settings of production and `env`
    (and no inherited DEBUG or DEVELOPMENT_DATA)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DEVELOPMENT_DATA", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    }
    environment.update({"DATABASE_URL": "sqlite:///:memory:", **PRODUCTION, **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def installed(**env) -> bool:
    result = manage(
        "shell", "-c", "from django.apps import apps; print(apps.is_installed('devdata'))", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] == "True"


def test_production_does_not_load_development_data():
    assert not installed()
    for command in ("load_demo", "generate_register"):
        result = manage(command, "--help")
        assert result.returncode != 0
        assert f"Unknown command: '{command}'" in result.stderr


@pytest.mark.parametrize(
    ("env", "loaded"),
    [
        ({"DEBUG": "1"}, True),
        ({"DEVELOPMENT_DATA": "1"}, True),
        ({"DEBUG": "1", "DEVELOPMENT_DATA": "0"}, False),
    ],
)
def test_debug_or_development_data_loads_it(env, loaded):
    assert installed(**env) is loaded


def test_the_tests_load_it(settings):
    assert "devdata" in settings.INSTALLED_APPS
