"""/healthz: what a balancer and an operator's monitoring ask, without a session."""

import json

import pytest
from django.apps import apps
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
    assert body(response) == {"database": "ok", "migrations": "ok"}
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
    assert body(response) == {"database": "ok", "migrations": "ok"}


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
    assert body(response) == {"database": "ok", "migrations": "pending"}
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


def test_the_workers_queue_depth_is_shown_when_the_queue_is_installed(probe, monkeypatch):
    """Without django-tasks-db (the jobs' queue) there is no such field; with it, the
    number of jobs waiting, which never makes the answer 503 by itself."""
    if apps.is_installed("django_tasks_db"):
        assert body(probe.get("/healthz"))["queue"] == 0
    else:
        assert "queue" not in body(probe.get("/healthz"))
    monkeypatch.setattr(health, "_queue_depth", lambda: 12)
    response = probe.get("/healthz")
    assert response.status_code == 200
    assert body(response) == {"database": "ok", "migrations": "ok", "queue": 12}
