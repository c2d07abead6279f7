"""The user's jobs: their list, and a job's page whose progress updates itself (htmx
polls a fragment while the job runs)."""

import io

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from registry.access import READ_ROLES, role_required
from registry.jobs import job_kinds
from registry.models import Job, JobFile
from registry.selectors import jobs_visible_to
from registry.services.jobs import jobs_fail_stale
from registry.views.helpers import paginate

JOBS_PER_PAGE = 50
POLL_SECONDS = 2


def _kind_label(job) -> str:
    kind = job_kinds.get(job.kind)
    return kind.label if kind is not None else job.kind


@role_required(*READ_ROLES)
def job_list(request):
    jobs_fail_stale()
    page = paginate(request, jobs_visible_to(request.user), per_page=JOBS_PER_PAGE)
    for job in page:
        job.kind_label = _kind_label(job)
    return render(request, "registry/job_list.html", {"page": page})


def _job_context(request, pk: int) -> dict:
    jobs_fail_stale()
    job = get_object_or_404(jobs_visible_to(request.user), pk=pk)
    job.kind_label = _kind_label(job)
    kind = job_kinds.get(job.kind)
    result_url = None
    if kind is not None and kind.result_url is not None and job.phase == job.Phase.DONE:
        result_url = kind.result_url(job) if job.user_id == request.user.pk else None
    return {
        "job": job,
        "has_file": job.user_id == request.user.pk
        and job.phase == job.Phase.DONE
        and JobFile.objects.filter(job=job).exists(),
        "outcome_template": kind.outcome_template if kind is not None else "",
        "result_url": result_url,
        "poll_seconds": POLL_SECONDS,
    }


@role_required(*READ_ROLES)
def job_detail(request, pk: int):
    return render(request, "registry/job_detail.html", _job_context(request, pk))


@role_required(*READ_ROLES)
def job_progress(request, pk: int):
    """The job's progress fragment (polled). Once the job is done and has a page to go
    on to, htmx is sent there."""
    context = _job_context(request, pk)
    response = render(request, "registry/_job_progress.html", context)
    if context["result_url"] and request.htmx:
        response["HX-Redirect"] = context["result_url"]
    return response


@role_required(*READ_ROLES)
@require_GET
def job_file(request, pk: int):
    """The file a job made, for the user who started it only (anyone else: 404); the
    kind of job records the download (the access log)."""
    job = get_object_or_404(
        jobs_visible_to(request.user).filter(user=request.user, phase=Job.Phase.DONE), pk=pk
    )
    stored = JobFile.objects.filter(job=job).first()
    if stored is None:  # removed after a day
        raise Http404
    kind = job_kinds.get(job.kind)
    if kind is not None and kind.downloaded is not None:
        kind.downloaded(request, job)
    return FileResponse(
        io.BytesIO(stored.content),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )
