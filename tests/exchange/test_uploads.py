"""Uploaded workbooks waiting for confirmation live in the database (`WorkbookUpload`),
so that every application host sees them: only their uploader reads them, another
upload replaces them, and a day later they are gone."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from exchange import uploads
from exchange.models import WorkbookUpload
from tests.exchange.test_workbook_pages import upload


def test_an_upload_is_kept_in_the_database(areas, as_user, admin_user):
    client = as_user(admin_user)
    upload(client, name="list.xlsx")
    kept = WorkbookUpload.objects.get()
    assert (kept.user, kept.name, kept.state) == (admin_user, "list.xlsx", "pending")
    assert bytes(kept.content)[:2] == b"PK" and kept.size == len(bytes(kept.content))
    assert client.session[uploads.SESSION_KEY] == kept.pk


def test_another_upload_replaces_the_waiting_one(areas, as_user, admin_user):
    client = as_user(admin_user)
    upload(client, name="one.xlsx")
    upload(client, name="two.xlsx")
    assert list(WorkbookUpload.objects.values_list("name", flat=True)) == ["two.xlsx"]


def test_uploads_older_than_a_day_are_swept_away(areas, admin_user, officer_a):
    old = uploads.store(user=officer_a, uploaded=SimpleUploadedFile("old.xlsx", b"PK old"))
    WorkbookUpload.objects.filter(pk=old.pk).update(
        created=timezone.now() - datetime.timedelta(hours=25)
    )
    importing = uploads.store(user=admin_user, uploaded=SimpleUploadedFile("i.xlsx", b"PK i"))
    WorkbookUpload.objects.filter(pk=importing.pk).update(
        created=timezone.now() - datetime.timedelta(hours=25), state="importing"
    )
    fresh = uploads.store(user=admin_user, uploaded=SimpleUploadedFile("new.xlsx", b"PK new"))
    assert set(WorkbookUpload.objects.values_list("pk", flat=True)) == {importing.pk, fresh.pk}


def test_a_session_holding_anothers_upload_finds_nothing(areas, as_user, admin_user, officer_a):
    upload(as_user(admin_user))
    other = as_user(officer_a)
    session = other.session
    session[uploads.SESSION_KEY] = WorkbookUpload.objects.get().pk
    session.save()
    assert other.get("/workbook/import/annotated/")["Location"] == "/workbook/import/"
    assert other.get("/workbook/import/check/")["Location"] == "/workbook/import/"
