from django.db import models
from django.utils.translation import gettext_lazy as _

from children.models import Child
from registry.records.models import DatedRecord


class HousingKind(models.TextChoices):
    FULL = "full", _("full ownership")
    SHARE = "share", _("share in ownership")


class HousingRightEndReason(models.TextChoices):
    LOST = "lost", _("right lost")
    RELEASED = "released", _("released (sold or given up with the authority's consent)")
    OTHER = "other", _("other")


class HousingRight(DatedRecord):
    """Housing the child keeps a right to (закреплённое жильё): a flat or house it owns,
    in full or a share, from the date the right was secured until it is lost or released."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="housing_rights")
    kind = models.CharField(_("ownership"), max_length=10, choices=HousingKind.choices)
    share_size = models.CharField(
        _("share size"),
        max_length=20,
        blank=True,
        help_text=_("A fraction such as 1/3; only for ownership of a share."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)  # empty: not stated
    document = models.CharField(
        _("document"),
        max_length=200,
        blank=True,
        help_text=_("Title deed, decision securing the housing."),
    )
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=HousingRightEndReason.choices, blank=True
    )

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("housing right")
        verbose_name_plural = _("housing rights")
        indexes = [models.Index(fields=["child", "start_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.address} ({self.start_date:%d.%m.%Y})"

    def audit_scope(self) -> dict:
        return self.child.audit_scope()
