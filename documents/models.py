"""A child's documents: scans and photos of the papers of its case, each attached to
the child and, optionally, to one of its dated records. Never deleted: a document
attached by mistake is withdrawn (when, by whom, why) and hidden from the lists."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from benefits.models import AlimonyOrder, Allowance
from care.models import LifePlan, MonitoringVisit
from children.models import Child, Placement, Status
from housing.models import HousingProvision, HousingQueueEntry, HousingRight


class DocumentKind(models.TextChoices):
    BIRTH_CERTIFICATE = "birth_certificate", _("birth certificate")
    PARENT_DEATH_CERTIFICATE = "parent_death_certificate", _("parent's death certificate")
    COURT_DECISION = "court_decision", _("court decision")
    AKIMAT_DECISION = "akimat_decision", _("akimat decision")
    HOUSING_DOCUMENT = "housing_document", _("housing document")
    MEDICAL_REPORT = "medical_report", _("medical report")
    ALIMONY_ORDER = "alimony_order", _("alimony order")
    OTHER = "other", _("other document")


class FileType(models.TextChoices):
    """What a stored file is, recognised by its content (documents.files)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


def _record(model, verbose_name):
    return models.ForeignKey(
        model,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=verbose_name,
    )


class Document(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=30, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=100, blank=True)
    date = models.DateField(_("date of the document"))
    # The record of the child the document belongs to, if any: at most one of these
    # (documents.records declares them; the service checks it is the child's).
    status = _record(Status, _("status"))
    placement = _record(Placement, _("placement"))
    housing_right = _record(HousingRight, _("housing right"))
    queue_entry = _record(HousingQueueEntry, _("queue entry"))
    housing_provision = _record(HousingProvision, _("housing provided"))
    allowance = _record(Allowance, _("allowance"))
    alimony_order = _record(AlimonyOrder, _("alimony order"))
    visit = _record(MonitoringVisit, _("monitoring visit"))
    life_plan = _record(LifePlan, _("life plan"))
    # The file: its name in the "documents" storage (never a URL), what it is, its size.
    stored_name = models.CharField(
        _("file in the storage"), max_length=255, unique=True, editable=False
    )
    file_type = models.CharField(_("file type"), max_length=30, choices=FileType.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("attached by"),
    )
    attached_at = models.DateTimeField(_("attached at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["child", "date"])]

    def __str__(self) -> str:
        number = f" № {self.number}" if self.number else ""
        return f"{self.get_kind_display()}{number} ({self.date:%d.%m.%Y})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def extension(self) -> str:
        return {FileType.PDF: ".pdf", FileType.JPEG: ".jpg", FileType.PNG: ".png"}[self.file_type]

    def audit_scope(self) -> dict:
        return self.child.audit_scope()
