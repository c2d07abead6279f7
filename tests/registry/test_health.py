"""/healthz: what a balancer and an operator's monitoring ask, without a session."""

import json

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.test import Client

from registry.views import health


@pytest.fixture
def probe(db, settings):
    """A balancer's plain-HTTP probe of a production configuration: HTTPS enforced."""
    settings.SECURE_SSL_REDIRECT = True
    return Client()


def body(response) -> dict:
    return json.loads(response.content)


def test_healthy_register_answers_200_in_plain_http_without_a_session(probe):
    response = probe.get("/healthz")
    assert response.status_code == 200
    assert body(response) == {"database": "ok", "migrations": "ok", "queue": 0}
    assert response["Content-Type"] == "application/json"
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()
    # Any other page of the same probe is sent to HTTPS.
    assert probe.get("/accounts/login/").status_code == 301


def test_a_signed_in_account_without_its_second_factor_is_not_held(officer_a, as_user):
    client = as_user(officer_a, verified=False)
    assert client.get("/accounts/").status_code == 302  # held at the second factor
    response = client.get("/healthz")
    assert response.status_code == 200
    assert body(response) == {"database": "ok", "migrations": "ok", "queue": 0}


def test_once_migrations_were_found_applied_a_probe_asks_the_database_once(
    probe, django_assert_max_num_queries
):
    probe.get("/healthz")
    with django_assert_max_num_queries(1):
        assert probe.get("/healthz").status_code == 200


def test_unapplied_migrations_answer_503(probe, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("a", False)]
    )
    response = probe.get("/healthz")
    assert response.status_code == 503
    assert body(response) == {"database": "ok", "migrations": "pending", "queue": 0}
    # Not remembered: applying them makes the next probe healthy.
    monkeypatch.setattr(health.MigrationExecutor, "migration_plan", lambda self, targets: [])
    assert probe.get("/healthz").status_code == 200


def test_a_database_that_does_not_answer_gives_503(probe, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(health.connection, "cursor", refused)
        response = probe.get("/healthz")
    assert response.status_code == 503
    assert body(response) == {"database": "unavailable", "migrations": "unknown"}


def test_only_get_and_head(probe):
    assert probe.head("/healthz").status_code == 200
    assert probe.post("/healthz").status_code == 405


def test_not_in_the_menu(officer_a, as_user):
    page = as_user(officer_a).get("/").content.decode()
    assert "/healthz" not in page


@pytest.mark.django_db
def test_the_jobs_waiting_for_a_worker_are_counted_and_never_make_it_unhealthy(
    probe, settings, officer_a
):
    """A job queued with no worker running shows in `queue`; the answer stays 200."""
    from exchange.jobs import EXPORT
    from registry.services.jobs import job_start

    settings.JOBS_IN_PROCESS = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job_start(actor=officer_a, kind=EXPORT, parameters={"district": None})
    response = probe.get("/healthz")
    assert response.status_code == 200
    assert body(response)["queue"] == 1
