"""Places in youth homes: who lives there, and who waits for a place."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from children.models import Child, Institution
from registry.records.models import DatedRecord


class StayEndReason(models.TextChoices):
    LEFT = "left", _("moved out")
    MOVED = "moved", _("moved to another youth home")
    OTHER = "other", _("other")


class YouthHomeStay(DatedRecord):
    """A young person living in a youth home (an institution of kind `youth_home`)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="youth_home_stays")
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="youth_home_stays",
        verbose_name=_("youth home"),
    )
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=StayEndReason.choices, blank=True
    )

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("youth home stay")
        verbose_name_plural = _("youth home stays")
        indexes = [
            models.Index(fields=["institution", "start_date"]),
            models.Index(fields=["child", "start_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.institution} ({self.start_date:%d.%m.%Y})"

    def audit_scope(self) -> dict:
        return self.child.audit_scope()


class WaitingEndReason(models.TextChoices):
    PLACED = "placed", _("given a place")
    WITHDRAWN = "withdrawn", _("no longer needs a place")
    OTHER = "other", _("other")


class YouthHomeWaiting(DatedRecord):
    """An underage graduate waiting for a place in a youth home, since `start_date`."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="youth_home_waiting")
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="youth_home_waiting",
        verbose_name=_("preferred youth home"),
    )
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=WaitingEndReason.choices, blank=True
    )

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("youth home waiting list entry")
        verbose_name_plural = _("youth home waiting list")
        indexes = [models.Index(fields=["start_date"])]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.start_date:%d.%m.%Y}"

    def audit_scope(self) -> dict:
        return self.child.audit_scope()
