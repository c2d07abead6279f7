"""The indicator engine against a small register counted by hand (year 2024:
D = 31.12.2024, the year before P = 31.12.2023)."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from children.models import PlacementForm
from reports.indicators.engine import compute, indicators_for, percent
from reports.indicators.keys import KEYS
from tests.children.factories import place, register_child

d = datetime.date


EXPECTED_REGION = {
    "contingent.total": 7,  # c1 c3 c9 c11 (A) + c5 c6 c10 (B)
    "contingent.total_prev": 8,  # c1 c2 c3 c4 c5 c8 c11 (A) + c6 (B)
    "contingent.total_change": -1,
    "contingent.total_change_pct": -12.5,
    "contingent.orphans": 1,
    "contingent.without_care": 6,
    "contingent.institution": 2,
    "contingent.institution_prev": 2,
    "contingent.institution_change": 0,
    "contingent.institution_change_pct": 0.0,
    "contingent.institution_education": 1,
    "contingent.institution_health": 1,
    "contingent.institution_social": 0,
    "contingent.family": 3,
    "contingent.guardianship": 0,
    "contingent.trusteeship": 1,
    "contingent.patronage": 1,
    "contingent.foster_family": 1,
    "contingent.unplaced": 2,
    "quality.without_iin": 2,  # c6, c10
    "quality.invalid_iin": 0,
    "quality.duplicate_suspects": 2,  # c9 and c10
    "quality.overlapping_placements": 0,
    "quality.unplaced": 2,
}


def test_every_contingent_and_quality_key_for_the_region(register, region):
    values = indicators_for(2024, region=region)
    assert {key: values[key] for key in EXPECTED_REGION} == EXPECTED_REGION


def test_each_district_and_their_sum(register, region, district_a, district_b):
    a = indicators_for(2024, district=district_a)
    b = indicators_for(2024, district=district_b)
    assert (a["contingent.total"], b["contingent.total"]) == (4, 3)
    assert (a["contingent.total_prev"], b["contingent.total_prev"]) == (7, 1)
    assert (a["contingent.patronage"], b["contingent.patronage"]) == (0, 1)  # c5 moved in 2024
    figures = compute(2024, region=region)
    for key in (k.key for k in KEYS if k.kind == "count"):
        assert figures.values[key] == a[key] + b[key], key
        assert figures.districts[district_a.pk][key] == a[key]


def test_the_whole_register_adds_the_regions(register, region, other_region):
    everything = indicators_for(2024)
    first, second = indicators_for(2024, region=region), indicators_for(2024, region=other_region)
    assert (
        everything["contingent.total"]
        == first["contingent.total"] + second["contingent.total"]
        == 8
    )
    assert second["contingent.orphans"] == 1 and second["contingent.guardianship"] == 1


def test_any_past_year_can_be_recomputed(register, region):
    values = indicators_for(2023, region=region)
    assert values["contingent.total"] == 8
    assert values["contingent.unplaced"] == 1  # c4, before the adoption
    assert values["contingent.guardianship"] == 3  # c2 c3 c8 (and not c7, other region)
    assert values["contingent.patronage"] == 1  # c5, then still in A


def test_percentages_round_half_up_and_are_null_without_a_base():
    assert percent(9, 239) == 3.8
    assert percent(1, 8) == 12.5
    assert percent(1, 16) == 6.3  # 6.25 rounds up
    assert percent(5, 0) is None


def test_query_count_does_not_grow_with_children(
    district_a, officer_a, region, django_assert_max_num_queries
):
    for number in range(3):
        register_child(officer_a, district_a, birth_date=d(2012, 1, 1 + number))
    # The stale kept columns found and written again (in a savepoint), the sums, the
    # duplicates and the other counts.
    with django_assert_max_num_queries(12) as few:
        indicators_for(2024, region=region)
    for number in range(30):
        child = register_child(officer_a, district_a, birth_date=d(2011, 2, 1 + number % 28))
        place(officer_a, child, PlacementForm.GUARDIANSHIP, d(2021, 1, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert indicators_for(2024, region=region)["contingent.total"] == 33


def test_annual_report_command_prints_json_with_every_key(register, region, district_b):
    out = StringIO()
    call_command(
        "annual_report", "--year", "2024", "--region", "r1", "--format", "json", stdout=out
    )
    document = json.loads(out.getvalue())
    assert document["year"] == 2024 and document["region"] == "r1" and document["district"] is None
    assert list(document["indicators"]) == [key.key for key in KEYS]
    assert document["indicators"]["contingent.total"] == 7
    out = StringIO()
    call_command("annual_report", "--year", "2024", "--district", "b", stdout=out)
    document = json.loads(out.getvalue())
    assert (document["region"], document["district"]) == ("r1", "b")
    assert document["indicators"]["contingent.total"] == 3


EXPECTED_MATERIAL = {
    "housing.secured_institution": 1,  # c1
    "housing.secured_institution_pct": 100.0,  # of 1 in education institutions
    "housing.secured_family": 1,  # c3
    "housing.secured_family_pct": 33.3,  # of 3 in family care
    "housing.full_ownership": 1,
    "housing.full_ownership_pct": 14.3,  # of 7
    "housing.share_ownership": 1,
    "housing.share_ownership_pct": 14.3,
    "housing.queue_institution": 1,  # c1
    "housing.queue_institution_pct": 50.0,  # of 2 pupils
    "housing.queue_family": 2,  # c3, c5
    "housing.queue_family_pct": 66.7,
    "housing.provided_year": 1,  # g1, a graduate of 21
    "housing.provided_year_graduates": 1,
    "housing.provided_year_family": 0,
    "housing.provided_3y": 2,  # g1 in 2024, c2 in 2022
    "housing.provided_3y_graduates": 1,
    "housing.provided_3y_family": 1,
    "benefits.survivor_allowance": 2,  # c1 survivor, c6 parent's disability
    "benefits.survivor_allowance_pct": 28.6,
    "benefits.guardian_allowance": 1,
    "benefits.alimony_ordered": 3,  # c3, c11, c5
    "benefits.alimony_received": 1,  # c3: c11 was paid only the year before
    "benefits.alimony_received_pct": 33.3,
    "quality.alimony_without_payment": 1,  # c5
}


def test_every_housing_and_benefits_key_for_the_region(material_register, region):
    values = indicators_for(2024, region=region)
    assert {key: values[key] for key in EXPECTED_MATERIAL} == EXPECTED_MATERIAL


def test_housing_and_benefits_add_up_over_districts(
    material_register, region, district_a, district_b
):
    a, b = indicators_for(2024, district=district_a), indicators_for(2024, district=district_b)
    assert (a["housing.queue_family"], b["housing.queue_family"]) == (
        1,
        1,
    )  # c5 counts where its case is
    assert (a["benefits.survivor_allowance"], b["benefits.survivor_allowance"]) == (1, 1)
    total = indicators_for(2024, region=region)
    for key in ("housing.provided_3y", "benefits.alimony_ordered", "housing.secured_family"):
        assert total[key] == a[key] + b[key]


def test_the_year_before_had_its_own_alimony(material_register, region):
    values = indicators_for(2023, region=region)
    assert values["benefits.alimony_ordered"] == 3  # c3, c11 and c5 (from 1.2.2023)
    assert values["benefits.alimony_received"] == 1  # c11, paid in 2023


EXPECTED_CARE = {
    # Due in 2024 in family care: two each for c2, c3, c5, c11 (31 January and 31 July
    # style dates) and m1; c8's guardianship ended on 1.3.2024, before its next visit.
    "monitoring.visits_due": 10,
    "monitoring.visits_done": 1,  # m1's January visit; its July visit was late
    "monitoring.visits_done_pct": 10.0,
    "monitoring.overdue": 2,  # c5 and c11; c3's guardianship ended on D, c2 is 18 on D
    "aftercare.pupils_14": 1,  # c1
    "aftercare.life_plan": 1,
    "aftercare.life_plan_pct": 100.0,
    "capacity.youth_home_places": 2,
    "capacity.youth_home_occupied": 1,  # g1
    "capacity.youth_home_waiting": 1,  # w1
    "quality.family_without_visit": 3,  # c3, c5, c11
}


def test_every_monitoring_aftercare_and_capacity_key(care_register, region):
    values = indicators_for(2024, region=region)
    assert {key: values[key] for key in EXPECTED_CARE} == EXPECTED_CARE


def test_care_figures_add_up_over_districts(care_register, region, district_a, district_b):
    a, b = indicators_for(2024, district=district_a), indicators_for(2024, district=district_b)
    assert (a["monitoring.overdue"], b["monitoring.overdue"]) == (1, 1)  # c11 in A, c5 in B
    # c5 was registered in A and moved to B on 1.5.2024: its visit due on 31.3.2024
    # counts in A, the one due on 30.9.2024 in B.
    assert (a["monitoring.visits_due"], b["monitoring.visits_due"]) == (9, 1)
    total = indicators_for(2024, region=region)
    for key in EXPECTED_CARE:
        if not key.endswith("_pct"):
            assert total[key] == a[key] + b[key], key


@pytest.mark.parametrize("year", [2023, 2024])
def test_the_contingent_alone_equals_the_contingent_of_all_figures(
    care_register, region, district_a, year
):
    """The dashboard's earlier years count the contingent only, from fewer columns (no
    IIN, namesake or overlap checks): the same contingent as the full figures."""
    for area in ({"region": region}, {"district": district_a}):
        full = compute(year, **area)
        alone = compute(year, prefix="contingent.", **area)
        contingent = {
            key: value for key, value in full.values.items() if key.startswith("contingent.")
        }
        assert contingent["contingent.total"] > 0
        assert {key: alone.values[key] for key in contingent} == contingent
        assert not any(key.startswith("quality.") and value for key, value in alone.values.items())


def test_years_counted_together_equal_years_counted_alone(care_register, region, district_a):
    """A dashboard counts its years of one kind in one statement (each record read once
    for all of them); every year's figures are those it has counted alone."""
    from reports.indicators.engine import compute_years

    years = {2021: "contingent.", 2022: "contingent.", 2023: "", 2024: ""}
    for area in ({"region": region}, {"district": district_a}, {}):
        together = compute_years(years, **area)
        for year, prefix in years.items():
            alone = compute(year, prefix=prefix, **area)
            assert together[year].values == alone.values, (area, year)
            assert together[year].districts == alone.districts, (area, year)
    assert together[2023].values != together[2024].values


def test_every_condition_names_a_column_of_the_table():
    from reports.indicators.columns import column_names
    from reports.indicators.conditions import Period, all_conditions

    names = set(column_names(Period(2024)))
    for key, condition in all_conditions().items():
        assert condition.columns <= names, key


@pytest.mark.parametrize("value", ["x' OR '1'='1", "Орыс", "a b", 1.5, None])
def test_only_dates_numbers_and_codes_reach_the_sql(value):
    from reports.indicators.columns import literal

    with pytest.raises(ValueError, match="not a literal"):
        literal(value)
    assert (
        literal(d(2024, 12, 31)) == "'2024-12-31'"
        and literal(7) == "7"
        and literal("orphan") == "'orphan'"
    )
