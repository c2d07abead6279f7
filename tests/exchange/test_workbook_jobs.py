"""The workbook's check and import as jobs: run by the real database worker
(`manage.py db_worker`), confirmed twice, or stopped half-way."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from children.models import Child
from exchange.models import WorkbookUpload
from registry.models import AccessLog, Job
from tests.exchange.test_workbook_pages import upload
from tests.exchange.workbooks import table_counts

DATABASE_WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_an_import_whose_worker_stopped_waits_again(areas, as_user, admin_user, settings):
    """Killed mid-import: nothing was written (one transaction), the job shows failed
    and the upload may be confirmed again."""
    client = as_user(admin_user)
    upload(client)
    settings.TASKS = DATABASE_WORKER
    client.post("/workbook/import/confirm/")
    job = Job.objects.get(kind="workbook_import")
    Job.objects.filter(pk=job.pk).update(
        phase="writing", heartbeat=timezone.now() - datetime.timedelta(minutes=10)
    )
    assert "stopped before the job ended" in client.get(f"/jobs/{job.pk}/").content.decode()
    assert WorkbookUpload.objects.get().state == "pending"
    assert not Child.objects.exists()


def run_worker():
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


# The worker closes connections it finds inside a transaction: the test's data is
# committed (each test's database is emptied after it).
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_checks_and_imports(areas, as_user, admin_user, settings):
    settings.TASKS = DATABASE_WORKER
    client = as_user(admin_user)
    response = upload(client)
    check = Job.objects.get()
    # Queued: the page follows the job until a worker has run it.
    assert response["Location"] == f"/jobs/{check.pk}/"
    assert check.phase == "queued"
    assert "waits for a worker" in client.get(response["Location"]).content.decode()
    assert client.get("/workbook/import/check/")["Location"] == f"/jobs/{check.pk}/"
    run_worker()
    check.refresh_from_db()
    assert check.phase == "done" and check.outcome["problems"] == []
    fragment = client.get(f"/jobs/{check.pk}/progress/", headers={"HX-Request": "true"})
    assert fragment["HX-Redirect"] == "/workbook/import/check/"
    assert "No problems found." in client.get("/workbook/import/check/").content.decode()
    assert AccessLog.objects.filter(action="check", user=admin_user).count() == 1

    # Two confirms (two tabs, two hosts) before the worker runs: one import.
    first = client.post("/workbook/import/confirm/")
    second = client.post("/workbook/import/confirm/")
    imports = Job.objects.filter(kind="workbook_import")
    assert imports.count() == 1
    assert first["Location"] == second["Location"] == f"/jobs/{imports.get().pk}/"
    run_worker()
    job = imports.get()
    assert job.phase == "done" and job.outcome["written"] is True
    assert Child.objects.count() == 2
    assert not WorkbookUpload.objects.exists()
    assert AccessLog.objects.filter(action="import", user=admin_user).count() == 1
    before = table_counts()
    client.post("/workbook/import/confirm/")
    assert table_counts() == before


def test_checks_waiting_for_the_worker_count_against_the_hour(areas, as_user, admin_user, settings):
    settings.TASKS = DATABASE_WORKER
    settings.WORKBOOK_CHECKS_PER_HOUR = 1
    client = as_user(admin_user)
    assert upload(client, name="one.xlsx").status_code == 302
    assert upload(client, name="two.xlsx").status_code == 429
    assert list(WorkbookUpload.objects.values_list("name", flat=True)) == ["one.xlsx"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one writer at a time on SQLite")
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_progress_shows_while_the_import_is_still_open(
    areas, as_user, admin_user, settings, monkeypatch
):
    """On PostgreSQL the job's progress goes through its own connection: another
    connection sees the records being written while the import's transaction has
    not committed any of them."""
    from exchange import jobs

    settings.JOBS_PROGRESS_DATABASE = "job_progress"
    seen = []
    original = jobs.import_workbook

    def watched_import(**kwargs):
        report = kwargs.pop("progress")

        def progress(phase=None, **counts):
            report(phase, **counts)
            if counts.get("records_written"):
                report.flush()
                job = Job.objects.using("job_progress").get(kind="workbook_import")
                seen.append(
                    (job.phase, job.records_written, Child.objects.using("job_progress").count())
                )

        return original(progress=progress, **kwargs)

    monkeypatch.setattr(jobs, "import_workbook", watched_import)
    client = as_user(admin_user)
    upload(client)
    client.post("/workbook/import/confirm/")
    assert seen and seen[-1][0] == "writing" and seen[-1][1] > 0
    assert {children for _phase, _written, children in seen} == {0}  # not committed yet
    assert Child.objects.count() == 2
    assert Job.objects.get(kind="workbook_import").phase == "done"


@pytest.mark.django_db(transaction=True)
def test_the_export_is_a_file_for_its_starter_only(
    areas, as_user, officer_a, admin_user, district_a, settings
):
    from tests.children.factories import register_child

    register_child(officer_a, district_a)
    settings.TASKS = DATABASE_WORKER
    client = as_user(officer_a)
    response = client.post("/workbook/export/download/")
    job = Job.objects.get(kind="workbook_export")
    assert response["Location"] == f"/jobs/{job.pk}/"
    run_worker()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'href="/jobs/{job.pk}/file/"' in page
    assert '<td class="text-end">1</td>' in page  # one child on the Children sheet
    # Made, not yet taken: nothing in the access log until it is downloaded.
    assert not AccessLog.objects.filter(action="export").exists()
    for _time in range(2):
        download = client.get(f"/jobs/{job.pk}/file/")
        assert download.status_code == 200 and download["Content-Disposition"].startswith(
            'attachment; filename="register-a-'
        )
    logs = AccessLog.objects.filter(action="export", user=officer_a)
    assert logs.count() == 2 and logs.first().district_id == district_a.pk
    # The region's administrator follows the job, but the file is its starter's.
    admin = as_user(admin_user)
    assert f"/jobs/{job.pk}/file/" not in admin.get(f"/jobs/{job.pk}/").content.decode()
    assert admin.get(f"/jobs/{job.pk}/file/").status_code == 404
    assert AccessLog.objects.filter(action="export").count() == 2


def test_an_import_that_fails_writes_nothing_and_the_upload_waits_again(
    areas, as_user, admin_user, monkeypatch
):
    from exchange import jobs

    def broken(**kwargs):
        raise RuntimeError("disk full")

    client = as_user(admin_user)
    upload(client)
    monkeypatch.setattr(jobs, "import_workbook", broken)
    response = client.post("/workbook/import/confirm/")
    page = client.get(response["Location"]).content.decode()
    assert "The job stopped on an unexpected error; nothing of it was written." in page
    assert Job.objects.get(kind="workbook_import").phase == "failed"
    assert WorkbookUpload.objects.get().state == "pending"
    assert not Child.objects.exists()
