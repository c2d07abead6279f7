"""The administrator's pages: service accounts of the region, tokens shown once, kept
hashed, revoked with a confirmation; another region's account answers 404; a service
account never signs in to the pages."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone, translation
from django.utils.formats import date_format

from api.models import ApiToken
from registry.models import AccessLog, AuditEntry, Role, User
from tests.api.conftest import make_token
from tests.conftest import PASSWORD, login

pytestmark = pytest.mark.django_db


def test_admin_creates_a_district_account_and_a_token_shown_once(admin_user, district_a, api):
    client = login(admin_user)
    response = client.post(
        "/manage/service-accounts/new/",
        {
            "username": "databank",
            "description": "National data bank",
            "role": "officer",
            "district": district_a.pk,
        },
    )
    account = User.objects.get(username="databank")
    assert response.status_code == 302
    assert response["Location"] == f"/manage/service-accounts/{account.pk}/"
    assert account.is_service_account
    assert (account.role, account.district) == (Role.OFFICER, district_a)
    assert not account.has_usable_password()

    expires = timezone.localdate() + datetime.timedelta(days=90)
    page = client.post(
        f"/manage/service-accounts/{account.pk}/tokens/new/",
        {"name": "sync server", "expires_on": expires.isoformat()},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "shown only this once" in html
    token = ApiToken.objects.get(account=account)
    secret = html.split('id="new-token">')[1].split("<")[0]
    assert secret.startswith(token.prefix)
    assert api(secret).get("/api/v1/me").json()["district"] == "a"
    # The list shows the prefix, never the secret again.
    listed = client.get(f"/manage/service-accounts/{account.pk}/")
    again = listed.content.decode()
    assert token.prefix in again
    assert secret not in again
    assert timezone.localtime(token.expires_at).date() == expires + datetime.timedelta(days=1)
    # It is valid until the day chosen, and the list says that day, not the next.
    with translation.override(listed.wsgi_request.LANGUAGE_CODE):
        chosen = date_format(expires, "SHORT_DATE_FORMAT")
        next_day = date_format(expires + datetime.timedelta(days=1), "SHORT_DATE_FORMAT")
    assert chosen in again
    assert next_day not in again


def test_admin_creates_a_regional_account(admin_user, region):
    client = login(admin_user)
    client.post(
        "/manage/service-accounts/new/",
        {"username": "stat-office", "role": "regional"},
    )
    account = User.objects.get(username="stat-office")
    assert (account.role, account.region, account.district) == (Role.REGIONAL, region, None)


def test_a_district_account_needs_its_district(admin_user, region):
    page = login(admin_user).post(
        "/manage/service-accounts/new/", {"username": "nodistrict", "role": "officer"}
    )
    assert page.status_code == 200
    content = page.content.decode()
    assert "Choose the district whose records the account reads and writes." in content
    assert not User.objects.filter(username="nodistrict").exists()
    # With a login missing too, both errors show at once.
    page = login(admin_user).post("/manage/service-accounts/new/", {"role": "officer"})
    assert page.context["form"].errors.keys() == {"username", "district"}


def test_a_token_in_the_past_is_refused(admin_user, district_account):
    page = login(admin_user).post(
        f"/manage/service-accounts/{district_account.pk}/tokens/new/",
        {"name": "x", "expires_on": timezone.localdate().isoformat()},
    )
    assert "The expiry date must be after today." in page.content.decode()
    assert not ApiToken.objects.exists()


def test_the_secret_is_stored_nowhere(admin_user, district_account):
    """Only the SHA-256 of the secret is kept: no table of the database holds it."""
    secret = make_token(admin_user, district_account).secret
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            for field in model._meta.concrete_fields:
                column = connection.ops.quote_name(field.column)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "
                    f"WHERE CAST({column} AS TEXT) LIKE %s",
                    [f"%{secret}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{field.column}")
    assert found == []


def test_revoking_asks_first_then_revokes_audited(admin_user, district_account, api):
    made = make_token(admin_user, district_account)
    client = login(admin_user)
    url = f"/manage/service-accounts/{district_account.pk}/tokens/{made.token.pk}/revoke/"
    question = client.get(url)
    assert question.status_code == 200
    assert "Revoke the token" in question.content.decode()
    assert api(made.secret).get("/api/v1/me").status_code == 200
    done = client.post(url, {"confirm": "yes"})
    assert done.status_code == 302
    made.token.refresh_from_db()
    assert made.token.revoked_at is not None
    assert made.token.revoked_by == admin_user
    assert api(made.secret).get("/api/v1/me").status_code == 401
    # Revoked once: the page answers 404 after.
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    entries = AuditEntry.objects.filter(object_pk=str(made.token.pk), actor=admin_user)
    assert entries.count() == 2  # created, revoked
    assert all("secret_hash" not in (entry.changes or "") for entry in entries)
    logged = AccessLog.objects.filter(user=admin_user, action=AccessLog.Action.API)
    assert {entry.parameters["what"] for entry in logged} == {"token created", "token revoked"}


def test_another_regions_admin_gets_404(other_admin_user, district_account, admin_user):
    made = make_token(admin_user, district_account)
    client = login(other_admin_user)
    base = f"/manage/service-accounts/{district_account.pk}/"
    assert client.get(base).status_code == 404
    assert client.post(base + "tokens/new/", {"name": "x"}).status_code == 404
    assert (
        client.post(base + f"tokens/{made.token.pk}/revoke/", {"confirm": "yes"}).status_code == 404
    )
    assert "databank-a" not in client.get("/manage/service-accounts/").content.decode()


@pytest.mark.parametrize("who", ["officer_a", "regional_user", "national_user"])
def test_only_administrators_manage_them(request, who, district_account):
    client = login(request.getfixturevalue(who))
    assert client.get("/manage/service-accounts/").status_code == 403
    assert client.get(f"/manage/service-accounts/{district_account.pk}/").status_code == 403


def test_service_accounts_are_not_among_the_peoples_accounts(admin_user, district_account):
    client = login(admin_user)
    assert "databank-a" not in client.get("/manage/users/").content.decode()
    assert client.get(f"/manage/users/{district_account.pk}/password/").status_code == 404


def test_a_service_account_cannot_sign_in(client, district_account):
    """Even given a password behind the pages' back, the login refuses it with the
    message of a wrong password."""
    district_account.set_password(PASSWORD)
    district_account.save(update_fields=["password"])
    response = client.post(
        "/accounts/login/", {"username": district_account.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_menu_offers_service_accounts_to_administrators(admin_user, officer_a):
    assert "/manage/service-accounts/" in login(admin_user).get("/").content.decode()
    assert "/manage/service-accounts/" not in login(officer_a).get("/").content.decode()
