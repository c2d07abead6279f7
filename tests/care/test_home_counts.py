"""The officer's home page: its work list and counts are counted once per version of
the district's data, and show every change at once."""

import re

from django.utils import timezone

from children.services.transfers import child_transfer
from tests.children.factories import register_child


def register_figure(page: str, label: str) -> int:
    found = re.search(
        rf'<div class="value">(\d+)</div><div class="small text-body-secondary">{label}', page
    )
    return int(found.group(1))


def test_the_home_page_shows_a_change_at_once(
    as_user, officer_a, officer_b, district_a, district_b, family
):
    client = as_user(officer_a)
    page = client.get("/").content.decode()
    assert "Visit overdue since 31.01.2021" in page
    assert register_figure(page, "children in the register") == 1
    assert register_figure(page, "without an IIN") == 0
    # Counted again after a change, not served from the counts kept before it.
    register_child(officer_a, district_a, iin=None)
    page = client.get("/").content.decode()
    assert register_figure(page, "children in the register") == 2
    assert register_figure(page, "without an IIN") == 1
    # A child handed over to another district leaves this district's page (the
    # transfer is filed under the receiving district).
    child = family.child
    child.refresh_from_db()
    child_transfer(
        actor=officer_a,
        child=child,
        version=child.version,
        to_district=district_b,
        date=timezone.localdate(),
    )
    page = client.get("/").content.decode()
    assert "Visit overdue since" not in page
    assert register_figure(page, "children in the register") == 1
    received = as_user(officer_b).get("/").content.decode()
    assert "Visit overdue since 31.01.2021" in received


def test_the_work_list_kept_is_in_the_readers_language(as_user, officer_a, family):
    assert "Visit overdue since 31.01.2021" in as_user(officer_a).get("/").content.decode()
    page = as_user(officer_a, language="ru").get("/").content.decode()
    assert "Visit overdue since" not in page


def test_a_return_to_the_home_page_counts_nothing_again(
    as_user, officer_a, family, django_assert_max_num_queries
):
    """The first view counts (a fixed number of queries whatever the district's size);
    a return reads the version of the district's data and the counts kept under it."""
    client = as_user(officer_a)
    with django_assert_max_num_queries(36):
        client.get("/")
    with django_assert_max_num_queries(12) as captured:
        page = client.get("/").content.decode()
    assert "Visit overdue since 31.01.2021" in page
    statements = " ".join(query["sql"] for query in captured.captured_queries)
    assert "care_scheduledvisit" not in statements
    assert "children_status" not in statements


def test_a_schedules_rebuild_reaches_the_work_list_kept(
    as_user, officer_a, admin_user, region, family
):
    """A rule's change is saved first and its due visits are written by a job after
    it: what was counted in between is not kept past the job."""
    from care.models import VisitScheduleRule
    from care.services.schedules import schedule_rule_update
    from registry.services.jobs import job_enqueue

    client = as_user(officer_a)
    assert "Visit overdue since 31.01.2021" in client.get("/").content.decode()
    rule = VisitScheduleRule.objects.get(region=region, form="guardianship")
    changed = schedule_rule_update(
        actor=admin_user,
        rule=rule,
        version=rule.version,
        first_visit_days=60,
        interval_months=6,
        duration_months=None,
        is_active=True,
    )
    # Not rebuilt yet: the page still shows the schedule as it is.
    assert "Visit overdue since 31.01.2021" in client.get("/").content.decode()
    job_enqueue(changed.rebuild_job)  # the rebuild, in-process in tests
    page = client.get("/").content.decode()
    assert "Visit overdue since 02.03.2021" in page
    assert "31.01.2021" not in page
