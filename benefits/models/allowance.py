from django.db import models
from django.utils.translation import gettext_lazy as _

from children.models import Child
from registry.records.models import DatedRecord

MONEY = {"max_digits": 12, "decimal_places": 2}


class AllowanceKind(models.TextChoices):
    SURVIVOR = "survivor", _("allowance for the loss of a breadwinner")
    PARENT_DISABILITY = "parent_disability", _("allowance for a parent's disability")
    GUARDIAN_ALLOWANCE = "guardian_allowance", _("monthly payment to the guardian for upkeep")
    OTHER = "other", _("other allowance")


class Allowance(DatedRecord):
    """A monthly allowance the child receives (or its guardian receives for it)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="allowances")
    kind = models.CharField(_("kind"), max_length=30, choices=AllowanceKind.choices)
    # Empty: not stated (an imported list that does not give it: a gap to complete).
    monthly_amount = models.DecimalField(
        _("monthly amount (tenge)"), null=True, blank=True, **MONEY
    )
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("allowance")
        verbose_name_plural = _("allowances")
        indexes = [
            models.Index(fields=["child", "start_date"]),
            models.Index(fields=["kind", "start_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.start_date:%d.%m.%Y})"

    def audit_scope(self) -> dict:
        return self.child.audit_scope()
