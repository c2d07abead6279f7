"""Long work off the request: jobs run by Django's tasks API (`django-tasks`, the
backport of `django.tasks`), with their progress and outcome in `registry.Job`.

An app declares a kind of job once (`JobKind`: its label, the function that does
the work, the template of its outcome) in its `AppConfig.ready()`; a service
creates the `Job` (`registry.services.jobs.job_start`) and the task `run_job`
runs it: on the worker (`manage.py db_worker`, the database backend) or in the
request itself when `JOBS_IN_PROCESS` is on (`make run`, the tests).

Progress is written through `settings.JOBS_PROGRESS_DATABASE`: on PostgreSQL a
second connection to the same database, so that the counts are seen while the
job's own transaction (an import) is still open; a thread refreshes the job's
heartbeat on it meanwhile. On SQLite it is the job's own connection (the counts
then show when the job ends).
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from registry.models import Job, JobFile

try:  # Django 6's own tasks API, or its backport on Django 5.2
    from django.tasks import task
except ImportError:
    from django_tasks import task

logger = logging.getLogger(__name__)

# Failures a job shows (message ids: translated when read, `Job.failure_text`).
UNEXPECTED = gettext_noop(
    "The job stopped on an unexpected error; nothing of it was written. Try again, and "
    "tell the register's administrator if it fails again."
)
WORKER_STOPPED = gettext_noop(
    "The worker running this job stopped before the job ended; nothing of it was written. "
    "Start it again."
)
UNKNOWN_KIND = gettext_noop("This kind of job is not known to this version of the register.")


class JobFailed(Exception):
    """Raised by a job's function: the job fails with this message id and parameters
    (`failure_params`), shown in the reader's language."""

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class JobKind:
    """A kind of job. `run(job, progress)` does the work and returns the outcome
    (JSON); `outcome_template` shows it on the job's page (context: `job`);
    `result_url(job)` is the page the user goes on to when it is done (or None);
    `stopped(job_ids)` puts right what jobs whose worker stopped left (a lock);
    `downloaded(request, job)` records that the starter took the job's file (the
    access log). `derived`: the job writes records no audit entry names (derived from
    an audited change, as a visit schedule from its rule): what was counted before it
    finished must not be kept past it (`children.versions.last_derived_write`)."""

    code: str
    label: str
    run: Callable
    outcome_template: str = ""
    result_url: Callable | None = None
    stopped: Callable | None = None
    downloaded: Callable | None = None
    order: int = 100
    derived: bool = False


class _Kinds:
    def __init__(self):
        self._kinds: dict[str, JobKind] = {}

    def register(self, kind: JobKind) -> None:
        self._kinds[kind.code] = kind

    def get(self, code: str) -> JobKind | None:
        return self._kinds.get(code)

    def __iter__(self):
        return iter(sorted(self._kinds.values(), key=lambda kind: kind.order))

    def derived(self) -> list[str]:
        """The codes of the kinds that write derived records."""
        return sorted(code for code, kind in self._kinds.items() if kind.derived)


job_kinds = _Kinds()


FILE_MAX_AGE = datetime.timedelta(days=1)


def store_file(job: Job, *, name: str, content_type: str, content: bytes) -> JobFile:
    """Keep the file `job` made, for its starter to download; files of more than a
    day ago are removed."""
    JobFile.objects.filter(created__lt=timezone.now() - FILE_MAX_AGE).delete()
    return JobFile.objects.create(
        job=job, name=name[:255], content_type=content_type, content=content, size=len(content)
    )


def progress_database() -> str:
    return settings.JOBS_PROGRESS_DATABASE


def _progress_jobs():
    return Job.objects.using(progress_database())


class Progress:
    """What a job's function reports while it works: `progress(phase=..., rows_read=...)`.
    Counts are written at most every `interval` seconds (and at each change of
    phase), each write refreshing the heartbeat."""

    def __init__(self, job: Job, interval: float = 1.0):
        self.job = job
        self.interval = interval
        self._last = 0.0
        self._pending: dict = {}

    def __call__(self, phase: str | None = None, **counts) -> None:
        if phase is not None and phase != self.job.phase:
            self._pending["phase"] = phase
            self.job.phase = phase
            self._write()
        self._pending.update(counts)
        for name, value in counts.items():
            setattr(self.job, name, value)
        if time.monotonic() - self._last >= self.interval:
            self._write()

    def _write(self) -> None:
        if not self._pending:
            return
        _progress_jobs().filter(pk=self.job.pk, phase__in=Job.RUNNING).update(
            heartbeat=timezone.now(), **self._pending
        )
        self._pending = {}
        self._last = time.monotonic()

    def flush(self) -> None:
        self._write()


class Heartbeat(threading.Thread):
    """Refreshes a running job's heartbeat every `interval` seconds on the progress
    connection, also while the job's function is in one long statement."""

    def __init__(self, job_id: int, interval: float):
        super().__init__(daemon=True, name=f"job-{job_id}-heartbeat")
        self.job_id = job_id
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                _progress_jobs().filter(pk=self.job_id, phase__in=Job.RUNNING).update(
                    heartbeat=timezone.now()
                )
        except Exception:  # the job itself goes on; a stale heartbeat then shows it
            logger.warning("Job %s: heartbeat stopped", self.job_id, exc_info=True)
        finally:
            connections.close_all()  # this thread's connections

    def stop(self) -> None:
        self.stopped.set()
        self.join()


def _separate_progress_connection() -> bool:
    return progress_database() != "default"


def finish(job: Job, outcome: dict, using: str | None = None) -> None:
    """Mark `job` done with `outcome`: on `using` (the job's own connection, to commit
    it with the job's writes) or on the progress connection."""
    now = timezone.now()
    manager = Job.objects.using(using) if using else _progress_jobs()
    manager.filter(pk=job.pk).update(
        phase=Job.Phase.DONE,
        outcome=outcome,
        finished=now,
        heartbeat=now,
        rows_read=job.rows_read,
        rows_checked=job.rows_checked,
        records_written=job.records_written,
        total=job.total,
        to_write=job.to_write,
    )
    job.phase, job.outcome, job.finished = Job.Phase.DONE, outcome, now


def fail(job: Job, message: str, params: dict | None = None, outcome: dict | None = None) -> None:
    now = timezone.now()
    changes = {"phase": Job.Phase.FAILED, "finished": now, "failure": message}
    changes["failure_params"] = params or {}
    if outcome is not None:
        changes["outcome"] = outcome
    _progress_jobs().filter(pk=job.pk).exclude(phase=Job.Phase.DONE).update(**changes)


@task()
def run_job(job_id: int) -> str:
    """Run the job `job_id` (the task every kind of job goes through)."""
    job = Job.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.phase != Job.Phase.QUEUED:
        return "skipped"  # deleted, or already run (a task run twice)
    kind = job_kinds.get(job.kind)
    now = timezone.now()
    claimed = (
        _progress_jobs()
        .filter(pk=job.pk, phase=Job.Phase.QUEUED)
        .update(phase=Job.Phase.READING, started=now, heartbeat=now)
    )
    if not claimed:
        return "skipped"
    job.phase, job.started, job.heartbeat = Job.Phase.READING, now, now
    if kind is None:
        fail(job, UNKNOWN_KIND)
        return "failed"
    heartbeat = None
    if _separate_progress_connection():
        heartbeat = Heartbeat(job.pk, settings.JOBS_HEARTBEAT_SECONDS)
        heartbeat.start()
    progress = Progress(job)
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            outcome = kind.run(job, progress)
        progress.flush()
        if job.phase != Job.Phase.DONE:  # not already finished with its writes
            finish(job, outcome or {})
    except JobFailed as failure:
        fail(job, failure.message, failure.params)
        return "failed"
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        fail(job, UNEXPECTED)
        return "failed"
    finally:
        if heartbeat is not None:
            heartbeat.stop()
    return "done"
