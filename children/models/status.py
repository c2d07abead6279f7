from django.db import models
from django.utils.translation import gettext_lazy as _

from children.models.child import Child
from registry.records.models import DatedRecord


class Category(models.TextChoices):
    ORPHAN = "orphan", _("orphan")
    WITHOUT_CARE = "without_care", _("left without parental care")


class StatusReason(models.TextChoices):
    PARENTS_DIED = "parents_died", _("parents died")
    DEPRIVED = "deprived", _("parents deprived of parental rights")
    LIMITED = "limited", _("parents limited in parental rights")
    MISSING = "missing", _("parents declared missing")
    INCAPABLE = "incapable", _("parents declared incapable")
    IMPRISONED = "imprisoned", _("parents imprisoned")
    REFUSED = "refused", _("parents refused the child")
    UNKNOWN = "unknown", _("parents unknown")
    OTHER = "other", _("other reason")


class StatusEndReason(models.TextChoices):
    ADOPTED = "adopted", _("adopted")
    RETURNED = "returned_to_parents", _("returned to parents")
    DEREGISTERED = "deregistered", _("taken off the register")
    DIED = "died", _("died")
    OTHER = "other", _("other")


class Status(DatedRecord):
    """The child's legal status as an orphan or a child left without parental care."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="statuses")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    # Empty: not stated (an imported list that does not give it: a gap to complete).
    reason = models.CharField(_("reason"), max_length=20, choices=StatusReason.choices, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=30, choices=StatusEndReason.choices, blank=True
    )
    document = models.CharField(
        _("document"),
        max_length=200,
        blank=True,
        help_text=_("Decision, court ruling, certificate."),
    )

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("status")
        verbose_name_plural = _("statuses")
        indexes = [models.Index(fields=["child", "start_date"])]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.start_date:%d.%m.%Y}"

    def audit_scope(self) -> dict:
        return self.child.audit_scope()
