"""Each region's visit schedule: its administrators change it, its districts' placements
are visited by it, its audit trail shows the change, and no other region's figures move."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from care.models import ScheduledVisit, VisitScheduleRule
from care.services.schedules import schedule_rule_update
from children.models import PlacementForm
from children.services.transfers import child_transfer
from registry.models import AuditEntry, Region
from registry.services.jobs import job_enqueue
from reports.indicators.engine import compute
from tests.children.factories import place, register_child

D = datetime.date


def rule_of(region, form=PlacementForm.GUARDIANSHIP) -> VisitScheduleRule:
    return VisitScheduleRule.objects.get(region=region, form=form)


def change(rule, actor, interval_months=3, **values):
    values = {
        "first_visit_days": rule.first_visit_days,
        "duration_months": rule.duration_months,
        "is_active": rule.is_active,
        **values,
    }
    changed = schedule_rule_update(
        actor=actor, rule=rule, version=rule.version, interval_months=interval_months, **values
    )
    job_enqueue(changed.rebuild_job)  # its rebuild, in-process in tests
    return changed


def due_dates(placement) -> list:
    return list(
        ScheduledVisit.objects.filter(placement=placement)
        .order_by("due_date")
        .values_list("due_date", flat=True)
    )


@pytest.fixture
def families(officer_a, officer_c, district_a, district_c):
    """A child under guardianship since 1 January 2021 in each region."""
    placements = {}
    for key, officer, district in (("a", officer_a, district_a), ("c", officer_c, district_c)):
        child = register_child(officer, district, birth_date=D(2015, 6, 1))
        placements[key] = place(officer, child, PlacementForm.GUARDIANSHIP, D(2021, 1, 1))
    return placements


def test_every_region_starts_with_the_default_schedule(region, other_region):
    for area in (region, other_region):
        rules = {rule.form: rule for rule in VisitScheduleRule.objects.filter(region=area)}
        assert set(rules) == {
            "guardianship",
            "trusteeship",
            "patronage",
            "foster_family",
            "adoption",
        }
        assert all(r.first_visit_days == 30 and r.interval_months == 6 for r in rules.values())
        assert rules["adoption"].duration_months == 36


def test_a_region_added_later_gets_the_defaults_in_its_own_trail(actor, region):
    out = StringIO()
    call_command("add_region", "abai", "--name-kk", "Абай облысы", "--name-ru", "Абай", stdout=out)
    abai = Region.objects.get(code="abai")
    assert VisitScheduleRule.objects.filter(region=abai).count() == 5
    entries = AuditEntry.objects.filter(content_type__model="visitschedulerule", region=abai)
    assert entries.count() == 5


def test_a_regions_change_reschedules_only_its_own_placements(
    families, admin_user, region, other_region
):
    other_before = due_dates(families["c"])
    figures_before = {
        area.code: compute(2022, region=area).values["monitoring.visits_due"]
        for area in (region, other_region)
    }
    change(rule_of(region), admin_user, interval_months=3)
    assert due_dates(families["a"])[:3] == [D(2021, 1, 31), D(2021, 4, 30), D(2021, 7, 31)]
    assert due_dates(families["c"]) == other_before  # every 6 months, as before
    assert due_dates(families["c"])[:2] == [D(2021, 1, 31), D(2021, 7, 31)]
    # The indicators count each region's due visits by its own rules.
    assert (
        compute(2022, region=other_region).values["monitoring.visits_due"]
        == (figures_before[other_region.code])
    )
    assert compute(2022, region=region).values["monitoring.visits_due"] == 4  # was 2
    assert figures_before[region.code] == 2


def test_an_administrator_cannot_change_another_regions_schedule(
    families, admin_user, other_admin_user, other_region, as_user
):
    rule = rule_of(other_region)
    with pytest.raises(PermissionDenied):
        change(rule, admin_user)
    response = as_user(admin_user).post(
        f"/follow-up/schedule/{rule.pk}/",
        {"version": rule.version, "first_visit_days": 10, "interval_months": 1},
    )
    assert response.status_code == 404
    rule.refresh_from_db()
    assert (rule.first_visit_days, rule.interval_months) == (30, 6)
    # Its own administrator can.
    response = as_user(other_admin_user).post(
        f"/follow-up/schedule/{rule.pk}/",
        {"version": rule.version, "first_visit_days": 10, "interval_months": 1, "is_active": "on"},
    )
    assert response.status_code == 302
    assert due_dates(families["c"])[:2] == [D(2021, 1, 11), D(2021, 2, 11)]


def test_the_schedule_page_shows_the_users_region(
    admin_user, regional_user, national_user, other_region, region, as_user
):
    own, other = rule_of(region), rule_of(other_region)
    page = as_user(admin_user).get("/follow-up/schedule/").content.decode()
    assert f"/follow-up/schedule/{own.pk}/" in page
    assert f"/follow-up/schedule/{other.pk}/" not in page
    assert "Вторая область" not in page
    page = as_user(regional_user).get("/follow-up/schedule/").content.decode()
    assert "Первая область" in page and "Вторая область" not in page
    assert "/follow-up/schedule/" + str(own.pk) not in page  # readers do not edit
    page = as_user(national_user).get("/follow-up/schedule/").content.decode()
    assert "Первая область" in page and "Вторая область" in page


def test_a_rule_change_is_filed_under_the_rules_region(
    admin_user, other_admin_user, region, other_region, as_user
):
    rule = rule_of(other_region, PlacementForm.PATRONAGE)
    change(rule, other_admin_user, interval_months=4)
    entry = AuditEntry.objects.get_for_object(rule).latest("pk")
    assert (entry.actor, entry.region_id) == (other_admin_user, other_region.pk)
    assert entry.changes == {"interval_months": [6, 4]}
    changed = '<dt>Then every (months)</dt><dd class="mb-1">6 → 4</dd>'
    assert changed in as_user(other_admin_user).get("/audit/").content.decode()
    assert changed not in as_user(admin_user).get("/audit/").content.decode()


def test_the_rebuild_command_uses_each_placements_region(families, other_admin_user, other_region):
    change(rule_of(other_region), other_admin_user, interval_months=12)
    ScheduledVisit.objects.all().delete()
    call_command("rebuild_visit_schedules", stdout=StringIO())
    assert due_dates(families["a"])[:2] == [D(2021, 1, 31), D(2021, 7, 31)]
    assert due_dates(families["c"])[:2] == [D(2021, 1, 31), D(2022, 1, 31)]


def test_a_case_moved_to_another_region_follows_that_regions_schedule(
    families, officer_a, other_admin_user, other_region, district_c
):
    change(rule_of(other_region), other_admin_user, interval_months=12)
    child = families["a"].child
    child.refresh_from_db()
    child_transfer(
        actor=officer_a,
        child=child,
        version=child.version,
        to_district=district_c,
        date=D(2022, 3, 1),
    )
    assert due_dates(families["a"])[:3] == [D(2021, 1, 31), D(2022, 1, 31), D(2023, 1, 31)]


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_region_the_schedule_counted_today():
    """Before, one schedule for the deployment (here edited from the defaults); after,
    each region holds the same rules, so that no due visit changes."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = ("care", "0003_not_stated"), ("care", "0004_schedule_per_region")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    try:
        apps = executor.loader.project_state([before]).apps
        Region = apps.get_model("registry", "Region")
        Rule = apps.get_model("care", "VisitScheduleRule")
        first = Region.objects.create(code="r1", name_kk="1", name_ru="1", is_default=True)
        second = Region.objects.create(code="r2", name_kk="2", name_ru="2")
        for form, duration in (("guardianship", None), ("adoption", 36)):
            Rule.objects.create(
                form=form, first_visit_days=30, interval_months=6, duration_months=duration
            )
        edited = Rule.objects.get(form="guardianship")
        edited.interval_months, edited.is_active = 3, False
        edited.save()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate([after])
    Rule = executor.loader.project_state([after]).apps.get_model("care", "VisitScheduleRule")
    for region_id in (first.pk, second.pk):
        rules = {
            rule.form: (rule.interval_months, rule.duration_months, rule.is_active)
            for rule in Rule.objects.filter(region_id=region_id)
        }
        assert rules == {"guardianship": (3, None, False), "adoption": (6, 36, True)}
    assert Rule.objects.get(pk=edited.pk).region_id == first.pk  # the default region's
    # Every later migration again (those of other apps that came after it too), so that
    # the tests after this one find every table.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_region_the_workbook_adds_gets_the_defaults_and_its_due_visits(db):
    from exchange.workbook.scope import ImportScope
    from tests.exchange.workbooks import BOY, base_sheets, problem_lines, run_import

    sheets = {"Regions": [["code", "name"], ["r1", "Первая область"]], **base_sheets()}
    result = run_import(sheets, scope=ImportScope.everything())
    assert problem_lines(result) == []
    region = Region.objects.get(code="r1")
    assert VisitScheduleRule.objects.filter(region=region).count() == 5
    family = ScheduledVisit.objects.filter(child__iin=BOY).order_by("due_date")
    assert [row.due_date for row in family[:2]] == [D(2021, 1, 31), D(2021, 7, 31)]
