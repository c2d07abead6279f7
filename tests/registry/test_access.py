"""District scoping: what each role sees."""

from registry.access import (
    area_filter,
    districts_visible_to,
    may_edit_cases_in,
    may_manage_region,
    regions_visible_to,
)
from registry.models import User


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_area_filter_keeps_records_of_the_users_area(
    officer_a,
    officer_b,
    officer_c,
    regional_user,
    other_regional_user,
    admin_user,
    national_user,
    roleless_user,
):
    """Any model with a district foreign key is scoped by area_filter; officers'
    accounts (which have one) stand in for the records of later apps here."""

    def visible_officers(viewer):
        records = User.objects.filter(district__isnull=False).filter(area_filter(viewer))
        return sorted(records.values_list("username", flat=True))

    assert visible_officers(officer_a) == ["officer_a"]
    assert visible_officers(officer_b) == ["officer_b"]
    assert visible_officers(regional_user) == ["officer_a", "officer_b"]
    assert visible_officers(admin_user) == ["officer_a", "officer_b"]
    assert visible_officers(other_regional_user) == ["officer_c"]
    assert visible_officers(national_user) == ["officer_a", "officer_b", "officer_c"]
    assert visible_officers(roleless_user) == []


def test_districts_and_regions_visible_per_role(
    officer_a, regional_user, other_regional_user, national_user, roleless_user
):
    assert codes(districts_visible_to(officer_a)) == ["a"]
    assert codes(districts_visible_to(regional_user)) == ["a", "b"]
    assert codes(districts_visible_to(other_regional_user)) == ["c"]
    assert codes(districts_visible_to(national_user)) == ["a", "b", "c"]
    assert codes(districts_visible_to(roleless_user)) == []
    assert codes(regions_visible_to(officer_a)) == ["r1"]
    assert codes(regions_visible_to(regional_user)) == ["r1"]
    assert codes(regions_visible_to(national_user)) == ["r1", "r2"]
    assert codes(regions_visible_to(roleless_user)) == []


def test_only_the_districts_officer_edits_its_cases(
    officer_a, district_a, district_b, regional_user, admin_user, national_user
):
    assert may_edit_cases_in(officer_a, district_a.pk)
    assert not may_edit_cases_in(officer_a, district_b.pk)
    for reader in (regional_user, admin_user, national_user):
        assert not may_edit_cases_in(reader, district_a.pk)


def test_only_the_regions_admin_manages_it(admin_user, other_admin_user, regional_user, region):
    assert may_manage_region(admin_user, region.pk)
    assert not may_manage_region(other_admin_user, region.pk)
    assert not may_manage_region(regional_user, region.pk)


def test_account_missing_its_area_sees_nothing(district_a, region):
    """An officer whose district was removed from the account sees no data."""
    officer = User.objects.create_user("loose", role="officer")  # no district
    assert not officer.has_area
    assert codes(districts_visible_to(officer)) == []


def test_other_district_record_answers_404_and_wrong_role_403(
    as_user, admin_user, other_admin_user, officer_a, district_a
):
    url = f"/manage/districts/{district_a.pk}/"
    assert as_user(admin_user).get(url).status_code == 200
    assert as_user(other_admin_user).get(url).status_code == 404
    assert as_user(officer_a).get(url).status_code == 403
