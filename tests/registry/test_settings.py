"""Settings come from the environment; a bad or missing value stops start-up clearly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start(
    show: str = "settings.DATABASES['default']['ENGINE'], settings.LANGUAGE_CODE, settings.DEBUG",
    **env,
):
    """Import the settings in a fresh interpreter with exactly `env` set, and print
    `show` (expressions of `settings`)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "LANGUAGE_CODE",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    environment.update(env)
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='registry.settings'; "
        "django.setup(); from django.conf import settings; "
        f"print({show})"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_refuses_to_start():
    result = start(ALLOWED_HOSTS="registry.example.kz")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = start(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_debug_must_be_a_yes_no_value():
    result = start(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a yes/no value" in result.stderr


def test_unknown_language_is_refused():
    result = start(DEBUG="1", LANGUAGE_CODE="de")
    assert result.returncode != 0
    assert "LANGUAGE_CODE='de'" in result.stderr


def test_unreadable_database_url_is_refused():
    result = start(DEBUG="1", DATABASE_URL="nosuchdb://x")
    assert result.returncode != 0
    assert "DATABASE_URL='nosuchdb://x' cannot be read" in result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DEBUG": "1"}, "django.db.backends.sqlite3 kk True"),
        ({"DEBUG": "1", "LANGUAGE_CODE": "ru"}, "django.db.backends.sqlite3 ru True"),
        (
            {
                "SECRET_KEY": "k" * 50,
                "ALLOWED_HOSTS": "h",
                "DATABASE_URL": "postgres://u@db/registry",
            },
            "django.db.backends.postgresql kk False",
        ),
    ],
)
def test_values_are_read_from_the_environment(env, expected):
    result = start(**env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_postgresql_planner_options_come_before_those_of_the_url():
    result = start(
        show="settings.DATABASES['default']['OPTIONS']['options']",
        DEBUG="1",
        DATABASE_URL="postgres://u@db/registry?options=-c%20random_page_cost%3D4",
    )
    # PostgreSQL applies them in order: the URL's own choice wins.
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-c jit=off -c random_page_cost=1.1 -c random_page_cost=4"


def test_postgresql_connections_are_checked_before_reuse():
    """After PostgreSQL restarted, a kept connection is found dead and replaced
    before the request's first query (tests/ops/test_restart.py shows it live)."""
    show = "settings.DATABASES['default']['CONN_HEALTH_CHECKS'], settings.DATABASES['default']['CONN_MAX_AGE']"
    result = start(show=show, DEBUG="1", DATABASE_URL="postgres://u@db/registry")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True 60"
    result = start(show=show, DEBUG="1", DATABASE_URL="postgres://u@db/registry", CONN_MAX_AGE="0")
    assert result.stdout.strip() == "True 0"


def test_behind_a_pooler_no_startup_options_and_no_server_side_cursors():
    show = (
        "settings.DATABASES['default'].get('OPTIONS', {}).get('options'), "
        "settings.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False)"
    )
    url = "postgres://u@pgbouncer:6432/registry"
    assert start(show=show, DEBUG="1", DATABASE_URL=url).stdout.strip() == (
        "-c jit=off -c random_page_cost=1.1 False"
    )
    result = start(show=show, DEBUG="1", DATABASE_URL=url, DATABASE_POOLER="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None True"


def test_logs_are_json_in_production_and_text_under_debug():
    show = "settings.LOG_FORMAT, settings.LOGGING['handlers']['console']['formatter']"
    production = start(show=show, SECRET_KEY="x" * 50, ALLOWED_HOSTS="registry.example.kz")
    assert production.returncode == 0, production.stderr
    assert production.stdout.strip() == "json json"
    assert start(show=show, DEBUG="1").stdout.strip() == "text text"
    assert start(show=show, DEBUG="1", LOG_FORMAT="json").stdout.strip() == "json json"
    refused = start(show=show, DEBUG="1", LOG_FORMAT="xml")
    assert refused.returncode != 0
    assert "LOG_FORMAT='xml' is not one of: json, text." in refused.stderr


def test_mail_server_settings_are_read_from_the_environment():
    result = start(
        show="settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL, settings.EMAIL_HOST_USER, "
        "settings.EMAIL_HOST_PASSWORD, settings.EMAIL_PORT",
        DEBUG="1",
        EMAIL_USE_TLS="1",
        EMAIL_HOST_USER="registry@example.kz",
        EMAIL_HOST_PASSWORD="mail-secret",
        EMAIL_PORT="587",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True False registry@example.kz mail-secret 587"
    default = start(show="settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL", DEBUG="1")
    assert default.stdout.strip() == "False False"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"EMAIL_USE_TLS": "maybe"}, "EMAIL_USE_TLS='maybe' is not a yes/no value"),
        ({"EMAIL_USE_SSL": "tls"}, "EMAIL_USE_SSL='tls' is not a yes/no value"),
        (
            {"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"},
            "EMAIL_USE_TLS and EMAIL_USE_SSL are both on",
        ),
    ],
)
def test_unreadable_mail_encryption_is_refused(env, message):
    result = start(DEBUG="1", **env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [("-1", "TRUSTED_PROXIES=-1 is not a number of proxies"), ("nginx", "is not a whole number")],
)
def test_trusted_proxies_must_be_a_number_of_proxies(value, message):
    result = start(DEBUG="1", TRUSTED_PROXIES=value)
    assert result.returncode != 0
    assert message in result.stderr


def test_no_proxy_is_trusted_unless_configured():
    assert start(show="settings.TRUSTED_PROXIES", DEBUG="1").stdout.strip() == "0"
    assert (
        start(show="settings.TRUSTED_PROXIES", DEBUG="1", TRUSTED_PROXIES="1").stdout.strip() == "1"
    )


def test_the_second_factor_is_required_of_officers_unless_relaxed():
    show = "settings.OTP_REQUIRED_FOR_OFFICERS"
    assert start(show=show, DEBUG="1").stdout.strip() == "True"
    assert start(show=show, DEBUG="1", OTP_REQUIRED_FOR_OFFICERS="0").stdout.strip() == "False"
    refused = start(show=show, DEBUG="1", OTP_REQUIRED_FOR_OFFICERS="later")
    assert refused.returncode != 0
    assert "OTP_REQUIRED_FOR_OFFICERS='later' is not a yes/no value" in refused.stderr


def test_documents_are_kept_in_a_private_folder_by_default_and_where_told(tmp_path):
    show = "settings.STORAGES['documents']['OPTIONS']['location'], settings.DOCUMENT_MAX_BYTES"
    result = start(show, DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(ROOT / "documents-storage"), str(20 * 1024 * 1024)]
    result = start(show, DEBUG="1", DOCUMENTS_DIR=str(tmp_path), DOCUMENT_MAX_BYTES="1000")
    assert result.stdout.split() == [str(tmp_path), "1000"]


def test_a_bad_document_setting_stops_start_up():
    result = start(DEBUG="1", DOCUMENT_MAX_BYTES="0")
    assert result.returncode != 0 and "DOCUMENT_MAX_BYTES" in result.stderr


def test_one_setting_keeps_the_documents_in_a_private_s3_bucket():
    """DOCUMENTS_S3_BUCKET switches the documents' storage to django-storages' S3
    backend (a MinIO's address and keys beside it); the objects are private."""
    show = (
        "settings.STORAGES['documents']['BACKEND'], "
        "sorted(settings.STORAGES['documents']['OPTIONS'].items())"
    )
    result = start(show, DEBUG="1")
    assert result.stdout.startswith("django.core.files.storage.FileSystemStorage ")
    result = start(
        show,
        DEBUG="1",
        DOCUMENTS_S3_BUCKET=" registry-documents ",
        DOCUMENTS_S3_ENDPOINT_URL="https://s3.registry.internal:9000",
        DOCUMENTS_S3_ACCESS_KEY="registry",
        DOCUMENTS_S3_SECRET_KEY="secret",
        DOCUMENTS_S3_REGION="kz-1",
    )
    assert result.returncode == 0, result.stderr
    backend, options = result.stdout.split(" ", 1)
    assert backend == "storages.backends.s3.S3Storage"
    for expected in (
        "('bucket_name', 'registry-documents')",
        "('endpoint_url', 'https://s3.registry.internal:9000')",
        "('access_key', 'registry')",
        "('region_name', 'kz-1')",
        "('default_acl', 'private')",
        "('querystring_auth', True)",
        "('file_overwrite', False)",
    ):
        assert expected in options, options
    # The store's keys may come from boto3's own variables instead.
    result = start(show, DEBUG="1", DOCUMENTS_S3_BUCKET="registry-documents")
    assert result.returncode == 0, result.stderr
    assert "('access_key', None)" in result.stdout and "('endpoint_url', None)" in result.stdout
