from django.db import models
from django.utils.translation import gettext_lazy as _

from children.models.child import Child
from registry.models import District


class Transfer(models.Model):
    """The case handed from one district to another on a date."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="transfers")
    from_district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("from district")
    )
    to_district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("to district")
    )
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        indexes = [
            models.Index(fields=["child", "date"]),
            models.Index(fields=["to_district", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.from_district} → {self.to_district} ({self.date:%d.%m.%Y})"

    def audit_scope(self) -> dict:
        # Both districts see the hand-over in their trail; it is filed under the receiver.
        return {
            "region_id": self.to_district.region_id,
            "district_id": self.to_district_id,
            "child_id": self.child_id,
        }
