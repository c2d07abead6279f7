"""The client's address behind the documented reverse proxy: login throttling, the
access log and the audit trail see the client, never the proxy, and never an address
the client wrote itself."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from registry.models import AccessLog, AuditEntry
from tests.children.factories import register_child
from tests.conftest import PASSWORD

PROXY = "127.0.0.1"  # nginx on the same machine, as in the README's deployment


def attempt(client, password, **addresses):
    return client.post(
        "/accounts/login/", {"username": "officer_a", "password": password}, **addresses
    )


def through_the_proxy(client_address, forged=None):
    """What the application receives when nginx appends the address it was reached
    from to X-Forwarded-For (`$proxy_add_x_forwarded_for`)."""
    chain = f"{forged}, {client_address}" if forged else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def test_behind_the_proxy_each_client_is_locked_out_alone(officer_a, settings):
    settings.TRUSTED_PROXIES = 1
    guesser = Client()
    for _ in range(5):
        attempt(guesser, "wrong", **through_the_proxy("203.0.113.5"))
    assert attempt(guesser, PASSWORD, **through_the_proxy("203.0.113.5")).status_code == 429
    # Writing another address in front does not get the guesser out of the lock.
    escape = through_the_proxy("203.0.113.5", forged="198.51.100.7")
    assert attempt(guesser, PASSWORD, **escape).status_code == 429
    # The officer at another workstation, behind the same proxy, still signs in.
    officer = attempt(Client(), PASSWORD, **through_the_proxy("198.51.100.7"))
    assert officer.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


def test_without_trusted_proxies_a_forged_forwarded_for_is_ignored(
    officer_a, admin_user, district_a, as_user, settings
):
    """TRUSTED_PROXIES=0 (the default): the header is the client's own word."""
    assert settings.TRUSTED_PROXIES == 0
    client = Client()
    for number in range(5):  # a new "address" with every guess
        attempt(client, "wrong", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=f"6.6.6.{number}")
    locked = attempt(client, PASSWORD, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.99")
    assert locked.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.9"}

    forged = {"REMOTE_ADDR": "10.0.0.9", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}
    child = register_child(officer_a, district_a)
    as_user(officer_a).get(f"/children/{child.pk}/", **forged)
    assert AccessLog.objects.get(child_id=child.pk).remote_addr == "10.0.0.9"
    rename_district(as_user(admin_user), district_a, **forged)
    change = AuditEntry.objects.get_for_object(district_a).get(action=AuditEntry.Action.UPDATE)
    assert change.remote_addr == "10.0.0.9"


def rename_district(client, district, **addresses):
    response = client.post(
        f"/manage/districts/{district.pk}/",
        {
            "code": district.code,
            "name_kk": district.name_kk,
            "name_ru": district.name_ru,
            "name_en": "Renamed",
            "is_active": "on",
            "version": district.version,
        },
        **addresses,
    )
    assert response.status_code == 302
    district.refresh_from_db()


@pytest.mark.parametrize(
    ("proxies", "addresses", "recorded"),
    [
        # One proxy: the address it appended, not what the client put in front of it.
        (1, through_the_proxy("203.0.113.5", forged="6.6.6.6"), "203.0.113.5"),
        (1, through_the_proxy("10.20.30.40"), "10.20.30.40"),
        # Two proxies (a load balancer, then nginx): the address the first one saw.
        (
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 10.1.1.1, 10.9.9.9"},
            "10.1.1.1",
        ),
        # Reached without the proxy's header: the address the request came from.
        (1, {"REMOTE_ADDR": "10.0.0.9"}, "10.0.0.9"),
    ],
)
def test_logs_record_the_client_behind_trusted_proxies(
    officer_a, admin_user, district_a, as_user, settings, proxies, addresses, recorded
):
    settings.TRUSTED_PROXIES = proxies
    child = register_child(officer_a, district_a)
    as_user(officer_a).get(f"/children/{child.pk}/", **addresses)
    assert AccessLog.objects.get(child_id=child.pk).remote_addr == recorded
    rename_district(as_user(admin_user), district_a, **addresses)
    change = AuditEntry.objects.get_for_object(district_a).get(action=AuditEntry.Action.UPDATE)
    assert change.remote_addr == recorded
