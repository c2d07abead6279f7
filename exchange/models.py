from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkbookKey(models.Model):
    """The key (`TMP-…`) under which a child without an IIN came in through a workbook.

    A child registered without an IIN has no natural key in the workbook; the export
    writes `TMP-<id>` in its `iin` column. When such a workbook is imported into another
    database the child gets a new id there, so the key it came with is kept here: the
    next export writes the same key again, and importing the workbook twice matches the
    same child.
    """

    child = models.OneToOneField(
        "children.Child", on_delete=models.PROTECT, related_name="workbook_key"
    )
    key = models.CharField(_("workbook key"), max_length=40, unique=True)

    class Meta:
        # The table the reports app made (reports 0002), kept with its rows when the
        # model moved here.
        db_table = "reports_workbookkey"
        verbose_name = _("workbook key")
        verbose_name_plural = _("workbook keys")

    def __str__(self) -> str:
        return self.key


class WorkbookUpload(models.Model):
    """An uploaded workbook waiting for its uploader's confirmation, in the database so
    that every application host sees it (at most 25 MB: `exchange.forms.UPLOAD_LIMIT`).

    Only its uploader reads or confirms it (`exchange.views.workbook`). Its check
    and its import are jobs (`registry.Job`); their outcome holds the check's report.
    It is removed when imported (in the import's transaction), when its uploader
    uploads another workbook, and a day after it came."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        IMPORTING = "importing", _("being imported")

    user = models.ForeignKey(
        "registry.User", on_delete=models.CASCADE, related_name="workbook_uploads"
    )
    name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField()
    # What its check read, when nothing was wrong with it (`exchange.workbook.stored`):
    # the confirmed import checks these rows again instead of reading the file.
    tables = models.BinaryField(null=True, editable=False)
    size = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    check_job = models.ForeignKey(
        "registry.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    import_job = models.ForeignKey(
        "registry.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("uploaded workbook")
        verbose_name_plural = _("uploaded workbooks")
        indexes = [models.Index(fields=["created"], name="workbookupload_created")]

    def __str__(self) -> str:
        return self.name

    @property
    def report(self) -> dict | None:
        """The report of the workbook's last check: that of an import the register's
        changes refused, or else that of its check job (None while it runs, or when it
        failed)."""
        for job in (self.import_job, self.check_job):
            if job is not None and job.phase == job.Phase.DONE and "problems" in job.outcome:
                return job.outcome
        return None


class RecognisedWorkbook(models.Model):
    """A workbook file the register was found to restate: just imported, or checked and
    found to change nothing (`exchange.workbook.importer.recognised`).

    Kept by the digest of its bytes, with what a check of it finds while the
    register's part it was imported into or checked against is as it was then: the
    outcome a check keeps (`exchange.workbook.stored.with_outcome`), whose "register"
    is that part's mark (`importer.register_mark`: the area's data version, the day,
    the area and the release). The same file checked or imported again under the same
    mark is answered from here without being read. Rows older than a day are swept
    away (the mark names its day: they could not match again)."""

    digest = models.CharField(_("SHA-256 of the file"), max_length=64)
    outcome = models.JSONField()
    recognised = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recognised workbook")
        verbose_name_plural = _("recognised workbooks")
        indexes = [
            models.Index(fields=["digest"], name="recognisedworkbook_digest"),
            models.Index(fields=["recognised"], name="recognisedworkbook_time"),
        ]

    def __str__(self) -> str:
        return self.digest
