"""Jobs (`registry.jobs`): who sees which job, the progress page, a job whose worker
stopped (the workbook's jobs: tests/exchange/test_workbook_jobs.py)."""

import datetime

import pytest
from django.utils import timezone

from registry.models import Job, Role
from registry.services.jobs import job_create
from tests.conftest import make_user


def a_job(user, **fields) -> Job:
    job = job_create(actor=user, kind="workbook_check", description="list.xlsx")
    Job.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job


@pytest.fixture
def admin_elsewhere(other_region):
    return make_user("admin_c", Role.ADMIN, region=other_region)


def test_an_officer_follows_their_own_jobs(as_user, officer_a):
    job = a_job(officer_a, phase="checking", heartbeat=timezone.now(), rows_read=40, total=40)
    client = as_user(officer_a)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Check of a workbook" in page and "list.xlsx" in page
    # Running: the progress fragment is polled, and says how far the job is.
    assert f'hx-get="/jobs/{job.pk}/progress/"' in page and 'hx-trigger="every 2s"' in page
    assert 'max="100" value="20"' in page
    listed = client.get("/jobs/").content.decode()
    assert f'href="/jobs/{job.pk}/"' in listed


def test_another_officers_job_answers_404(as_user, officer_a, officer_b, officer_c):
    job = a_job(officer_a)
    for other in (officer_b, officer_c):
        client = as_user(other)
        assert client.get(f"/jobs/{job.pk}/").status_code == 404
        assert client.get(f"/jobs/{job.pk}/progress/").status_code == 404
        assert f'href="/jobs/{job.pk}/"' not in client.get("/jobs/").content.decode()


def test_the_region_sees_its_jobs_another_region_does_not(
    as_user, officer_a, admin_user, regional_user, admin_elsewhere, officer_c
):
    job = a_job(officer_a)
    for user in (admin_user, regional_user):
        assert as_user(user).get(f"/jobs/{job.pk}/").status_code == 200
    for user in (admin_elsewhere, officer_c):
        assert as_user(user).get(f"/jobs/{job.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, officer_a):
    job = a_job(officer_a)
    response = client.get(f"/jobs/{job.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_is_a_fixed_number_of_queries(
    as_user, officer_a, admin_user, django_assert_max_num_queries
):
    for _number in range(5):
        a_job(officer_a)
    client = as_user(admin_user)
    client.get("/jobs/")
    with django_assert_max_num_queries(12):
        response = client.get("/jobs/")
    assert response.content.decode().count("Check of a workbook") == 5


def test_a_job_whose_worker_stopped_shows_failed(as_user, officer_a, settings):
    settings.JOBS_STALE_AFTER = 300
    stale = a_job(
        officer_a, phase="writing", heartbeat=timezone.now() - datetime.timedelta(minutes=6)
    )
    alive = a_job(officer_a, phase="writing", heartbeat=timezone.now())
    client = as_user(officer_a)
    page = client.get(f"/jobs/{stale.pk}/").content.decode()
    assert "The worker running this job stopped before the job ended" in page
    assert "hx-trigger" not in page  # not followed any more
    assert Job.objects.get(pk=stale.pk).phase == "failed"
    assert Job.objects.get(pk=alive.pk).phase == "writing"
