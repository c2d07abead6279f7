"""How many times each child's records changed: a number the figures kept per child
compare with the one they were counted under (reports.indicators.facts)."""

from django.db import models


class ChangeStamp(models.Model):
    """The changes to a child's records so far. Raised in the transaction that writes
    the change's audit entry (registry.stamps), so that whatever was counted from the
    records before the change commits carries a smaller number."""

    child_id = models.BigIntegerField(primary_key=True)
    stamp = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "change stamp"

    def __str__(self):
        return f"{self.child_id}: {self.stamp}"
