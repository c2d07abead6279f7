"""A job's page follows the job without reloading (htmx polls its progress), stops
when the job ends, and works under the content security policy."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from registry.models import Job
from registry.services.jobs import job_create
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_progress_bar_moves_without_reloading(page_for, officer_a, district_a):
    job = job_create(actor=officer_a, kind="workbook_import", description="list.xlsx")
    Job.objects.filter(pk=job.pk).update(
        phase="reading", heartbeat=timezone.now(), rows_read=0, total=None
    )
    page = page_for(officer_a, PASSWORD)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"/jobs/{job.pk}/")
    expect(page.locator("#job-progress")).to_contain_text("reading")
    page.evaluate("window.notReloaded = true")

    Job.objects.filter(pk=job.pk).update(
        phase="writing",
        heartbeat=timezone.now(),
        rows_read=40,
        rows_checked=40,
        total=40,
        to_write=10,
        records_written=5,
    )
    expect(page.locator("#job-progress")).to_contain_text("5 / 10", timeout=8_000)
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "75")

    Job.objects.filter(pk=job.pk).update(
        phase="failed",
        finished=timezone.now(),
        failure="The job stopped on an unexpected "
        "error; nothing of it was written. Try again, and tell the register's administrator "
        "if it fails again.",
    )
    expect(page.get_by_role("alert")).to_contain_text("nothing of it was written", timeout=8_000)
    expect(page.locator("#job-progress[hx-trigger]")).to_have_count(0)  # no more polling
    assert page.evaluate("window.notReloaded") is True
    assert not [text for text in console if "Content Security Policy" in text], console
