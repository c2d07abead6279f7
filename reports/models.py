from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models import Region


class SubmittedReport(models.Model):
    """A year closed by a region's administrator: its figures frozen as submitted.

    Later corrections to the records change what the engine computes for that year,
    never this; the dashboard shows where the two differ.
    """

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="submitted_reports", verbose_name=_("region")
    )
    year = models.PositiveIntegerField(_("year"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    figures = models.JSONField(
        _("figures"), help_text=_("{'total': {...}, 'districts': {code: {...}}}")
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("submitted annual report")
        verbose_name_plural = _("submitted annual reports")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="one_report_per_region_year")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"

    def audit_scope(self) -> dict:
        return {"region_id": self.region_id}
