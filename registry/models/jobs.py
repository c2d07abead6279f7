"""A piece of long work run off the request (`registry.jobs`): what the user sees of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """One job: who started it, for which area, its phase and progress counts, and
    its outcome (JSON the kind of job reads) or its failure.

    The failure is kept as an English message id and its parameters, so that it
    reads in the reader's language (`failure_text`). `heartbeat` is refreshed while
    the job runs: a running job whose heartbeat is old lost its worker
    (`registry.services.jobs.jobs_fail_stale`)."""

    class Phase(models.TextChoices):
        QUEUED = "queued", _("queued")
        READING = "reading", _("reading")
        CHECKING = "checking", _("checking")
        WRITING = "writing", _("writing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    RUNNING = (Phase.READING, Phase.CHECKING, Phase.WRITING)
    FINISHED = (Phase.DONE, Phase.FAILED)

    kind = models.CharField(_("kind"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "registry.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    language = models.CharField(max_length=8, blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase, default=Phase.QUEUED)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_checked = models.PositiveIntegerField(_("rows checked"), default=0)
    records_written = models.PositiveIntegerField(_("records written"), default=0)
    total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    to_write = models.PositiveIntegerField(_("records to write"), null=True, blank=True)
    outcome = models.JSONField(default=dict, blank=True)
    failure = models.CharField(max_length=500, blank=True)
    failure_params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [
            models.Index(fields=["user", "-created"], name="job_user_created"),
            models.Index(fields=["region", "-created"], name="job_region_created"),
            models.Index(fields=["phase", "heartbeat"], name="job_phase_heartbeat"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def running(self) -> bool:
        return self.phase in self.RUNNING

    @property
    def finished_phase(self) -> bool:
        return self.phase in self.FINISHED

    @property
    def failure_text(self) -> str:
        """The failure in the reader's language."""
        if not self.failure:
            return ""
        message = gettext(self.failure)
        return message % self.failure_params if self.failure_params else message

    @property
    def percent(self) -> int | None:
        """How far the job is, 0 to 100, when its total is known."""
        if self.phase == self.Phase.DONE:
            return 100
        if not self.total:
            return None
        if self.phase == self.Phase.WRITING:
            done, share, base = self.records_written, 30, 60
            total = self.to_write or 1
        elif self.phase == self.Phase.CHECKING:
            done, share, base, total = self.rows_checked, 40, 20, self.total
        else:
            done, share, base, total = self.rows_read, 20, 0, self.total
        return min(100, base + share * min(done, total) // max(total, 1))


class JobFile(models.Model):
    """The file a job made (an export), in the database so that any application host
    serves it; downloaded only by the job's starter (`registry.views.jobs.job_file`)
    and removed a day after the job ended (`registry.jobs.store_file`)."""

    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="file")
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveBigIntegerField()
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("file of a job")
        verbose_name_plural = _("files of jobs")

    def __str__(self) -> str:
        return self.name
