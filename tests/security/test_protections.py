"""Protections a server-rendered application owes its users, each checked from the
outside: forged posts, markup in names, production headers, error pages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from children.models import Child
from tests.children.factories import register_child
from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_a_post_without_the_form_token_is_refused(officer_a, district_a):
    """Another site cannot make a signed-in officer's browser register a child."""
    client = login(officer_a, enforce_csrf_checks=True)
    response = client.post(
        "/children/new/",
        {"last_name": "Подделка", "first_name": "Тест", "birth_date": "2015-05-05", "sex": "M"},
    )
    assert response.status_code == 403
    assert not Child.objects.filter(last_name="Подделка").exists()


def test_names_are_shown_as_text_never_as_markup(officer_a, district_a):
    child = register_child(officer_a, district_a, last_name='<script>alert("x")</script>')
    for url in (f"/children/{child.pk}/", "/children/?q=script"):
        page = login(officer_a).get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert" in page, url


def run_production(*command: str, **settings: str) -> subprocess.CompletedProcess:
    """`command` under the production settings: no DEBUG, a secret key, a host name,
    and any other `settings` given as environment variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        # (the browser tests allow async-unsafe calls in this process, never in production)
        if not key.startswith(("DEBUG", "SECURE_", "SESSION_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="registry.settings",
        SECRET_KEY="production-like-key-" + "k" * 50,
        ALLOWED_HOSTS="registry.example.kz",
        **settings,
    )
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deployment_checks():
    result = run_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_mail_server_without_encryption_fails_the_deployment_checks():
    """Reminders name children: SMTP without TLS or SSL is a warning of `check
    --deploy`, which CI and the README's deployment treat as a failure."""
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.kz",
        "EMAIL_HOST_USER": "registry",
        "EMAIL_HOST_PASSWORD": "mail-secret",
    }
    check = ("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    plain = run_production(*check, **smtp)
    assert plain.returncode != 0
    assert "(registry.W001) E-mail is sent with" in plain.stderr + plain.stdout
    assert "mail-secret" not in plain.stderr + plain.stdout
    for encrypted in ({"EMAIL_USE_TLS": "1", "EMAIL_PORT": "587"}, {"EMAIL_USE_SSL": "yes"}):
        result = run_production(*check, **smtp, **encrypted)
        assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_enforce_https_and_safe_headers():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, "
        "s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SECURE_CONTENT_TYPE_NOSNIFF, s.X_FRAME_OPTIONS, "
        "s.SECURE_REFERRER_POLICY)"
    )
    result = run_production("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == (
        "True True ('HTTP_X_FORWARDED_PROTO', 'https') True True True True DENY same-origin"
    )


def test_errors_show_no_internals(officer_a, monkeypatch):
    """A failing page says so in the user's language and shows no traceback."""
    import children.views.lists as lists

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(lists, "children_visible_to", broken)
    client = login(officer_a, language="ru")
    client.raise_request_exception = False
    response = client.get("/children/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "secret detail" not in page and "Traceback" not in page
    assert "Что-то пошло не так" in page


def test_not_found_and_not_allowed_pages_speak_the_users_language(officer_a):
    client = login(officer_a, language="ru")
    missing = client.get("/children/999999/")
    assert missing.status_code == 404 and "Не найдено" in missing.content.decode()
    refused = client.get("/manage/users/")
    assert refused.status_code == 403 and "Нет доступа" in refused.content.decode()


def test_next_never_leads_to_another_site(officer_a, client):
    """Signing in (and confirming the second factor) returns to `next` only when it
    is a page of the application."""
    from tests.conftest import PASSWORD

    for target, expected in (("https://evil.example/", "/"), ("/children/", "/children/")):
        client.logout()
        response = client.post(
            f"/accounts/login/?next={target}",
            {"username": officer_a.username, "password": PASSWORD, "next": target},
        )
        assert response.status_code == 302 and response["Location"] == expected, target
    verified = login(officer_a)
    response = verified.get("/accounts/otp/?next=https://evil.example/")
    assert response["Location"] == "/"
