"""Uploaded workbooks waiting for their uploader's confirmation (`WorkbookUpload`).

An upload is a row of the database, so that a confirmation reaching another
application host finds it. The session holds its id; only its uploader reads it
(`pending` checks the owner, whatever id a session holds). Uploading another
workbook discards the former one, importing removes it, and uploads older than a
day are swept away.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from exchange.models import WorkbookUpload
from registry.models import Job
from registry.services.base import service
from registry.services.jobs import job_create

SESSION_KEY = "workbook_upload"
MAX_AGE = datetime.timedelta(days=1)


def sweep() -> None:
    """Remove uploads nobody confirmed within a day (never one being imported)."""
    WorkbookUpload.objects.filter(created__lt=timezone.now() - MAX_AGE).exclude(
        state=WorkbookUpload.State.IMPORTING
    ).delete()


def store(*, user, uploaded) -> WorkbookUpload:
    """Keep `user`'s uploaded file, in place of the upload they had waiting."""
    sweep()
    with transaction.atomic():
        WorkbookUpload.objects.filter(user=user, state=WorkbookUpload.State.PENDING).delete()
        return WorkbookUpload.objects.create(
            user=user,
            name=uploaded.name[:255],
            content=b"".join(uploaded.chunks()),
            size=uploaded.size,
        )


def pending(request) -> WorkbookUpload | None:
    """The upload of this session, when it belongs to the signed-in user (its
    content is not read here)."""
    upload_id = request.session.get(SESSION_KEY)
    if not isinstance(upload_id, int):
        return None
    return (
        WorkbookUpload.objects.defer("content", "tables")
        .select_related("check_job", "import_job")
        .filter(pk=upload_id, user=request.user)
        .first()
    )


def content_of(upload: WorkbookUpload) -> bytes:
    """The uploaded file (`pending` leaves it unread)."""
    return bytes(WorkbookUpload.objects.values_list("content", flat=True).get(pk=upload.pk))


@service
def upload_for_check(*, actor, uploaded, remote_addr: str | None) -> tuple[WorkbookUpload, Job]:
    """Keep `actor`'s uploaded workbook and create the job that checks it (queue it
    with `job_enqueue` once this has committed)."""
    from exchange.jobs import CHECK

    upload = store(user=actor, uploaded=uploaded)
    job = job_create(
        actor=actor,
        kind=CHECK,
        description=upload.name,
        parameters={"upload": upload.pk, "remote_addr": remote_addr},
    )
    upload.check_job = job
    upload.save(update_fields=["check_job"])
    return upload, job


@service
def upload_confirm(*, actor, upload: WorkbookUpload, remote_addr: str | None) -> Job | None:
    """Move `actor`'s checked upload on to its import, and create the import's job
    (queue it once this has committed). One UPDATE moves it from waiting to being
    imported: of two confirms (two tabs, two hosts), only one finds it waiting; the
    other gets None."""
    from exchange.jobs import IMPORT

    claimed = WorkbookUpload.objects.filter(
        pk=upload.pk, user=actor, state=WorkbookUpload.State.PENDING
    ).update(state=WorkbookUpload.State.IMPORTING)
    if not claimed:
        return None
    job = job_create(
        actor=actor,
        kind=IMPORT,
        description=upload.name,
        parameters={"upload": upload.pk, "remote_addr": remote_addr},
    )
    WorkbookUpload.objects.filter(pk=upload.pk).update(import_job=job)
    return job
