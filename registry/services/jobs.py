"""Starting jobs, and failing those whose worker stopped (`registry.jobs`)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from registry.jobs import WORKER_STOPPED, job_kinds, run_job
from registry.models import Job

logger = logging.getLogger(__name__)


def job_create(*, actor, kind: str, description: str = "", parameters: dict | None = None) -> Job:
    """A queued job of `kind` for `actor`, filed under the actor's area and language.
    Call `job_enqueue` once the transaction that made it has committed."""
    if job_kinds.get(kind) is None:
        raise ValueError(f"unknown kind of job: {kind}")
    scope = actor.audit_scope()
    return Job.objects.create(
        kind=kind,
        user=actor,
        region_id=scope["region_id"],
        district_id=scope["district_id"],
        description=description[:255],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        parameters=parameters or {},
    )


def job_enqueue(job: Job) -> Job:
    """Hand the job to the task backend (in-process: it runs now, and is returned
    as it ended)."""
    try:
        run_job.enqueue(job.pk)
    except Exception:
        logger.exception("Job %s could not be queued", job.pk)
        from registry.jobs import UNEXPECTED, fail

        fail(job, UNEXPECTED)
    job.refresh_from_db()
    return job


def job_start(*, actor, kind: str, description: str = "", parameters: dict | None = None) -> Job:
    """Create the job and queue it (outside any transaction of the caller)."""
    with transaction.atomic():
        job = job_create(actor=actor, kind=kind, description=description, parameters=parameters)
    return job_enqueue(job)


def jobs_fail_stale(*, now: datetime.datetime | None = None) -> int:
    """Mark failed every running job whose heartbeat is older than
    `JOBS_STALE_AFTER` seconds (its worker was killed, or its host stopped), in one
    UPDATE, and let each kind put right what they left. How many there were."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.JOBS_STALE_AFTER)
    stale = Job.objects.filter(phase__in=Job.RUNNING, heartbeat__lt=cutoff)
    found = list(stale.values_list("pk", "kind"))
    if not found:
        return 0
    with transaction.atomic():
        ids = [pk for pk, _kind in found]
        failed = Job.objects.filter(pk__in=ids, phase__in=Job.RUNNING, heartbeat__lt=cutoff)
        failed_ids = list(failed.values_list("pk", flat=True))
        Job.objects.filter(pk__in=failed_ids).update(
            phase=Job.Phase.FAILED, finished=now, failure=WORKER_STOPPED, failure_params={}
        )
        for code in {kind for pk, kind in found if pk in failed_ids}:
            kind = job_kinds.get(code)
            if kind is not None and kind.stopped is not None:
                kind.stopped([pk for pk, other in found if other == code and pk in failed_ids])
    return len(failed_ids)
