"""Monitoring visits to children in receiving families, and what they lead to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from children.models import Child, Placement


class VisitKind(models.TextChoices):
    PLANNED = "planned", _("planned")
    UNPLANNED = "unplanned", _("unplanned")
    COMPLAINT = "complaint", _("after a complaint")


class Conclusion(models.TextChoices):
    SATISFACTORY = "satisfactory", _("satisfactory")
    CONCERNS = "concerns", _("concerns")
    DANGER = "danger", _("danger to the child")


class MonitoringVisit(models.Model):
    """An inspection of a child's upbringing and living conditions in a family."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="visits")
    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, related_name="visits", verbose_name=_("placement")
    )
    date = models.DateField(_("date of the visit"))
    visited_by = models.CharField(_("visited by"), max_length=300)
    kind = models.CharField(
        _("kind of visit"), max_length=20, choices=VisitKind.choices, default=VisitKind.PLANNED
    )
    living_conditions = models.TextField(_("living conditions"), blank=True)
    upbringing = models.TextField(_("upbringing"), blank=True)
    health = models.TextField(_("health"), blank=True)
    schooling = models.TextField(_("schooling"), blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=20, choices=Conclusion.choices)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")
        indexes = [
            models.Index(fields=["placement", "date"]),
            models.Index(fields=["child", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.get_conclusion_display()}"

    @property
    def is_danger(self) -> bool:
        return self.conclusion == Conclusion.DANGER

    def audit_scope(self) -> dict:
        return self.child.audit_scope()


class FollowUpAction(models.Model):
    """Something to be done after a visit, by a date, by someone."""

    visit = models.ForeignKey(
        MonitoringVisit,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("monitoring visit"),
    )
    # Each may be empty where an imported list did not state it (a gap to complete).
    description = models.TextField(_("action"), blank=True)
    due_date = models.DateField(_("due by"), null=True, blank=True)
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        indexes = [models.Index(fields=["done_on", "due_date"])]

    def __str__(self) -> str:
        due = f" ({self.due_date:%d.%m.%Y})" if self.due_date else ""
        return f"{self.description[:60] or '—'}{due}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def audit_scope(self) -> dict:
        return self.visit.child.audit_scope()
