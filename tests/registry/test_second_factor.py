"""The second factor: every account confirms TOTP (or a single-use recovery code)
before any page; officers may be relaxed by a setting during a roll-out; the
decision is taken on every request; an administrator removes a lost authenticator."""

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.models import AuditEntry
from registry.services.second_factor import authenticator_confirm
from tests.conftest import PASSWORD
from tests.urlwalk import all_urls

# Pages an account reaches between its password and its second factor.
# healthz: the balancer's probe, no personal data (tests/registry/test_health.py).
BEFORE_THE_SECOND_STEP = {"login", "logout", "set_language", "otp_verify", "otp_setup", "healthz"}
ROLES = ["officer_a", "regional_user", "admin_user", "national_user", "roleless_user"]


def code_for(device) -> str:
    return (
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )


def with_authenticator(user):
    """`user` with a confirmed authenticator and its recovery codes, as after setup."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=False)
    codes = authenticator_confirm(actor=user, device=device)
    return device, codes


def signed_in_with_password(user) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:300]
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_role_is_sent_to_set_up_a_second_factor_before_any_page(
    request, as_user, role, district_a, district_b, region
):
    """Officers, regional and national specialists, administrators, accounts without
    a role: after the password, every page but the second step's leads to setting
    up an authenticator."""
    user = request.getfixturevalue(role)
    client = as_user(user, verified=False)
    checked = 0
    for name, url in all_urls():
        if name in BEFORE_THE_SECOND_STEP:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, f"{method} {name}: {response.status_code}"
            assert response["Location"].startswith("/accounts/otp/setup/?next="), name
            checked += 1
    assert checked > 100
    page = client.get("/accounts/otp/setup/").content.decode()
    assert "Your account signs in with a second step: set it up to continue." in page
    # No menu while every entry would lead back here; the way out stays.
    assert "/accounts/security/" not in page
    assert "/children/" not in page and "/reports/" not in page
    assert "Log out" in page


def test_setting_up_a_second_factor_shows_the_recovery_codes_once(as_user, regional_user):
    client = as_user(regional_user, verified=False)
    response = client.get("/reports/")
    assert response["Location"] == "/accounts/otp/setup/?next=%2Freports%2F"
    client.get(response["Location"])
    device = TOTPDevice.objects.get(user=regional_user, confirmed=False)
    wrong = client.post(
        "/accounts/otp/setup/", {"token": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "This code is wrong or has expired. Enter the code now shown." in wrong.content.decode()
    at_once = client.post("/accounts/otp/setup/", {"token": code_for(device)})
    assert "Too many wrong codes: wait a few seconds" in at_once.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # as the seconds pass

    done = client.post("/accounts/otp/setup/?next=/reports/", {"token": code_for(device)})
    page = done.content.decode()
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    assert "Two-step sign-in is on for your account." in page
    assert "Recovery codes" in page and 'href="/reports/"' in page
    codes = set(
        StaticToken.objects.filter(device__user=regional_user).values_list("token", flat=True)
    )
    assert len(codes) == 10
    assert all(f'<code class="user-select-all">{code}</code>' in page for code in codes)
    assert client.get("/reports/").status_code == 200
    # Shown only then: My account tells how many are left, never which.
    account = client.get("/accounts/security/").content.decode()
    assert "Recovery codes left: 10." in account
    assert not any(code in account for code in codes)
    assert AuditEntry.objects.filter(content_type__model="totpdevice", actor=regional_user).exists()
    assert AuditEntry.objects.filter(
        content_type__model="staticdevice", actor=regional_user
    ).exists()
    assert not AuditEntry.objects.filter(content_type__model="statictoken").exists()


def test_account_with_an_authenticator_confirms_it_after_the_password(officer_a):
    device, _codes = with_authenticator(officer_a)
    client = signed_in_with_password(officer_a)
    step = client.get("/children/")
    assert step["Location"].startswith("/accounts/otp/?next=%2Fchildren%2F")
    assert (
        "The code is six digits."
        in client.post("/accounts/otp/", {"token": "12ab56"}).content.decode()
    )
    done = client.post("/accounts/otp/?next=/children/", {"token": code_for(device)})
    assert done["Location"] == "/children/"
    assert client.get("/children/").status_code == 200


def test_a_recovery_code_signs_in_once_in_place_of_the_app_code(officer_a):
    _device, codes = with_authenticator(officer_a)
    client = signed_in_with_password(officer_a)
    # As written down: upper case, in two groups.
    typed = f"{codes[3][:4].upper()} {codes[3][4:].upper()}"
    done = client.post("/accounts/otp/?next=/children/", {"token": typed}, follow=True)
    assert done.redirect_chain[-1][0] == "/children/"
    assert "You signed in with a recovery code, which is now used up." in done.content.decode()
    assert "Recovery codes left: 9." in done.content.decode()
    assert StaticToken.objects.filter(device__user=officer_a).count() == 9

    client.post("/accounts/logout/")
    again = signed_in_with_password(officer_a)
    refused = again.post("/accounts/otp/?next=/children/", {"token": codes[3]})
    assert refused.status_code == 200
    assert "This code is wrong or has expired." in refused.content.decode()
    assert again.get("/children/")["Location"].startswith("/accounts/otp/")
    assert (
        "one of your recovery codes"
        in again.post("/accounts/otp/", {"token": "abc"}).content.decode()
    )


def test_recovery_codes_are_replaced_under_my_account(as_user, officer_a):
    _device, old = with_authenticator(officer_a)
    client = as_user(officer_a)
    page = client.post("/accounts/otp/recovery-codes/").content.decode()
    new = set(StaticToken.objects.filter(device__user=officer_a).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    assert all(code in page for code in new)
    assert 'href="/accounts/security/"' in page


def test_the_setting_relaxes_officers_only_second_factor(
    settings, as_user, officer_a, regional_user, admin_user, national_user
):
    settings.OTP_REQUIRED_FOR_OFFICERS = False
    officer = as_user(officer_a, verified=False)
    assert officer.get("/children/").status_code == 200
    assert "Off. With it on" in officer.get("/accounts/security/").content.decode()
    for user in (regional_user, admin_user, national_user):
        response = as_user(user, verified=False).get("/children/")
        assert response["Location"].startswith("/accounts/otp/setup/"), user.role
    # An officer who turns it on anyway confirms it at every sign-in, and may turn it off.
    device, _codes = with_authenticator(officer_a)
    client = signed_in_with_password(officer_a)
    assert client.get("/children/")["Location"].startswith("/accounts/otp/?")
    client.post("/accounts/otp/", {"token": code_for(device)})
    assert client.get("/children/").status_code == 200
    client.post("/accounts/otp/disable/", {"confirm": "yes"})
    assert not TOTPDevice.objects.filter(user=officer_a).exists()
    assert not StaticDevice.objects.filter(user=officer_a).exists()
    assert client.get("/children/").status_code == 200


def test_accounts_that_must_keep_the_second_factor_cannot_turn_it_off(
    as_user, officer_a, admin_user
):
    for user in (officer_a, admin_user):  # officers too, unless relaxed
        client = as_user(user)
        assert "Turn off" not in client.get("/accounts/security/").content.decode()
        refused = client.post("/accounts/otp/disable/", follow=True)
        assert "Your account must keep two-step sign-in." in refused.content.decode()
        assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_an_account_promoted_while_signed_in_sets_up_a_second_factor_before_its_next_page(
    settings, as_user, officer_a, officer_b, admin_user, region
):
    """Officers are relaxed; one is made an administrator while signed in."""
    settings.OTP_REQUIRED_FOR_OFFICERS = False
    officer = as_user(officer_a, verified=False)
    colleague = as_user(officer_b, verified=False)
    assert officer.get("/children/").status_code == 200
    assert colleague.get("/children/").status_code == 200
    promoted = as_user(admin_user).post(
        f"/manage/users/{officer_a.pk}/",
        {"role": "admin", "region": region.pk, "is_active": "on", "version": officer_a.version},
    )
    assert promoted.status_code == 302
    response = officer.get("/")
    assert response["Location"].startswith("/accounts/otp/setup/?next=")
    assert officer.get("/manage/users/")["Location"].startswith("/accounts/otp/setup/")
    # The same when the deployment ends its roll-out: the next page asks for it.
    assert colleague.get("/children/").status_code == 200
    settings.OTP_REQUIRED_FOR_OFFICERS = True
    assert colleague.get("/children/")["Location"].startswith("/accounts/otp/setup/")


def test_administrator_removes_a_lost_authenticator_and_its_recovery_codes(
    as_user, admin_user, officer_a
):
    _device, codes = with_authenticator(officer_a)
    officer = as_user(officer_a)  # signed in with the authenticator that is lost
    assert officer.get("/children/").status_code == 200
    response = as_user(admin_user).post(
        f"/manage/users/{officer_a.pk}/second-factor/", {"confirm": "yes"}, follow=True
    )
    assert "The authenticator and the recovery codes of “officer_a” are removed." in (
        response.content.decode()
    )
    assert not TOTPDevice.objects.filter(user=officer_a).exists()
    assert not StaticDevice.objects.filter(user=officer_a).exists()
    assert not StaticToken.objects.filter(token__in=codes).exists()
    removed = AuditEntry.objects.filter(
        content_type__model__in=["totpdevice", "staticdevice"],
        action=AuditEntry.Action.DELETE,
        actor=admin_user,
    )
    assert removed.count() >= 2
    # The officer's session is held at its next page until a new authenticator is set up.
    assert officer.get("/children/")["Location"].startswith("/accounts/otp/setup/")
    fresh = signed_in_with_password(officer_a)
    assert fresh.get("/children/")["Location"].startswith("/accounts/otp/setup/")
    assert fresh.get("/accounts/otp/")["Location"].startswith("/accounts/otp/setup/")


def test_removing_an_authenticator_asks_for_confirmation_first(as_user, admin_user, officer_a):
    with_authenticator(officer_a)
    admin = as_user(admin_user)
    url = f"/manage/users/{officer_a.pk}/second-factor/"
    assert f'href="{url}"' in admin.get(f"/manage/users/{officer_a.pk}/").content.decode()
    for asked in (admin.get(url), admin.post(url)):  # a bare request only asks
        page = asked.content.decode()
        assert asked.status_code == 200
        assert "The authenticator and the recovery codes of “officer_a” will be removed" in page
        assert 'name="confirm" value="yes"' in page
        assert f'href="/manage/users/{officer_a.pk}/"' in page  # Cancel
        assert TOTPDevice.objects.filter(user=officer_a, name="phone").exists()
        assert StaticToken.objects.filter(device__user=officer_a).count() == 10
    done = admin.post(url, {"confirm": "yes"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer_a).exists()
    assert not StaticDevice.objects.filter(user=officer_a).exists()


def test_turning_off_two_step_sign_in_asks_for_confirmation_first(settings, as_user, officer_a):
    settings.OTP_REQUIRED_FOR_OFFICERS = False
    client = as_user(officer_a)
    assert 'href="/accounts/otp/disable/"' in client.get("/accounts/security/").content.decode()
    for asked in (client.get("/accounts/otp/disable/"), client.post("/accounts/otp/disable/")):
        assert "Turn off two-step sign-in?" in asked.content.decode()
        assert TOTPDevice.objects.filter(user=officer_a).exists()
    client.post("/accounts/otp/disable/", {"confirm": "yes"})
    assert not TOTPDevice.objects.filter(user=officer_a).exists()
