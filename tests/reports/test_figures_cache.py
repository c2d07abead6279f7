"""Cached figures stay exact: each kind of change reaches the areas whose figures it
changes, and a change in one district leaves the other districts' figures cached (a
region's and the register's are summed from their districts' kept counts)."""

import datetime

import pytest

from children.models import Institution
from children.services.institutions import institution_update
from children.services.statuses import status_correct
from reports.indicators.cache import DUPLICATES, data_version, figures
from reports.indicators.engine import compute
from tests.children.factories import register_child, register_namesake

d = datetime.date


@pytest.fixture
def warm(care_register, region, district_a, district_b):
    """Figures of 2023 and 2024 for both districts, the region and the register, cached;
    returns a function that says whether the cached figures still equal a fresh count."""
    areas = [{"district": district_a}, {"district": district_b}, {"region": region}, {}]
    for year in (2023, 2024):
        for area in areas:
            figures(year, **area)

    def exact():
        for year in (2023, 2024):
            for area in areas:
                assert figures(year, **area).values == compute(year, **area).values, (year, area)

    return exact


def versions(region, district_a, district_b):
    """The versions each district's counts are kept under, and the region's figures."""
    from children.versions import district_version_parts

    return (
        district_version_parts(district=district_a),
        district_version_parts(district=district_b),
        data_version(region=region),
    )


def test_a_change_in_one_district_leaves_the_others_cached(
    warm, region, district_a, district_b, officer_a
):
    a, b, total = versions(region, district_a, district_b)
    before = figures(2024, district=district_a).values["contingent.total"]
    register_child(officer_a, district_a, birth_date=d(2015, 1, 1), registered_on=d(2024, 2, 1))
    a2, b2, total2 = versions(region, district_a, district_b)
    assert a2 != a and total2 != total
    assert b2 == b
    assert figures(2024, district=district_a).values["contingent.total"] == before + 1
    warm()


def test_a_change_in_one_district_counts_that_district_alone(
    warm, counted, region, district_a, district_b, officer_a
):
    """The region's and the register's figures after a change in A: A's counts are
    counted again, B's read as they were kept, and the sums are a fresh count's."""
    register_child(officer_a, district_a, birth_date=d(2015, 1, 1), registered_on=d(2024, 2, 1))
    assert figures(2024, region=region).values == compute(2024, region=region).values
    # A's counts, and the namesakes of the whole region (a few children).
    region_ids = sorted([district_a.pk, district_b.pk])
    assert sorted(counted) == [([district_a.pk], "", False), (region_ids, DUPLICATES, True)]
    counted.clear()
    # The register reads A's counts as the region's count kept them.
    assert figures(2024).values == compute(2024).values
    assert counted == [(None, DUPLICATES, True)]
    warm()


def test_a_namesake_in_another_district_is_a_suspect_there_at_once(
    warm, region, district_a, district_b, officer_a, officer_b
):
    """B's counts are kept when a child of A shares B's child's name and birth date: the
    region and the register still count both children as suspected duplicates."""
    from children.models import Child

    suspects = figures(2024, region=region).values["quality.duplicate_suspects"]
    theirs = Child.objects.filter(registered_district=district_b).order_by("pk").first()
    register_namesake(officer_a, district_a, theirs, registered_on=d(2024, 2, 1))
    for area in ({"region": region}, {}):
        assert figures(2024, **area).values["quality.duplicate_suspects"] == suspects + 2
        assert figures(2024, **area).districts == compute(2024, **area).districts
    # B's own figures are counted again at B's next change (or within the hour): a
    # registration anywhere does not make every officer's dashboard be counted again.
    b = figures(2024, district=district_b).values["quality.duplicate_suspects"]
    assert b == compute(2024, district=district_b).values["quality.duplicate_suspects"] - 1


def test_a_correction_after_a_move_reaches_the_district_that_kept_the_child(
    warm, care_register, district_a, district_b, officer_b
):
    """c5 moved from A to B in 2024; its status, corrected in B, was A's in 2023."""
    before = figures(2023, district=district_a).values["contingent.orphans"]
    status = care_register["c5"].statuses.get()
    status_correct(
        actor=officer_b,
        status=status,
        version=status.version,
        category="orphan",
        reason="parents_died",
        start_date=status.start_date,
        end_date=None,
        end_reason="",
    )
    assert figures(2023, district=district_a).values["contingent.orphans"] == before + 1
    warm()


def test_a_youth_home_place_reaches_the_district_of_the_home(
    warm, district_a, district_b, officer_b
):
    from care.services.youth_homes import youth_home_stay_add

    before = figures(2024, district=district_a).values["capacity.youth_home_occupied"]
    young = register_child(officer_b, district_b, birth_date=d(2006, 1, 1))
    youth_home_stay_add(
        actor=officer_b,
        child=young,
        institution=Institution.objects.get(code="YH"),
        start_date=d(2024, 10, 1),
    )
    assert figures(2024, district=district_a).values["capacity.youth_home_occupied"] == before + 1
    warm()


def test_an_institution_change_reaches_every_area(warm, actor, district_b):
    """The children's home is in A; the baby home in B. Making the baby home an
    education institution changes B's figures through an entry of no child."""
    clinic = Institution.objects.get(code="HLT")
    institution_update(actor=actor, institution=clinic, version=clinic.version, sector="education")
    assert figures(2024, district=district_b).values["contingent.institution_education"] == 1
    warm()


def shorten_schedule(area, actor):
    """A visit every three months in the region's guardianship rule; its rebuild job
    (run in-process in tests by `job_enqueue`) not started yet."""
    from care.models import VisitScheduleRule
    from care.services.schedules import schedule_rule_update

    rule = VisitScheduleRule.objects.get(region=area, form="guardianship")
    return schedule_rule_update(
        actor=actor,
        rule=rule,
        version=rule.version,
        first_visit_days=30,
        interval_months=3,
        duration_months=None,
        is_active=True,
    ).rebuild_job


def test_a_regions_visit_schedule_reaches_its_districts_and_no_other_region(
    warm, region, district_a, other_region, district_c, admin_user, other_admin_user
):
    """Each region's schedule is its own: the other region's change leaves this
    region's figures as they are, its own changes them; the cache follows both."""
    from registry.services.jobs import job_enqueue

    before = figures(2024, district=district_a).values["monitoring.visits_due"]
    job_enqueue(shorten_schedule(other_region, other_admin_user))
    assert figures(2024, district=district_a).values["monitoring.visits_due"] == before
    warm()
    job_enqueue(shorten_schedule(region, admin_user))
    assert figures(2024, district=district_a).values["monitoring.visits_due"] > before
    warm()


def test_figures_counted_before_a_schedule_rebuild_are_not_kept_past_it(
    warm, region, district_a, admin_user
):
    """A rule's change is saved first and its due visits are written by a job after
    it: figures counted in between are counted again once the job has finished."""
    from registry.services.jobs import job_enqueue

    rebuild = shorten_schedule(region, admin_user)
    before = figures(2024, district=district_a).values["monitoring.visits_due"]
    figures(2024, region=region), figures(2024)
    job_enqueue(rebuild)
    assert figures(2024, district=district_a).values["monitoring.visits_due"] > before
    warm()


def test_a_transfer_reaches_both_districts(warm, care_register, district_a, district_b, officer_a):
    from children.services.transfers import child_transfer

    c1 = care_register["c1"]
    c1.refresh_from_db()
    child_transfer(
        actor=officer_a, child=c1, version=c1.version, to_district=district_b, date=d(2024, 6, 1)
    )
    warm()


def test_migrate_clears_the_figures_counted_by_the_code_before(db):
    """A deployment runs `migrate`: figures counted by the previous code are gone."""
    from django.core.cache import cache
    from django.core.management import call_command

    key = "indicators:test"
    cache.set(key, "counted before")
    call_command("migrate", verbosity=0)
    assert cache.get(key) is None


def test_a_transfer_dated_before_a_housing_reaches_the_district_that_housed(
    warm, care_register, district_a, district_b, officer_a
):
    """g1 was housed on 1.10.2024 while A kept the case. A transfer to B recorded later
    but dated 1.9.2024 makes the housing B's: A's cached figures are counted again."""
    from children.services.transfers import child_transfer

    assert figures(2024, district=district_a).values["housing.provided_year"] == 1
    g1 = care_register["g1"]
    g1.refresh_from_db()
    child_transfer(
        actor=officer_a, child=g1, version=g1.version, to_district=district_b, date=d(2024, 9, 1)
    )
    assert figures(2024, district=district_a).values["housing.provided_year"] == 0
    assert figures(2024, district=district_b).values["housing.provided_year"] == 1
    warm()


def test_a_housing_corrected_after_a_move_reaches_both_districts(
    warm, care_register, district_a, district_b, officer_a, officer_b
):
    """g1, housed in A on 1.10.2024, moves to B on 1.11.2024; B's officer corrects the
    day housed to 15.11.2024 (filed under B): the housing moves from A's figures to B's."""
    from children.services.transfers import child_transfer
    from housing.services.provisions import housing_provision_correct

    g1 = care_register["g1"]
    g1.refresh_from_db()
    child_transfer(
        actor=officer_a, child=g1, version=g1.version, to_district=district_b, date=d(2024, 11, 1)
    )
    assert figures(2024, district=district_a).values["housing.provided_year"] == 1
    assert figures(2024, district=district_b).values["housing.provided_year"] == 0
    provision = g1.housing_provisions.get()
    housing_provision_correct(
        actor=officer_b,
        provision=provision,
        version=provision.version,
        date=d(2024, 11, 15),
        address=provision.address,
        source=provision.source,
        exception_reason=provision.exception_reason,
    )
    assert figures(2024, district=district_a).values["housing.provided_year"] == 0
    assert figures(2024, district=district_b).values["housing.provided_year"] == 1
    warm()


def test_accounts_and_their_authenticators_change_no_area(
    warm, actor, region, district_a, district_b
):
    """No count reads accounts: a new officer's account and first sign-in (an
    authenticator and recovery codes) leave every area's version as it was, so that
    sign-ins across the country do not have every dashboard counted again."""
    from registry.models import Role
    from registry.services.second_factor import authenticator_confirm, authenticator_pending
    from registry.services.users import user_create

    before = (
        versions(region, district_a, district_b),
        data_version(),
        data_version(district=district_a),
    )
    officer = user_create(
        actor=actor, username="new_officer", role=Role.OFFICER, password=None, district=district_a
    )
    authenticator_confirm(actor=officer, device=authenticator_pending(actor=officer, user=officer))
    after = (
        versions(region, district_a, district_b),
        data_version(),
        data_version(district=district_a),
    )
    assert after == before
    # An institution, which counts read, still changes every area.
    clinic = Institution.objects.get(code="HLT")
    institution_update(actor=actor, institution=clinic, version=clinic.version, sector="education")
    assert data_version() != before[1]
    warm()
