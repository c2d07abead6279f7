"""The officer's work list and the overview per district, as of a date."""

import datetime

import pytest

from care.services.plans import life_plan_add
from care.worklist import district_overview, work_list, work_list_head
from children.models import PlacementForm
from tests.care.factories import record_visit
from tests.children.factories import place, register_child

D = datetime.date
DAY = D(2021, 3, 1)


@pytest.fixture
def district_a_cases(officer_a, district_a, children_home, family):
    """District A's cases as of 1 March 2021, one of each kind of work."""
    danger = register_child(officer_a, district_a, last_name="Данияров", birth_date=D(2014, 1, 1))
    guardianship = place(officer_a, danger, PlacementForm.GUARDIANSHIP, D(2020, 6, 1))
    record_visit(
        officer_a,
        guardianship,
        D(2021, 2, 20),
        conclusion="danger",
        action_description="Move the child to a safe place",
        action_due_date=D(2021, 3, 10),
        action_responsible="Омарова Г.",
    )
    concerns = register_child(officer_a, district_a, last_name="Әлиев", birth_date=D(2013, 1, 1))
    foster = place(officer_a, concerns, PlacementForm.FOSTER_FAMILY, D(2021, 2, 10))
    record_visit(
        officer_a,
        foster,
        D(2021, 2, 12),
        conclusion="concerns",
        action_description="Talk to the school",
        action_due_date=D(2021, 2, 20),
        action_responsible="Психолог",
    )
    soon = register_child(officer_a, district_a, last_name="Бекова", birth_date=D(2012, 1, 1))
    place(officer_a, soon, PlacementForm.FOSTER_FAMILY, D(2021, 2, 15))
    pupil = register_child(officer_a, district_a, last_name="Жанов", birth_date=D(2006, 1, 1))
    place(officer_a, pupil, PlacementForm.INSTITUTION, D(2020, 2, 1), children_home)
    planned = register_child(officer_a, district_a, last_name="Серікова", birth_date=D(2006, 2, 1))
    place(officer_a, planned, PlacementForm.INSTITUTION, D(2020, 2, 1), children_home)
    life_plan_add(
        actor=officer_a,
        child=planned,
        start_date=D(2020, 9, 1),
        education_goal="College",
        responsible_person="Тәрбиеші",
        next_review_date=D(2021, 2, 1),
    )
    young = register_child(officer_a, district_a, last_name="Кішкене", birth_date=D(2008, 1, 1))
    place(officer_a, young, PlacementForm.INSTITUTION, D(2020, 2, 1), children_home)


@pytest.fixture
def district_b_case(officer_b, child_b):
    place(officer_b, child_b, PlacementForm.GUARDIANSHIP, D(2021, 1, 1))


def summary(items):
    return [(item.child_name.split()[0], item.title) for item in items]


def test_work_list_is_ordered_by_urgency(officer_a, district_a_cases, district_b_case):
    assert summary(work_list(officer_a, DAY)) == [
        ("Данияров", "Child in danger: action due by 10.03.2021"),
        ("Данияров", "Visit overdue since 01.01.2021"),
        ("Омаров", "Visit overdue since 31.01.2021"),
        ("Серікова", "Life plan review due since 01.02.2021"),
        ("Әлиев", "Follow-up action past due since 20.02.2021"),
        ("Бекова", "Visit due by 17.03.2021"),
        ("Жанов", "Pupil of 14 or more without a life plan"),
    ]


def test_each_item_links_to_the_childs_section(officer_a, district_a_cases):
    item = work_list(officer_a, DAY)[0]
    assert item.url == f"/children/{item.child_id}/#care-visits"


def test_the_overdue_item_counts_the_missed_visits(officer_a, family):
    overdue = work_list(officer_a, D(2022, 3, 1))[0]
    assert (overdue.title, overdue.detail) == (
        "Visit overdue since 31.01.2021",
        "Visits missed: 3",
    )


def test_other_districts_work_is_not_listed(officer_b, district_a_cases, district_b_case):
    assert summary(work_list(officer_b, DAY)) == [("Исаева", "Visit overdue since 31.01.2021")]


def test_regional_overview_per_district(
    regional_user, national_user, district_a, district_b, district_a_cases, district_b_case
):
    rows = {row["district"].code: row for row in district_overview(regional_user, DAY)}
    assert set(rows) == {"a", "b"}
    assert {key: rows["a"][key] for key in ("overdue", "due_soon", "actions", "danger")} == {
        "overdue": 2,
        "due_soon": 1,
        "actions": 1,
        "danger": 1,
    }
    assert {key: rows["b"][key] for key in ("overdue", "due_soon", "actions", "danger")} == {
        "overdue": 1,
        "due_soon": 0,
        "actions": 0,
        "danger": 0,
    }
    national = {row["district"].code for row in district_overview(national_user, DAY)}
    assert {"a", "b"} <= national


def test_the_region_does_not_see_another_regions_districts(
    other_regional_user, district_c, district_a_cases
):
    rows = district_overview(other_regional_user, DAY)
    assert [row["district"].code for row in rows] == ["c"]
    assert rows[0]["overdue"] == 0


def test_the_head_of_the_work_list_is_its_first_items(officer_a, district_a_cases, family):
    """The home page's head (each kind's first rows) equals the whole list cut."""
    whole = work_list(officer_a, DAY)
    for size in range(1, len(whole) + 2):
        head, total = work_list_head(officer_a, DAY, size)
        assert (head, total) == (whole[:size], len(whole))


def test_the_head_reads_a_fixed_number_of_rows(
    officer_a, district_a, children_home, django_assert_max_num_queries
):
    """Twenty pupils without a life plan: the head of three reads three of them, in
    one query a kind, its count with its first rows."""
    for number in range(20):
        pupil = register_child(
            officer_a, district_a, last_name=f"Пупил{number:02}", birth_date=D(2006, 1, 1)
        )
        place(officer_a, pupil, PlacementForm.INSTITUTION, D(2020, 2, 1), children_home)
    with django_assert_max_num_queries(7):
        head, total = work_list_head(officer_a, DAY, 3)
    assert total == 20
    assert [item.child_name.split()[0] for item in head] == ["Пупил00", "Пупил01", "Пупил02"]
