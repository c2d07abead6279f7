from django.db import models
from django.utils.translation import gettext_lazy as _

from benefits.models.allowance import MONEY
from children.models import Child
from registry.records.models import DatedRecord


class AlimonyOrder(DatedRecord):
    """A court order for a parent to pay child support, in force from a date until a
    date: a fixed monthly sum, or a share of the debtor's income."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="alimony_orders")
    decision_number = models.CharField(_("decision number"), max_length=100)
    decision_date = models.DateField(_("decision date"))
    court = models.CharField(_("court"), max_length=300)
    debtor_name = models.CharField(_("debtor parent"), max_length=300)
    monthly_amount = models.DecimalField(
        _("monthly amount (tenge)"), null=True, blank=True, **MONEY
    )
    income_share = models.CharField(
        _("share of income"),
        max_length=20,
        blank=True,
        help_text=_("When the court fixed a share of income instead of a sum: e.g. 1/4."),
    )

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("alimony order")
        verbose_name_plural = _("alimony orders")
        indexes = [models.Index(fields=["child", "start_date"])]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.decision_date:%d.%m.%Y}), {self.debtor_name}"

    def audit_scope(self) -> dict:
        return self.child.audit_scope()


class AlimonyPayment(models.Model):
    """Alimony received under an order on a date."""

    order = models.ForeignKey(
        AlimonyOrder,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("alimony order"),
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (tenge)"), **MONEY)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("alimony payment")
        verbose_name_plural = _("alimony payments")
        indexes = [models.Index(fields=["order", "date"])]

    def __str__(self) -> str:
        return f"{self.amount} ({self.date:%d.%m.%Y})"

    def audit_scope(self) -> dict:
        return self.order.child.audit_scope()
