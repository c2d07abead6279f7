"""Service accounts and their tokens, made through the services as an administrator
makes them; `call(token)` is a client that calls the API with that token."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from api.services import service_account_create, token_create
from registry.models import Role


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The throttle counts in the cache (the database's): every test starts at zero."""
    cache.clear()
    yield
    cache.clear()


def make_token(admin, account, name="server", days=30):
    return token_create(
        actor=admin,
        account=account,
        name=name,
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
    )


@pytest.fixture
def district_account(admin_user, district_a):
    return service_account_create(
        actor=admin_user, username="databank-a", role=Role.OFFICER, district=district_a
    )


@pytest.fixture
def regional_account(admin_user, region):
    return service_account_create(
        actor=admin_user, username="statistics", role=Role.REGIONAL, region=region
    )


@pytest.fixture
def district_token(admin_user, district_account):
    return make_token(admin_user, district_account).secret


@pytest.fixture
def regional_token(admin_user, regional_account):
    return make_token(admin_user, regional_account).secret


def call(token: str | None = None, language: str | None = None, **extra) -> Client:
    headers = {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if language is not None:
        headers["Accept-Language"] = language
    return Client(headers={**headers, **extra})


@pytest.fixture
def api():
    """`api(token, language=None)`: a client calling with that token."""
    return call
