"""The register workbook in the interface: upload, check, annotated copy, confirm;
export. Officers import for their district, administrators for their region;
everyone with a role exports their area."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange import uploads
from exchange.forms import WorkbookExportForm, WorkbookUploadForm
from exchange.workbook.annotate import annotate_workbook
from exchange.workbook.checks import check_for, may_check
from exchange.workbook.exporter import export_workbook
from exchange.workbook.importer import import_workbook
from exchange.workbook.problems import Problem
from exchange.workbook.scope import ExportScope, ImportScope
from registry.access import READ_ROLES, districts_visible_to, role_required
from registry.cells import XLSX
from registry.models import Role
from registry.records.gaps import gaps
from registry.replica import figures_db
from registry.views.helpers import paginate

IMPORT_ROLES = (Role.OFFICER, Role.ADMIN)
PROBLEMS_PER_PAGE = 100
DONE_KEY = "workbook_done"


def _report(result, *, user, name: str) -> dict:
    return {
        "user": user.pk,
        "name": name,
        "checked": timezone.now().isoformat(),
        "problems": [problem.as_dict() for problem in result.problems],
        "notices": [notice.as_dict() for notice in result.notices],
        "counts": result.counts,
        "incomplete": result.incomplete,
    }


def _counts(counts: dict) -> list[dict]:
    return [{"sheet": sheet, **figures} for sheet, figures in counts.items()]


def _incomplete(incomplete: dict) -> list[dict]:
    """The records an import leaves incomplete, by kind of gap, in the gaps' order."""
    return [
        {"label": gap.label, "count": incomplete[gap.code]}
        for gap in gaps()
        if incomplete.get(gap.code)
    ]


def _pending_upload(request):
    """The session's upload waiting for confirmation, and its report; None, with a
    message asking for a workbook, when there is none."""
    found = uploads.pending(request)
    if found is None:
        messages.info(request, _("Upload a workbook first."))
    return found


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
        previous = uploads.pending(request)
        if previous is not None:
            uploads.discard(previous[0])
        upload = form.cleaned_data["workbook"]
        try:
            token = uploads.store(upload)
        except uploads.UnsafeUploadFolder:  # logged, with what is wrong, for the operator
            messages.error(
                request,
                _(
                    "The workbook cannot be received: the server's folder for uploads is "
                    "not safe. Tell the register's administrator."
                ),
            )
            return redirect("exchange:import")
        result = check_for(
            user=request.user,
            source=uploads.workbook_path(token),
            scope=ImportScope.for_user(request.user),
            description=upload.name,
            request=request,
        )
        uploads.save_report(token, _report(result, user=request.user, name=upload.name))
        request.session[uploads.SESSION_KEY] = token
        return redirect("exchange:check")
    done = request.session.pop(DONE_KEY, None)
    context = {
        "form": form,
        "done": done
        and {
            "name": done["name"],
            "counts": _counts(done["counts"]),
            "incomplete": _incomplete(done.get("incomplete", {})),
        },
        "pending": uploads.pending(request) is not None,
    }
    return render(request, "exchange/workbook_import.html", context, status=status)


@role_required(*IMPORT_ROLES)
def import_check(request):
    found = _pending_upload(request)
    if found is None:
        return redirect("exchange:import")
    _token, report = found
    context = {
        "report": report,
        "counts": _counts(report["counts"]),
        "incomplete": _incomplete(report.get("incomplete", {})),
        "page": paginate(request, report["problems"], per_page=PROBLEMS_PER_PAGE),
        "problem_count": len(report["problems"]),
        "annotatable": any(problem["sheet"] for problem in report["problems"]),
    }
    return render(request, "exchange/workbook_check.html", context)


@role_required(*IMPORT_ROLES)
def import_annotated(request):
    found = _pending_upload(request)
    if found is None:
        return redirect("exchange:import")
    token, report = found
    copy = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    problems = [Problem(**problem) for problem in report["problems"]]
    if not annotate_workbook(uploads.workbook_path(token), copy, problems):
        copy.close()
        messages.error(request, _("This file is not a workbook: there is nothing to mark."))
        return redirect("exchange:check")
    copy.seek(0)
    name = f"{Path(report['name']).stem}-{_('problems')}.xlsx"
    return FileResponse(copy, as_attachment=True, filename=name, content_type=XLSX)


@role_required(*IMPORT_ROLES)
@require_POST
def import_confirm(request):
    found = _pending_upload(request)
    if found is None:
        return redirect("exchange:import")
    token, report = found
    if report["problems"]:
        return redirect("exchange:check")
    result = import_workbook(
        actor=request.user,
        source=uploads.workbook_path(token),
        scope=ImportScope.for_user(request.user),
        description=report["name"],
        request=request,
    )
    if result.problems:
        uploads.save_report(token, _report(result, user=request.user, name=report["name"]))
        messages.error(
            request,
            _(
                "The register changed since the check, and the workbook no longer fits it: "
                "nothing was imported. See the problems below."
            ),
        )
        return redirect("exchange:check")
    uploads.discard(token)
    request.session.pop(uploads.SESSION_KEY, None)
    request.session[DONE_KEY] = {
        "name": report["name"],
        "counts": result.counts,
        "incomplete": result.incomplete,
    }
    messages.success(request, _("The workbook “%(name)s” is imported.") % {"name": report["name"]})
    return redirect("exchange:import")


def _export_form(request, data=None):
    if request.user.role == Role.OFFICER:
        return None
    return WorkbookExportForm(data, districts=districts_visible_to(request.user))


@role_required(*READ_ROLES)
def export_page(request):
    return render(request, "exchange/workbook_export.html", {"form": _export_form(request)})


@role_required(*READ_ROLES)
def export_download(request):
    district = None
    form = _export_form(request, request.GET)
    if form is not None:
        if not form.is_valid():  # a district outside the user's area: as if none
            raise Http404
        district = form.cleaned_data["district"]
    scope = ExportScope.for_user(request.user, district)
    workbook = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    export_workbook(workbook, user=request.user, scope=scope, request=request, using=figures_db())
    workbook.seek(0)
    name = f"register-{scope.label}-{timezone.localdate():%Y-%m-%d}.xlsx"
    return FileResponse(workbook, as_attachment=True, filename=name, content_type=XLSX)
