"""The visit schedule: due dates from the rule, visits matched to them, overdue."""

import datetime

import pytest

from care.models import ScheduledVisit, VisitScheduleRule
from care.schedule import add_months, due_dates, match_visits
from care.selectors import overdue_q
from care.services.schedules import rebuild_schedules, schedule_rule_update
from children.models import Placement, PlacementEndReason, PlacementForm
from children.services.children import child_update_identity
from children.services.placements import placement_correct, placement_end
from registry.models import AuditEntry
from registry.services.jobs import job_enqueue
from tests.care.factories import record_visit
from tests.children.factories import place, register_child

D = datetime.date


BORN = D(2015, 6, 1)


def change_rule(**values):
    """The rule saved, and its rebuild run as the job it starts (in-process in tests)."""
    return job_enqueue(schedule_rule_update(**values).rebuild_job)


def dues(start, end=None, birth=BORN, duration=None, first=30, every=6):
    return due_dates(
        start=start,
        end=end,
        birth_date=birth,
        first_visit_days=first,
        interval_months=every,
        duration_months=duration,
    )


def dates(schedule):
    return [due.due_date for due in schedule]


# --- pure computation ---------------------------------------------------------------
def test_first_visit_within_a_month_of_placement_then_every_six_months():
    schedule = dues(D(2021, 1, 1), end=D(2022, 12, 31))
    assert dates(schedule) == [D(2021, 1, 31), D(2021, 7, 31), D(2022, 1, 31), D(2022, 7, 31)]
    assert [due.window_start for due in schedule] == [
        D(2021, 1, 1),  # the first counts from the placement's start
        D(2021, 1, 31),  # the next ones from the previous due date
        D(2021, 7, 31),
        D(2022, 1, 31),
    ]
    assert {due.monitoring_end for due in schedule} == {D(2022, 12, 31)}


def test_months_at_the_end_of_a_month_do_not_drift():
    """Due dates are the first one plus 6, 12, 18, ... months, not the previous one plus
    6: from 31 August, the last day of February (the 29th in a leap year), then 31
    August again, never 28 August."""
    assert add_months(D(2021, 8, 31), 6) == D(2022, 2, 28)
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert add_months(D(2021, 8, 31), 12) == D(2022, 8, 31)
    schedule = dues(D(2021, 8, 1), end=D(2024, 9, 1))  # first due 30 days on: 31 August
    assert dates(schedule) == [
        D(2021, 8, 31),
        D(2022, 2, 28),
        D(2022, 8, 31),
        D(2023, 2, 28),
        D(2023, 8, 31),
        D(2024, 2, 29),
        D(2024, 8, 31),
    ]
    # Each window still opens at the previous due date, whatever its day.
    assert [due.window_start for due in schedule][1:4] == [
        D(2021, 8, 31),
        D(2022, 2, 28),
        D(2022, 8, 31),
    ]


def test_adoption_is_visited_during_its_first_three_years_only():
    schedule = dues(D(2020, 3, 10), duration=36, birth=D(2018, 1, 1))
    assert dates(schedule) == [
        D(2020, 4, 9),
        D(2020, 10, 9),
        D(2021, 4, 9),
        D(2021, 10, 9),
        D(2022, 4, 9),
        D(2022, 10, 9),
    ]
    assert schedule[-1].monitoring_end == D(2023, 3, 10)


def test_placement_ended_before_a_visit_fell_due():
    assert dues(D(2021, 1, 1), end=D(2021, 1, 20)) == []  # ended before the first visit
    assert dates(dues(D(2021, 1, 1), end=D(2021, 7, 31))) == [D(2021, 1, 31)]  # end exclusive


def test_no_visit_is_due_from_the_18th_birthday():
    schedule = dues(D(2021, 1, 1), birth=D(2004, 3, 15))
    assert dates(schedule) == [D(2021, 1, 31), D(2021, 7, 31), D(2022, 1, 31)]
    assert schedule[-1].monitoring_end == D(2022, 3, 15)


def test_a_visit_fulfils_the_earliest_open_due_date_and_a_late_one_is_not_on_time():
    schedule = dues(D(2021, 1, 1), end=D(2022, 6, 1))
    matched = match_visits(schedule, [(1, D(2021, 1, 25)), (2, D(2021, 9, 15))])
    assert [(due.visit_id, due.fulfilled_on, due.on_time) for due in matched] == [
        (1, D(2021, 1, 25), True),
        (2, D(2021, 9, 15), False),  # due 31 July, visited late
        (None, None, False),
    ]


def test_a_second_visit_before_the_first_due_date_counts_for_nothing():
    schedule = dues(D(2021, 1, 1), end=D(2022, 6, 1))
    matched = match_visits(schedule, [(1, D(2021, 1, 10)), (2, D(2021, 1, 20))])
    assert [due.visit_id for due in matched] == [1, None, None]


def test_a_visit_on_the_due_date_is_on_time():
    matched = match_visits(dues(D(2021, 1, 1), end=D(2021, 6, 1)), [(1, D(2021, 1, 31))])
    assert matched[0].on_time


# --- the materialised schedule -------------------------------------------------------
def scheduled(placement):
    return list(ScheduledVisit.objects.filter(placement=placement).order_by("due_date"))


def test_starting_a_placement_schedules_its_visits(family):
    rows = scheduled(family)
    assert rows[0].due_date == D(2021, 1, 31) and rows[0].window_start == D(2021, 1, 1)
    assert rows[1].due_date == D(2021, 7, 31)
    # Until the child's 18th birthday on 1 June 2033.
    assert rows[-1].due_date == D(2033, 1, 31)
    assert {row.monitoring_end for row in rows} == {D(2033, 6, 1)}
    assert all(row.child_id == family.child_id for row in rows)


def test_an_institution_has_no_visits(officer_a, child_a, children_home):
    placement = place(officer_a, child_a, PlacementForm.INSTITUTION, D(2021, 1, 1), children_home)
    assert scheduled(placement) == []


def test_ending_or_correcting_the_placement_reschedules(officer_a, family):
    placement_end(
        actor=officer_a,
        placement=family,
        version=family.version,
        end_date=D(2021, 9, 1),
        end_reason=PlacementEndReason.CARER_RELEASED,
    )
    assert [row.due_date for row in scheduled(family)] == [D(2021, 1, 31), D(2021, 7, 31)]
    family.refresh_from_db()
    placement_correct(
        actor=officer_a,
        placement=family,
        version=family.version,
        form=PlacementForm.GUARDIANSHIP,
        start_date=D(2021, 2, 1),
        end_date=D(2021, 9, 1),
        end_reason=PlacementEndReason.CARER_RELEASED,
        carer_name="Серікова Гүлнар",
    )
    assert [row.due_date for row in scheduled(family)] == [D(2021, 3, 3)]


def test_recorded_visits_fulfil_due_dates(officer_a, family):
    record_visit(officer_a, family, D(2021, 1, 20))
    late = record_visit(officer_a, family, D(2021, 8, 10))
    rows = scheduled(family)
    assert (rows[0].fulfilled_on, rows[0].on_time) == (D(2021, 1, 20), True)
    assert (rows[1].visit, rows[1].fulfilled_on, rows[1].on_time) == (late, D(2021, 8, 10), False)
    assert rows[2].fulfilled_on is None


def test_adoption_schedule_ends_after_three_years(officer_a, child_a):
    adoption = place(officer_a, child_a, PlacementForm.ADOPTION, D(2020, 3, 10))
    rows = scheduled(adoption)
    assert len(rows) == 6 and rows[-1].due_date == D(2022, 10, 9)


def test_a_corrected_birth_date_moves_the_last_due_visit(officer_a, district_a):
    child = register_child(officer_a, district_a, birth_date=D(2005, 6, 1))
    placement = place(officer_a, child, PlacementForm.TRUSTEESHIP, D(2020, 1, 10))
    assert scheduled(placement)[-1].due_date == D(2023, 2, 9)  # 18 on 1 June 2023
    child_update_identity(
        actor=officer_a,
        child=child,
        version=child.version,
        iin=None,
        last_name=child.last_name,
        first_name=child.first_name,
        birth_date=D(2005, 1, 1),
        sex=child.sex,
    )
    assert scheduled(placement)[-1].due_date == D(2022, 8, 9)  # 18 on 1 January 2023


def test_changing_the_rule_reschedules_every_placement_of_its_form(officer_a, admin_user, family):
    record_visit(officer_a, family, D(2021, 1, 20))
    rule = VisitScheduleRule.objects.get(form=PlacementForm.GUARDIANSHIP)
    change_rule(
        actor=admin_user,
        rule=rule,
        version=rule.version,
        first_visit_days=14,
        interval_months=12,
        duration_months=None,
        is_active=True,
    )
    rows = scheduled(family)
    assert [row.due_date for row in rows[:3]] == [D(2021, 1, 15), D(2022, 1, 15), D(2023, 1, 15)]
    assert rows[0].fulfilled_on == D(2021, 1, 20) and not rows[0].on_time
    change_rule(
        actor=admin_user,
        rule=rule,
        version=rule.version,
        first_visit_days=14,
        interval_months=12,
        duration_months=None,
        is_active=False,
    )
    assert scheduled(family) == []


def test_default_rules_exist_for_every_receiving_family_form(region):
    rules = {rule.form: rule for rule in VisitScheduleRule.objects.filter(region=region)}
    assert set(rules) == {"guardianship", "trusteeship", "patronage", "foster_family", "adoption"}
    assert all(r.first_visit_days == 30 and r.interval_months == 6 for r in rules.values())
    assert rules["adoption"].duration_months == 36
    assert rules["guardianship"].duration_months is None


# --- overdue ------------------------------------------------------------------------
def overdue_at(placement, day):
    return list(
        ScheduledVisit.objects.filter(overdue_q(day), placement=placement).values_list(
            "due_date", flat=True
        )
    )


def test_overdue_from_the_day_after_the_due_date(family):
    assert overdue_at(family, D(2021, 1, 31)) == []  # still the day to visit
    assert overdue_at(family, D(2021, 2, 1)) == [D(2021, 1, 31)]


def test_a_late_visit_was_overdue_until_it_was_made(officer_a, family):
    record_visit(officer_a, family, D(2021, 3, 1))
    assert overdue_at(family, D(2021, 2, 28)) == [D(2021, 1, 31)]  # as it stood then
    assert overdue_at(family, D(2021, 3, 1)) == []


def test_nothing_is_overdue_once_the_placement_ended(officer_a, family):
    placement_end(
        actor=officer_a,
        placement=family,
        version=family.version,
        end_date=D(2021, 3, 1),
        end_reason=PlacementEndReason.CARER_RELEASED,
    )
    assert overdue_at(family, D(2021, 2, 15)) == [D(2021, 1, 31)]
    assert overdue_at(family, D(2021, 3, 1)) == []


# --- bulk ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_rebuild_works_in_bulk(officer_a, district_a, django_assert_max_num_queries):
    placements = []
    for number in range(12):
        child = register_child(officer_a, district_a, birth_date=D(2012, 1, 1 + number))
        placements.append(place(officer_a, child, PlacementForm.FOSTER_FAMILY, D(2020, 2, 1)))
    ids = [placement.pk for placement in placements]
    ScheduledVisit.objects.all().delete()
    # Rules, placements, visits, one delete, inserts in batches: not a query per placement.
    with django_assert_max_num_queries(10):
        written = rebuild_schedules(ids)
    assert written == ScheduledVisit.objects.count() == 12 * 20  # 18 on 1 January 2030
    assert Placement.objects.count() == 12


@pytest.mark.django_db
def test_rebuild_writes_in_statements_of_one_size(officer_a, district_a, monkeypatch):
    """Chunks of placements have due visits of every number; written per chunk, each
    number was a statement text of its own, which SQLite's driver keeps prepared with
    its parameters (90 MB more at the peak of a 10,000-children import). The rebuild
    writes them WRITE_ROWS at a time instead: one size, and the rest once."""
    from django.db import connection

    from care.services import schedules

    ids = []
    for number in range(7):
        child = register_child(officer_a, district_a, birth_date=D(2012, 1, 1 + number))
        start = D(2020, 2, 1) + datetime.timedelta(days=200 * number)  # fewer visits each
        ids.append(place(officer_a, child, PlacementForm.FOSTER_FAMILY, start).pk)
    expected = ScheduledVisit.objects.count()
    ScheduledVisit.objects.all().delete()
    monkeypatch.setattr(schedules, "CHUNK", 2)
    monkeypatch.setattr(schedules, "WRITE_ROWS", 25)
    inserts = []

    def prepared(execute, sql, params, many, context):
        if sql.startswith(f'INSERT INTO "{ScheduledVisit._meta.db_table}"'):
            inserts.append(sql.count("%s") // len(schedules.SCHEDULED_COLUMNS))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(prepared):
        written = rebuild_schedules(ids)
    assert written == ScheduledVisit.objects.count() == expected
    if connection.vendor == "sqlite":  # (COPY on PostgreSQL: no statement)
        assert set(inserts[:-1]) == {25} and inserts[-1] == expected % 25


def test_a_rule_change_is_in_the_administrators_audit_trail(as_user, admin_user, region):
    rule = VisitScheduleRule.objects.get(form=PlacementForm.PATRONAGE)
    change_rule(
        actor=admin_user,
        rule=rule,
        version=rule.version,
        first_visit_days=20,
        interval_months=6,
        duration_months=None,
        is_active=True,
    )
    entry = AuditEntry.objects.get_for_object(rule).latest("pk")  # after its creation
    assert (entry.actor, entry.region_id) == (admin_user, region.pk)
    assert entry.changes == {"first_visit_days": [30, 20]}
    page = as_user(admin_user).get("/audit/").content.decode()
    assert "Visit schedule rule: patronage" in page
