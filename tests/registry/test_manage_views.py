"""The regional administrator's pages: districts and accounts."""

import pytest

from registry.models import District, User
from registry.services.geography import district_update
from tests.conftest import PASSWORD


def district_form(district, **changes):
    data = {
        "code": district.code,
        "name_kk": district.name_kk,
        "name_ru": district.name_ru,
        "name_en": district.name_en,
        "is_active": "on",
        "version": district.version,
    }
    data.update(changes)
    return data


def test_admin_adds_a_district_to_own_region(as_user, admin_user, region):
    response = as_user(admin_user).post(
        "/manage/districts/new/", {"code": "n", "name_kk": "Жаңа", "name_ru": "Новый"}
    )
    assert response.status_code == 302
    assert District.objects.get(code="n").region == region


def test_district_code_must_be_unique(as_user, admin_user, district_a):
    response = as_user(admin_user).post(
        "/manage/districts/new/", {"code": "a", "name_kk": "Жаңа", "name_ru": "Новый"}
    )
    assert response.status_code == 200
    assert "District with this Code already exists." in response.content.decode()
    assert District.objects.filter(code="a").count() == 1


def test_second_save_of_the_same_version_is_refused(as_user, admin_user, district_a):
    """Two administrators opened the same district; the second save loses, sees the
    current values and what they had typed, and overwrites nothing."""
    opened = district_form(district_a)
    first = as_user(admin_user).post(
        f"/manage/districts/{district_a.pk}/", {**opened, "name_ru": "Первое изменение"}
    )
    assert first.status_code == 302
    second = as_user(admin_user).post(
        f"/manage/districts/{district_a.pk}/", {**opened, "name_ru": "Второе изменение"}
    )
    page = second.content.decode()
    assert second.status_code == 200
    assert "Someone else saved this record while you were editing it." in page
    assert 'value="Первое изменение"' in page  # the current value in the form
    assert "Второе изменение" in page  # what the user typed, shown, not saved
    district_a.refresh_from_db()
    assert district_a.name_ru == "Первое изменение"


def test_admin_creates_an_officer_account(as_user, admin_user, district_a):
    response = as_user(admin_user).post(
        "/manage/users/new/",
        {
            "username": "newofficer",
            "role": "officer",
            "district": district_a.pk,
            "password1": "Long-enough-pass-1",
            "password2": "Long-enough-pass-1",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newofficer")
    assert user.district == district_a and user.check_password("Long-enough-pass-1")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "officer"}, "An officer must be bound to a district."),
        ({"role": "regional"}, "This role must be bound to a region."),
        (
            {"role": "national"},
            "Select a valid choice. national is not one of the available choices.",
        ),
        (
            {"role": "officer", "district": "DISTRICT", "password1": "short", "password2": "short"},
            "This password is too short. It must contain at least 12 characters.",
        ),
        (
            {
                "role": "officer",
                "district": "DISTRICT",
                "password1": "Long-enough-pass-1",
                "password2": "Long-enough-pass-2",
            },
            "The two passwords differ.",
        ),
    ],
)
def test_account_form_rules(as_user, admin_user, district_a, data, message):
    data = {"username": "someone", **data}
    if data.get("district") == "DISTRICT":
        data["district"] = district_a.pk
    response = as_user(admin_user).post("/manage/users/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="someone").exists()


def test_admin_cannot_give_an_account_in_another_district_of_another_region(
    as_user, admin_user, district_c
):
    response = as_user(admin_user).post(
        "/manage/users/new/", {"username": "intruder", "role": "officer", "district": district_c.pk}
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="intruder").exists()


def test_admin_lists_accounts_of_own_region_only(as_user, admin_user, officer_a, officer_c):
    page = as_user(admin_user).get("/manage/users/").content.decode()
    assert "officer_a" in page
    assert "officer_c" not in page


def test_admin_sets_a_password_and_deactivates(as_user, admin_user, officer_a):
    client = as_user(admin_user)
    response = client.post(
        f"/manage/users/{officer_a.pk}/password/",
        {"password1": "Brand-new-pass-12", "password2": "Brand-new-pass-12"},
    )
    assert response.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.check_password("Brand-new-pass-12")
    response = client.post(
        f"/manage/users/{officer_a.pk}/",
        {"role": "officer", "district": officer_a.district_id, "version": officer_a.version},
    )
    assert response.status_code == 302
    officer_a.refresh_from_db()
    assert not officer_a.is_active


def test_admin_cannot_deactivate_themselves(as_user, admin_user, region):
    response = as_user(admin_user).post(
        f"/manage/users/{admin_user.pk}/",
        {"role": "admin", "region": region.pk, "version": admin_user.version},
    )
    assert "You cannot deactivate your own account." in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_login_and_logout(client, officer_a):
    response = client.post("/accounts/login/", {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    # Signed in; the second step (here: setting up an authenticator) comes next.
    assert client.get("/")["Location"].startswith("/accounts/otp/setup/")
    assert client.get("/accounts/security/").status_code == 302
    client.post("/accounts/logout/")
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_navigation_follows_the_role(as_user, admin_user, officer_a):
    admin_page = as_user(admin_user).get("/").content.decode()
    officer_page = as_user(officer_a).get("/").content.decode()
    assert 'href="/manage/users/"' in admin_page
    assert 'href="/manage/users/"' not in officer_page


def test_district_update_service_keeps_history(admin_user, district_a):
    district_update(actor=admin_user, district=district_a, is_active=False)
    district_a.refresh_from_db()
    assert not district_a.is_active
    assert District.objects.filter(pk=district_a.pk).exists()
