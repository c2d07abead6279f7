"""The visit schedule: a rule per region and form of care, and the due visits it gives
each placement.

Each region's guardianship authorities set how often their officers visit: a region's
rules give the due visits of the placements of children its districts keep, and its
administrators change them, never another region's.

`ScheduledVisit` rows are derived data, rebuilt from the placements, the rules and the
visits by `care.services.schedules.rebuild_schedules`; nobody edits them, so that the
monitoring indicators are plain counts.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from children.models import Child, Placement, PlacementForm
from registry.models import Region


class VisitScheduleRule(models.Model):
    """When the children of one region placed in one form of care are visited."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    form = models.CharField(_("form of care"), max_length=20, choices=PlacementForm.choices)
    first_visit_days = models.PositiveIntegerField(
        _("first visit within (days)"),
        default=30,
        help_text=_("Days after the placement starts by which the first visit is due."),
    )
    interval_months = models.PositiveIntegerField(
        _("then every (months)"),
        default=6,
        help_text=_("Months between one due visit and the next."),
    )
    duration_months = models.PositiveIntegerField(
        _("for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "Months after the start during which visits are due; empty: as long as "
            "the placement lasts."
        ),
    )
    is_active = models.BooleanField(_("visits are scheduled"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("visit schedule rule")
        verbose_name_plural = _("visit schedule rules")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "form"], name="visit_schedule_rule_once_per_region"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_form_display())

    def audit_scope(self) -> dict:
        # Filed under the rule's region: its administrators read the change in their
        # trail, and its districts' cached figures are counted again.
        return {"region_id": self.region_id}


class ScheduledVisit(models.Model):
    """A visit due for a placement on a date, and the visit that fulfilled it."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="scheduled_visits"
    )
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="scheduled_visits")
    number = models.PositiveSmallIntegerField(_("number"))
    due_date = models.DateField(_("due date"))
    window_start = models.DateField(
        _("counts from"),
        help_text=_("A visit on or after this date counts for this due date."),
    )
    monitoring_end = models.DateField(
        _("monitoring ends"),
        help_text=_(
            "The first day on which the placement is no longer monitored: its end, the "
            "child's 18th birthday or the end of the rule's duration, whichever is first."
        ),
    )
    visit = models.ForeignKey(
        "care.MonitoringVisit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fulfils",
    )
    fulfilled_on = models.DateField(_("visited on"), null=True, blank=True)
    on_time = models.BooleanField(_("on time"), default=False)

    class Meta:
        ordering = ["placement", "due_date"]
        verbose_name = _("due visit")
        verbose_name_plural = _("due visits")
        indexes = [
            models.Index(fields=["due_date"]),
            models.Index(fields=["child", "due_date"]),
            # Due visits not made, by due date (with what the work list reads of them,
            # so that PostgreSQL answers from the index alone): overdue and due-soon
            # visits are found among the visits not made, not among all the visits
            # ever due (most of which were made).
            models.Index(
                fields=["due_date"],
                include=["monitoring_end", "child", "placement"],
                condition=Q(fulfilled_on__isnull=True),
                name="scheduled_visit_open_due",
            ),
            # The other half of "not made by a day": made after it. With the index
            # above, the database combines both (overdue_q's OR) instead of reading
            # every visit due before the day.
            models.Index(fields=["fulfilled_on"], name="scheduled_visit_fulfilled"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "due_date"], name="scheduled_visit_once_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.due_date:%d.%m.%Y}"

    def is_overdue_at(self, day) -> bool:
        """Overdue at `day`: due before `day`, not visited by `day`, still monitored."""
        return (
            self.due_date < day
            and self.monitoring_end > day
            and (self.fulfilled_on is None or self.fulfilled_on > day)
        )
