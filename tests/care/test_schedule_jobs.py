"""A visit-schedule rule's change: the rule is saved in the request, and its due visits
are recomputed by a job whose progress counts the placements done."""

import datetime

import pytest

from care.services import schedules
from registry.jobs import run_job
from registry.models import Job
from tests.care.test_schedule_regions import due_dates, families, rule_of  # noqa: F401
from tests.exchange.test_workbook_jobs import DATABASE_WORKER, run_worker

D = datetime.date
QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def post_rule(client, rule, **values):
    data = {"version": rule.version, "first_visit_days": 30, "interval_months": 3}
    return client.post(f"/follow-up/schedule/{rule.pk}/", {**data, "is_active": "on", **values})


def test_the_rule_is_saved_and_the_page_links_the_rebuild_until_it_runs(
    families,  # noqa: F811
    admin_user,
    region,
    as_user,
    settings,
):
    settings.TASKS = QUEUED_ONLY
    before = due_dates(families["a"])
    client = as_user(admin_user)
    response = post_rule(client, rule_of(region))
    assert response["Location"] == "/follow-up/schedule/"
    rule = rule_of(region)
    assert rule.interval_months == 3  # saved at once
    job = Job.objects.get(kind="schedule_rebuild")
    assert job.phase == "queued" and job.user == admin_user
    page = client.get("/follow-up/schedule/").content.decode()
    assert "the due visits are being recomputed" in page
    assert f'href="/jobs/{job.pk}/"' in page
    assert due_dates(families["a"]) == before  # not yet rebuilt
    assert run_job.call(job.pk) == "done"
    job.refresh_from_db()
    assert job.phase == "done"
    assert (job.records_written, job.to_write) == (1, 1)  # placements done / total
    assert job.outcome["placements"] == 1
    assert due_dates(families["a"])[:3] == [D(2021, 1, 31), D(2021, 4, 30), D(2021, 7, 31)]
    assert job.outcome["due_visits"] == len(due_dates(families["a"]))
    page = client.get("/follow-up/schedule/").content.decode()
    assert "being recomputed" not in page
    detail = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "1 placement has its schedule again" in detail


def test_in_process_the_rule_page_says_it_is_recomputed(
    families,  # noqa: F811
    admin_user,
    region,
    as_user,
):
    client = as_user(admin_user)
    response = post_rule(client, rule_of(region), first_visit_days=14)
    page = client.get(response["Location"]).content.decode()
    assert "The visit schedule for guardianship is saved; the due visits are recomputed." in page
    assert Job.objects.get(kind="schedule_rebuild").phase == "done"
    assert due_dates(families["a"])[0] == D(2021, 1, 15)


def test_the_rebuild_reports_each_batch_of_placements(
    families,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(schedules, "CHUNK", 1)
    done = []
    ids = [placement.pk for placement in families.values()]
    written = schedules.rebuild_schedules(ids, progress=done.append)
    assert done == [1, 2]
    assert written == sum(len(due_dates(placement)) for placement in families.values())


def test_a_rule_removed_before_its_rebuild_fails_the_job_with_a_message(
    admin_user, region, as_user, settings
):
    settings.TASKS = QUEUED_ONLY
    client = as_user(admin_user)
    rule = rule_of(region)
    post_rule(client, rule)
    job = Job.objects.get(kind="schedule_rebuild")
    rule.delete()
    assert run_job.call(job.pk) == "failed"
    detail = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "This visit schedule rule no longer exists: nothing was recomputed." in detail


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_rebuilds_the_schedule(
    families,  # noqa: F811
    admin_user,
    region,
    as_user,
    settings,
):
    settings.TASKS = DATABASE_WORKER
    client = as_user(admin_user)
    post_rule(client, rule_of(region), interval_months=3)
    job = Job.objects.get(kind="schedule_rebuild")
    assert job.phase == "queued"
    run_worker()
    job.refresh_from_db()
    assert job.phase == "done" and (job.records_written, job.to_write) == (1, 1)
    assert due_dates(families["a"])[:3] == [D(2021, 1, 31), D(2021, 4, 30), D(2021, 7, 31)]
