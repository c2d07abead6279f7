"""Fixtures every view test uses: two regions, districts A and B in the first, C in
the second, and one account per role and area. Made through the services."""

import time

import pytest
from django.conf import settings
from django.test import Client

from registry.audit import system_actor
from registry.models import Role
from registry.services.geography import district_create, region_create
from registry.services.users import user_create

PASSWORD = "Test-password-2026"


@pytest.fixture
def actor(db):
    return system_actor()


@pytest.fixture
def region(actor):
    return region_create(actor=actor, code="r1", name_kk="Бірінші облыс", name_ru="Первая область")


@pytest.fixture
def other_region(actor, region):
    return region_create(actor=actor, code="r2", name_kk="Екінші облыс", name_ru="Вторая область")


@pytest.fixture
def district_a(actor, region):
    return district_create(
        actor=actor, region=region, code="a", name_kk="А ауданы", name_ru="Район А"
    )


@pytest.fixture
def district_b(actor, region):
    return district_create(
        actor=actor, region=region, code="b", name_kk="Б ауданы", name_ru="Район Б"
    )


@pytest.fixture
def district_c(actor, other_region):
    return district_create(
        actor=actor, region=other_region, code="c", name_kk="В ауданы", name_ru="Район В"
    )


def make_user(username, role, district=None, region=None):
    return user_create(
        actor=system_actor(),
        username=username,
        role=role,
        district=district,
        region=region,
        password=PASSWORD,
        first_name=username.title(),
    )


def officers_by_district():
    """A function giving a district's officer, made when first asked for (the
    property tests' changes, each by the officer of the district it picks)."""
    made = {}

    def officer(district):
        if district.pk not in made:
            made[district.pk] = make_user(f"officer-{district.pk}", Role.OFFICER, district=district)
        return made[district.pk]

    return officer


@pytest.fixture
def officer_a(district_a):
    return make_user("officer_a", Role.OFFICER, district=district_a)


@pytest.fixture
def officer_b(district_b):
    return make_user("officer_b", Role.OFFICER, district=district_b)


@pytest.fixture
def officer_c(district_c):
    return make_user("officer_c", Role.OFFICER, district=district_c)


@pytest.fixture
def regional_user(region, district_a, district_b):
    return make_user("regional", Role.REGIONAL, region=region)


@pytest.fixture
def other_regional_user(other_region, district_c):
    return make_user("regional_other", Role.REGIONAL, region=other_region)


@pytest.fixture
def admin_user(region, district_a, district_b):
    return make_user("admin", Role.ADMIN, region=region)


@pytest.fixture
def other_admin_user(other_region, district_c):
    return make_user("admin_other", Role.ADMIN, region=other_region)


@pytest.fixture
def national_user(region, other_region):
    return make_user("national", Role.NATIONAL)


@pytest.fixture
def roleless_user(db):
    """An account without a role (as `createsuperuser` makes one)."""
    from registry.models import User

    return User.objects.create_user("nobody", password=PASSWORD)


def login(user, language: str | None = None, verified: bool = True, **client_options) -> Client:
    """A client signed in as `user`. Every account must pass a second factor: unless
    `verified=False`, it is given an authenticator and signed in with it, as after
    the second step of a real sign-in."""
    client = Client(**client_options)
    client.force_login(user)
    session = client.session
    # As after a real sign-in: the session's clocks are set (registry.middleware).
    session["started_at"] = session["seen_at"] = int(time.time())
    if verified:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _created = TOTPDevice.objects.get_or_create(user=user, name="tests", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def as_user():
    """`as_user(user, language=None, verified=True)` gives a test client signed in as
    that user, reading pages in `language` (kk, ru, en; English by default in tests),
    past the second factor (see `login`)."""
    return login


def table_rows(response) -> str:
    """The body of the page's first table: what a list shows, without its filters."""
    page = response.content.decode()
    start = page.index("<tbody>")
    return page[start : page.index("</tbody>", start)]


@pytest.fixture(autouse=True)
def _language_per_test():
    """Each test starts in the default language (English in tests): a request in
    another language must not leak into the next test's messages."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
