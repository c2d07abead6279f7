from django.db import models
from django.utils.translation import gettext_lazy as _

from children.models import Child
from housing.models.queue import HousingQueueEntry


class ProvisionSource(models.TextChoices):
    STATE_FUND = "state_fund", _("state housing fund")
    OTHER = "other", _("other source")


class HousingProvision(models.Model):
    """Housing actually given to the child (or to the graduate it became).

    Normally from the queue entry it closes; without one, only as a stated exception.
    """

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="housing_provisions")
    date = models.DateField(_("date"))
    address = models.CharField(_("address"), max_length=300, blank=True)  # empty: not stated
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=ProvisionSource.choices,
        default=ProvisionSource.STATE_FUND,
    )
    queue_entry = models.OneToOneField(
        HousingQueueEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="provision",
        verbose_name=_("queue entry"),
    )
    exception_reason = models.TextField(
        _("reason for the exception"),
        blank=True,
        help_text=_("Why housing was provided without a queue entry."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("housing provided")
        verbose_name_plural = _("housing provided")
        indexes = [models.Index(fields=["date"]), models.Index(fields=["child", "date"])]

    def __str__(self) -> str:
        return f"{self.address} ({self.date:%d.%m.%Y})"

    def audit_scope(self) -> dict:
        return self.child.audit_scope()
