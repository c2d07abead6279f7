"""Figures that count events of a year (housing provided, visits due and made) count
each event in the district that kept the case on the event's day, not on 31 December;
a region's figures stay the sum of its districts', and the list behind a figure agrees
with it (year 2024)."""

import datetime

import pytest
from django.db.models.expressions import RawSQL

from children.models import Child, InstitutionKind, PlacementEndReason, PlacementForm, Sector
from children.services.institutions import institution_create
from children.services.placements import placement_end
from children.services.transfers import child_transfer
from housing.services.provisions import housing_provision_add
from reports.indicators.conditions import Period, all_conditions
from reports.indicators.engine import children_behind, compute, compute_years, indicators_for
from tests.care.factories import record_visit
from tests.children.factories import place, register_child
from tests.conftest import table_rows

d = datetime.date

HOUSING_KEYS = [key for key in all_conditions() if key.startswith("housing.provided_")]


def transfer(actor, child, to_district, date):
    child.refresh_from_db()
    return child_transfer(
        actor=actor, child=child, version=child.version, to_district=to_district, date=date
    )


def house(actor, child, date):
    return housing_provision_add(
        actor=actor,
        child=child,
        date=date,
        address="Абай 10",
        source="other",
        exception_reason="Решение акимата",
    )


@pytest.fixture
def children_home(actor, district_a):
    return institution_create(
        actor=actor,
        code="EDU2",
        name_kk="Үй",
        name_ru="Дом",
        district=district_a,
        kind=InstitutionKind.CHILDREN_HOME,
        sector=Sector.EDUCATION,
    )


@pytest.fixture
def housed_then_moved(officer_a, officer_b, district_a, district_b, children_home):
    """g1, a graduate of A's children home, housed on 1.3.2024 while A kept the case,
    handed over to B on 1.6.2024."""
    g1 = register_child(
        officer_a,
        district_a,
        birth_date=d(2003, 5, 1),
        registered_on=d(2015, 2, 1),
        category="orphan",
        reason="parents_died",
    )
    stay = place(officer_a, g1, PlacementForm.INSTITUTION, d(2015, 3, 1), children_home)
    placement_end(
        actor=officer_a,
        placement=stay,
        version=stay.version,
        end_date=d(2021, 5, 1),
        end_reason=PlacementEndReason.CAME_OF_AGE,
    )
    house(officer_a, g1, d(2024, 3, 1))
    transfer(officer_a, g1, district_b, d(2024, 6, 1))
    return g1


def listed(key, district_ids, year=2024):
    """The ids of the children behind a figure, as the drill-down selects them."""
    sql = children_behind(Period(year), key, district_ids)
    return set(Child.objects.filter(pk__in=RawSQL(sql, [])).values_list("pk", flat=True))


def test_a_person_housed_then_moved_counts_where_housed(
    housed_then_moved, region, district_a, district_b
):
    a, b = indicators_for(2024, district=district_a), indicators_for(2024, district=district_b)
    total = indicators_for(2024, region=region)
    for key in (
        "housing.provided_year",
        "housing.provided_year_graduates",
        "housing.provided_3y",
        "housing.provided_3y_graduates",
    ):
        assert (a[key], b[key], total[key]) == (1, 0, 1), key
    for key in ("housing.provided_year_family", "housing.provided_3y_family"):
        assert (a[key], b[key], total[key]) == (0, 0, 0), key
    assert listed("housing.provided_year", [district_a.pk]) == {housed_then_moved.pk}
    assert listed("housing.provided_year", [district_b.pk]) == set()
    assert listed("housing.provided_year", [district_a.pk, district_b.pk]) == {housed_then_moved.pk}


def test_the_list_behind_a_housing_figure_is_the_district_that_housed(
    as_user, regional_user, housed_then_moved
):
    client = as_user(regional_user)

    def drill(**area):
        return client.get(
            "/reports/children/", {"key": "housing.provided_year", "year": 2024, **area}
        )

    in_a = drill(district="a")
    assert "1 child." in in_a.content.decode()
    assert housed_then_moved.full_name in table_rows(in_a)
    in_b = drill(district="b")
    assert "0 children." in in_b.content.decode()
    assert housed_then_moved.full_name not in table_rows(in_b)
    assert housed_then_moved.full_name in table_rows(drill(region="r1"))


def test_housed_in_the_district_that_keeps_the_case_on_that_day(
    housed_then_moved, officer_a, officer_b, district_a, district_b, region
):
    """f1 (family care) moved to B before it was housed: B's. o1, housed in A in 2022,
    moved to B in 2023: A's in the three years. t1, housed in A in 2022 and, after its
    move, in B in 2024: one person, counted once, where last housed."""
    f1 = register_child(
        officer_a, district_a, birth_date=d(2006, 2, 1), registered_on=d(2019, 1, 1)
    )
    place(officer_a, f1, PlacementForm.GUARDIANSHIP, d(2019, 1, 1))
    transfer(officer_a, f1, district_b, d(2024, 2, 1))
    house(officer_b, f1, d(2024, 5, 1))
    o1 = register_child(
        officer_a, district_a, birth_date=d(2003, 1, 1), registered_on=d(2019, 1, 1)
    )
    place(officer_a, o1, PlacementForm.TRUSTEESHIP, d(2019, 1, 1))
    house(officer_a, o1, d(2022, 6, 1))
    transfer(officer_a, o1, district_b, d(2023, 4, 1))
    t1 = register_child(
        officer_a, district_a, birth_date=d(2002, 1, 1), registered_on=d(2019, 1, 1)
    )
    house(officer_a, t1, d(2022, 9, 1))
    transfer(officer_a, t1, district_b, d(2023, 1, 10))
    house(officer_b, t1, d(2024, 9, 1))

    figures = compute(2024, region=region)
    a, b = figures.districts[district_a.pk], figures.districts[district_b.pk]
    assert (a["housing.provided_year"], b["housing.provided_year"]) == (1, 2)  # g1 | f1 t1
    assert (a["housing.provided_year_family"], b["housing.provided_year_family"]) == (0, 1)
    assert (a["housing.provided_3y"], b["housing.provided_3y"]) == (2, 2)  # g1 o1 | f1 t1
    assert (a["housing.provided_3y_family"], b["housing.provided_3y_family"]) == (1, 1)
    assert figures.values["housing.provided_3y"] == 4  # t1 once
    # A year earlier: o1 and t1 were both housed in A in 2022.
    assert compute(2023, district=district_a).values["housing.provided_3y"] == 2
    assert compute(2023, district=district_b).values["housing.provided_3y"] == 0
    assert listed("housing.provided_3y", [district_a.pk]) == {housed_then_moved.pk, o1.pk}
    assert listed("housing.provided_3y", [district_b.pk]) == {f1.pk, t1.pk}
    for key in HOUSING_KEYS:
        assert figures.values[key] == a[key] + b[key], key
        assert a[key] == len(listed(key, [district_a.pk])), key
        assert b[key] == len(listed(key, [district_b.pk])), key
        assert figures.values[key] == len(listed(key, [district_a.pk, district_b.pk])), key


def test_the_country_adds_the_regions_with_a_move_between_them(
    housed_then_moved, officer_b, district_b, district_c, region, other_region
):
    """g1, housed in A (region r1), moves on from B to C (region r2): still r1's."""
    transfer(officer_b, housed_then_moved, district_c, d(2024, 9, 1))
    first, second = indicators_for(2024, region=region), indicators_for(2024, region=other_region)
    everything = indicators_for(2024)
    assert (first["housing.provided_year"], second["housing.provided_year"]) == (1, 0)
    assert everything["housing.provided_year"] == 1
    assert listed("housing.provided_year", None) == {housed_then_moved.pk}


@pytest.fixture
def visited_then_moved(officer_a, officer_b, district_a, district_b):
    """v1 under guardianship in A from 1.7.2023 (due 31.7.2023, 31.1.2024, 31.7.2024,
    ...), visited on time on 20.7.2023 and 20.1.2024, handed over to B on 1.5.2024,
    visited late on 10.8.2024."""
    v1 = register_child(
        officer_a, district_a, birth_date=d(2016, 4, 1), registered_on=d(2023, 6, 1)
    )
    guardianship = place(officer_a, v1, PlacementForm.GUARDIANSHIP, d(2023, 7, 1))
    record_visit(officer_a, guardianship, d(2023, 7, 20))
    record_visit(officer_a, guardianship, d(2024, 1, 20))
    transfer(officer_a, v1, district_b, d(2024, 5, 1))
    guardianship.refresh_from_db()
    record_visit(officer_b, guardianship, d(2024, 8, 10))
    return v1


def test_each_due_visit_counts_where_the_case_was_on_its_due_date(
    visited_then_moved, region, district_a, district_b
):
    figures = compute(2024, region=region)
    a, b = figures.districts[district_a.pk], figures.districts[district_b.pk]
    assert (a["monitoring.visits_due"], b["monitoring.visits_due"]) == (1, 1)  # 31.1 | 31.7
    assert (a["monitoring.visits_done"], b["monitoring.visits_done"]) == (1, 0)
    assert (a["monitoring.visits_done_pct"], b["monitoring.visits_done_pct"]) == (100.0, 0.0)
    assert (figures.values["monitoring.visits_due"], figures.values["monitoring.visits_done"]) == (
        2,
        1,
    )
    for key in ("monitoring.visits_due", "monitoring.visits_done"):
        assert indicators_for(2024, district=district_a)[key] == a[key], key
        assert indicators_for(2024, district=district_b)[key] == b[key], key
    # 2023: the July due date, in A.
    assert compute(2023, district=district_a).values["monitoring.visits_due"] == 1
    assert compute(2023, district=district_b).values["monitoring.visits_due"] == 0
    # The two years counted together, as a dashboard does (one statement): each its own.
    together = compute_years({2023: "", 2024: ""}, region=region)
    assert [
        together[year].districts[district_a.pk]["monitoring.visits_due"] for year in (2023, 2024)
    ] == [1, 1]
    assert [
        together[year].districts[district_b.pk]["monitoring.visits_due"] for year in (2023, 2024)
    ] == [0, 1]
    assert [together[year].values["monitoring.visits_done"] for year in (2023, 2024)] == [1, 1]


def test_event_figures_keep_a_fixed_number_of_queries(
    housed_then_moved,
    visited_then_moved,
    officer_a,
    district_a,
    district_b,
    region,
    django_assert_max_num_queries,
):
    # The children's columns refreshed (stale ones found, then written in a savepoint)
    # and summed, the duplicates and the other counts: none of them per child.
    with django_assert_max_num_queries(12) as few:
        indicators_for(2024, region=region)
    for number in range(10):
        # A young person housed in A, and a child in family care, both moved to B.
        person = register_child(
            officer_a, district_a, birth_date=d(2004, 1, 1 + number), registered_on=d(2019, 1, 1)
        )
        house(officer_a, person, d(2024, 2, 1 + number))
        transfer(officer_a, person, district_b, d(2024, 3, 1))
        child = register_child(
            officer_a, district_a, birth_date=d(2016, 1, 1 + number), registered_on=d(2023, 6, 1)
        )
        place(officer_a, child, PlacementForm.FOSTER_FAMILY, d(2023, 7, 1))
        transfer(officer_a, child, district_b, d(2024, 5, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        figures = compute(2024, region=region)
    a, b = figures.districts[district_a.pk], figures.districts[district_b.pk]
    assert (a["housing.provided_year"], b["housing.provided_year"]) == (11, 0)
    assert (a["monitoring.visits_due"], b["monitoring.visits_due"]) == (11, 11)


@pytest.mark.parametrize("year", [2023, 2024])
def test_every_figure_of_children_equals_its_list(
    care_register, housed_then_moved, region, district_a, district_b, year
):
    """The shared register and g1: each count of children, in each district and in the
    region, is the number of children its drill-down lists."""
    figures = compute(year, region=region)
    areas = {
        district_a.pk: [district_a.pk],
        district_b.pk: [district_b.pk],
        None: [district_a.pk, district_b.pk],
    }
    for key in all_conditions():
        for area, district_ids in areas.items():
            counts = figures.values if area is None else figures.districts[area]
            assert counts[key] == len(listed(key, district_ids, year)), (key, area)
