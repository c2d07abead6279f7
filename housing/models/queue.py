from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from children.models import Child
from registry.models import District
from registry.records.models import DatedRecord


class QueueEndReason(models.TextChoices):
    PROVIDED = "provided", _("housing provided")
    REMOVED = "removed", _("removed from the queue")


class HousingQueueEntry(DatedRecord):
    """The child standing in a district akimat's queue for housing from the state fund.

    The entry outlives the child's status: a graduate keeps the right and the place
    in the queue after coming of age. It ends when housing is provided, or by a removal
    that must be explained (wrongful removals are what prosecutors look for).
    """

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="housing_queue_entries")
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="housing_queue_entries",
        verbose_name=_("queue of the district"),
    )
    position = models.PositiveIntegerField(_("position in the queue"), null=True, blank=True)
    position_on = models.DateField(
        _("position as of"), null=True, blank=True, help_text=_("When the akimat stated it.")
    )
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=QueueEndReason.choices, blank=True
    )
    end_explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("housing queue entry")
        verbose_name_plural = _("housing queue entries")
        indexes = [
            models.Index(fields=["child", "start_date"]),
            models.Index(fields=["district", "position"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(end_date__isnull=True),
                name="one_open_queue_entry_per_child",
                violation_error_message=_("The child is already on a housing queue."),
            )
        ]

    def __str__(self) -> str:
        return _("Housing queue of %(district)s from %(date)s") % {
            "district": self.district,
            "date": f"{self.start_date:%d.%m.%Y}",
        }

    def audit_scope(self) -> dict:
        return self.child.audit_scope()
