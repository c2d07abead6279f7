"""The workbook's jobs: its check, its import and the register's export
(`registry.jobs`).

The check reads the upload from the database, stores its report as the job's
outcome and what it read with the upload (`exchange.workbook.stored`), which the
import, once confirmed, checks again without reading the file. The import writes
the register, removes the upload and marks the job done in one transaction: a worker
killed half-way leaves nothing written and the upload waiting (the job then shows as
failed), and an import that committed is never run again. The export's workbook is
the job's file, for its starter only, and goes to the access log when it is
downloaded."""

from __future__ import annotations

import io
from types import SimpleNamespace

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from exchange.models import WorkbookUpload
from exchange.workbook.checks import check_for
from exchange.workbook.exporter import export_workbook, log_export
from exchange.workbook.importer import import_workbook
from exchange.workbook.scope import ExportScope, ImportScope
from registry.access import districts_visible_to
from registry.cells import XLSX
from registry.jobs import JobFailed, finish, store_file
from registry.replica import figures_db

CHECK = "workbook_check"
IMPORT = "workbook_import"
EXPORT = "workbook_export"

DISTRICT_OUTSIDE = gettext_noop(
    "The district of this export is no longer in your area: nothing was exported."
)
UPLOAD_GONE = gettext_noop(
    "The uploaded workbook is no longer kept (it was replaced, imported or is more than a "
    "day old). Upload it again."
)


def report_of(result, *, name: str) -> dict:
    """A check's report, as the job keeps it (JSON)."""
    return {
        "name": name,
        "checked": timezone.now().isoformat(),
        "problems": [problem.as_dict() for problem in result.problems],
        "notices": [notice.as_dict() for notice in result.notices],
        "counts": result.counts,
        "incomplete": result.incomplete,
        "written": result.written,
        "recognised": result.recognised.isoformat() if result.recognised else None,
    }


def _upload(job, **states) -> WorkbookUpload:
    upload = WorkbookUpload.objects.filter(
        pk=job.parameters.get("upload"), user=job.user, **states
    ).first()
    if upload is None:
        raise JobFailed(UPLOAD_GONE)
    return upload


def _request(job):
    """What the access log reads of the request that started the job: its address."""
    return SimpleNamespace(META={"REMOTE_ADDR": job.parameters.get("remote_addr") or ""})


def run_check(job, progress) -> dict:
    upload = _upload(job)
    result = check_for(
        user=job.user,
        source=io.BytesIO(upload.content),
        scope=ImportScope.for_user(job.user),
        description=upload.name,
        request=_request(job),
        progress=progress,
        keep=True,
    )
    # What was read, for the import once confirmed: it then does not read the file again.
    WorkbookUpload.objects.filter(pk=upload.pk).update(tables=result.kept)
    return report_of(result, name=upload.name)


def run_import(job, progress) -> dict:
    upload = _upload(job, state=WorkbookUpload.State.IMPORTING)
    try:
        with transaction.atomic():
            result = import_workbook(
                actor=job.user,
                source=io.BytesIO(upload.content),
                scope=ImportScope.for_user(job.user),
                description=upload.name,
                request=_request(job),
                progress=progress,
                kept=bytes(upload.tables) if upload.tables is not None else None,
            )
            outcome = report_of(result, name=upload.name)
            if result.written:
                upload.delete()
                finish(job, outcome, using="default")  # committed with the records
                return outcome
    finally:
        # Not imported (the register changed since the check, or an error rolled it
        # all back): the upload waits again, with the new report if there is one
        # (`WorkbookUpload.report`). Imported, it is gone and nothing matches.
        WorkbookUpload.objects.filter(pk=upload.pk, state=WorkbookUpload.State.IMPORTING).update(
            state=WorkbookUpload.State.PENDING
        )
    return outcome


def check_result_url(job) -> str | None:
    """The check's report, while its upload waits for confirmation."""
    if WorkbookUpload.objects.filter(check_job=job, state=WorkbookUpload.State.PENDING).exists():
        return reverse("exchange:check")
    return None


def import_stopped(job_ids) -> None:
    """An import whose worker stopped wrote nothing: its upload waits again."""
    WorkbookUpload.objects.filter(
        import_job_id__in=job_ids, state=WorkbookUpload.State.IMPORTING
    ).update(state=WorkbookUpload.State.PENDING)


def run_export(job, progress) -> dict:
    """The register's workbook of the starter's area (or one district of it)."""
    district = None
    if job.parameters.get("district"):
        district = districts_visible_to(job.user).filter(pk=job.parameters["district"]).first()
        if district is None:
            raise JobFailed(DISTRICT_OUTSIDE)
    scope = ExportScope.for_user(job.user, district)
    target = io.BytesIO()
    result = export_workbook(
        target,
        user=job.user,
        scope=scope,
        using=figures_db(),
        progress=progress,
        logged=False,
    )
    name = f"register-{scope.label}-{timezone.localdate():%Y-%m-%d}.xlsx"
    store_file(job, name=name, content_type=XLSX, content=target.getvalue())
    return {
        "name": name,
        "scope": scope.label,
        "region_id": scope.region_id,
        "district_id": scope.district_id,
        "rows": result.rows,
    }


def export_downloaded(request, job) -> None:
    """The export in the access log, as the direct download was: each time its
    starter downloads it."""
    outcome = job.outcome
    log_export(
        user=request.user,
        label=outcome["scope"],
        region_id=outcome.get("region_id"),
        district_id=outcome.get("district_id"),
        rows=outcome.get("rows", {}),
        request=request,
    )
