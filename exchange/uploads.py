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
        WorkbookUpload.objects.defer("content")
        .select_related("check_job", "import_job")
        .filter(pk=upload_id, user=request.user)
        .first()
    )


def discard(upload: WorkbookUpload) -> None:
    WorkbookUpload.objects.filter(pk=upload.pk, state=WorkbookUpload.State.PENDING).delete()
