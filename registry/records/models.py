from django.db import models
from django.utils.translation import gettext_lazy as _


class DatedRecord(models.Model):
    """A fact that holds from `start_date` until `end_date` (exclusive; empty: still).

    Active at `t` when start_date <= t and (end_date is empty or end_date > t).
    """

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True

    def is_active_at(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date > day)

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    @classmethod
    def active_at_q(cls, day, prefix: str = ""):
        """A filter for records active at `day` (through `prefix`, e.g. "statuses__")."""
        return models.Q(**{f"{prefix}start_date__lte": day}) & (
            models.Q(**{f"{prefix}end_date__isnull": True})
            | models.Q(**{f"{prefix}end_date__gt": day})
        )
