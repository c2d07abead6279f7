"""The register workbook in the interface: upload, check, annotated copy, confirm;
export. Officers import for their district, administrators for their region;
everyone with a role exports their area."""

from __future__ import annotations

import datetime
import io
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange import jobs, uploads
from exchange.forms import WorkbookExportForm, WorkbookUploadForm
from exchange.workbook.annotate import annotate_workbook
from exchange.workbook.checks import may_check
from exchange.workbook.problems import Problem
from exchange.workbook.scope import ExportScope
from registry.access import READ_ROLES, districts_visible_to, role_required
from registry.audit import client_address
from registry.cells import XLSX
from registry.models import Role
from registry.records.gaps import gaps
from registry.services.jobs import job_enqueue, job_start
from registry.views.helpers import paginate

IMPORT_ROLES = (Role.OFFICER, Role.ADMIN)
PROBLEMS_PER_PAGE = 100


def counts_rows(counts: dict) -> list[dict]:
    return [{"sheet": sheet, **figures} for sheet, figures in counts.items()]


def incomplete_rows(incomplete: dict) -> list[dict]:
    """The records an import leaves incomplete, by kind of gap, in the gaps' order."""
    return [
        {"label": gap.label, "count": incomplete[gap.code]}
        for gap in gaps()
        if incomplete.get(gap.code)
    ]


def recognised_at(report: dict) -> datetime.datetime | None:
    """When the same file was imported, or checked and found to change nothing, for a
    report answered without reading it (`importer.recognised`; its note gives the
    local time)."""
    moment = report.get("recognised")
    return datetime.datetime.fromisoformat(moment) if moment else None


def _pending_upload(request):
    """The session's upload waiting for confirmation; None, with a message asking for
    a workbook, when there is none."""
    upload = uploads.pending(request)
    if upload is None:
        messages.info(request, _("Upload a workbook first."))
    return upload


def _after_job(job, done_url: str):
    """Where a page goes once it started `job`: on when it is done (in-process), else
    to the job's page to follow it."""
    if job.phase == job.Phase.DONE and done_url:
        return redirect(done_url)
    return redirect("job_detail", pk=job.pk)


@role_required(*IMPORT_ROLES)
def import_upload(request):
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid() and not may_check(request.user):
        # Over the hour's checks: the upload is neither kept nor checked.
        messages.error(
            request,
            _(
                "Your account has used the workbook checks of this hour (%(count)s at "
                "most). The workbook was not checked: upload it again later."
            )
            % {"count": settings.WORKBOOK_CHECKS_PER_HOUR},
        )
        status = 429
    elif request.method == "POST" and form.is_valid():
        stored, job = uploads.upload_for_check(
            actor=request.user,
            uploaded=form.cleaned_data["workbook"],
            remote_addr=client_address(request),
        )
        request.session[uploads.SESSION_KEY] = stored.pk
        job = job_enqueue(job)
        return _after_job(job, reverse("exchange:check"))
    upload = uploads.pending(request)
    context = {
        "form": form,
        "pending": upload is not None and upload.state == upload.State.PENDING,
    }
    return render(request, "exchange/workbook_import.html", context, status=status)


def _report_or_redirect(request):
    """The pending upload and its report, or the page to go to instead: the upload
    form (no upload), or the job still checking it."""
    upload = _pending_upload(request)
    if upload is None:
        return None, None, redirect("exchange:import")
    report = upload.report
    if report is None:
        job = upload.import_job or upload.check_job
        if job is None:
            return None, None, redirect("exchange:import")
        return None, None, redirect("job_detail", pk=job.pk)
    return upload, report, None


@role_required(*IMPORT_ROLES)
def import_check(request):
    upload, report, elsewhere = _report_or_redirect(request)
    if elsewhere is not None:
        return elsewhere
    context = {
        "report": report,
        "upload": upload,
        "counts": counts_rows(report["counts"]),
        "incomplete": incomplete_rows(report.get("incomplete", {})),
        "page": paginate(request, report["problems"], per_page=PROBLEMS_PER_PAGE),
        "problem_count": len(report["problems"]),
        "annotatable": any(problem["sheet"] for problem in report["problems"]),
        "recognised": recognised_at(report),
    }
    return render(request, "exchange/workbook_check.html", context)


@role_required(*IMPORT_ROLES)
def import_annotated(request):
    upload, report, elsewhere = _report_or_redirect(request)
    if elsewhere is not None:
        return elsewhere
    copy = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    problems = [Problem(**problem) for problem in report["problems"]]
    if not annotate_workbook(io.BytesIO(uploads.content_of(upload)), copy, problems):
        copy.close()
        messages.error(request, _("This file is not a workbook: there is nothing to mark."))
        return redirect("exchange:check")
    copy.seek(0)
    name = f"{Path(report['name']).stem}-{_('problems')}.xlsx"
    return FileResponse(copy, as_attachment=True, filename=name, content_type=XLSX)


@role_required(*IMPORT_ROLES)
@require_POST
def import_confirm(request):
    upload = _pending_upload(request)
    if upload is None:
        return redirect("exchange:import")
    if upload.state == upload.State.IMPORTING and upload.import_job_id:
        return redirect("job_detail", pk=upload.import_job_id)  # confirmed already
    report = upload.report
    if report is None or report["problems"]:
        return redirect("exchange:check")
    job = uploads.upload_confirm(
        actor=request.user, upload=upload, remote_addr=client_address(request)
    )
    if job is None:  # another confirm came first: follow its import
        upload = uploads.pending(request)
        if upload is not None and upload.import_job_id:
            return redirect("job_detail", pk=upload.import_job_id)
        return redirect("exchange:import")
    job = job_enqueue(job)
    if job.phase == job.Phase.DONE and job.outcome.get("written"):
        request.session.pop(uploads.SESSION_KEY, None)
    return redirect("job_detail", pk=job.pk)


def _export_form(request, data=None):
    if request.user.role == Role.OFFICER:
        return None
    return WorkbookExportForm(data, districts=districts_visible_to(request.user))


@role_required(*READ_ROLES)
def export_page(request):
    return render(request, "exchange/workbook_export.html", {"form": _export_form(request)})


@role_required(*READ_ROLES)
@require_POST
def export_download(request):
    """Start the export of the user's area (or of one district of it) as a job: on to
    its file when it is done (in-process), else to the job's page."""
    district = None
    form = _export_form(request, request.POST)
    if form is not None:
        if not form.is_valid():  # a district outside the user's area: as if none
            raise Http404
        district = form.cleaned_data["district"]
    scope = ExportScope.for_user(request.user, district)
    job = job_start(
        actor=request.user,
        kind=jobs.EXPORT,
        description=_("Register workbook (%(area)s)") % {"area": scope.label},
        parameters={"district": district.pk if district is not None else None},
    )
    return _after_job(job, reverse("job_file", args=[job.pk]))
