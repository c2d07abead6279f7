from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models import Region


class SubmittedReport(models.Model):
    """A year closed by a region's administrator: its figures frozen as submitted.

    Later corrections to the records change what the engine computes for that year,
    never this; the dashboard shows where the two differ.
    """

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="submitted_reports", verbose_name=_("region")
    )
    year = models.PositiveIntegerField(_("year"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    figures = models.JSONField(
        _("figures"), help_text=_("{'total': {...}, 'districts': {code: {...}}}")
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("submitted annual report")
        verbose_name_plural = _("submitted annual reports")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="one_report_per_region_year")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"

    def audit_scope(self) -> dict:
        return {"region_id": self.region_id}


def _flag():
    return models.SmallIntegerField(default=0)


def _choice():
    # NULL, as in the engine's columns: no status, no placement at the day.
    return models.CharField(max_length=40, null=True)


class ChildFacts(models.Model):
    """A child's columns at the end of a year, as the indicator engine counts them
    (reports.indicators.columns; reports.indicators.facts keeps them): counted once
    and summed for every area and figure while the child's records do not change.
    `stamp` is the child's change stamp (registry.stamps) read with the records, and
    `code` a checksum of the statement that counted them: a row whose stamp is no
    longer the child's, or counted by other code, is counted again. Only the child's
    own records are read: of its institution the id (`institution_d`), whose sector
    the sums look up; not the suspected duplicates, which depend on other children
    and are counted afresh."""

    pk = models.CompositePrimaryKey("child_id", "year")
    child_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    stamp = models.BigIntegerField()
    code = models.IntegerField()
    in_area = _flag()
    dist_d = models.BigIntegerField(null=True)
    dist_p = models.BigIntegerField(null=True)
    dist_h = models.BigIntegerField(null=True)
    cat_d = _choice()
    cat_p = _choice()
    adult_d = _flag()
    adult_p = _flag()
    teen_d = _flag()
    form_d = _choice()
    institution_d = models.BigIntegerField(null=True)
    institution_p = _flag()
    no_iin = _flag()
    iin_invalid = _flag()
    overlapping = _flag()
    right_d = _flag()
    right_full_d = _flag()
    right_share_d = _flag()
    queue_d = _flag()
    provided_1 = _flag()
    provided_1_graduates = _flag()
    provided_1_family = _flag()
    provided_3 = _flag()
    provided_3_graduates = _flag()
    provided_3_family = _flag()
    survivor_d = _flag()
    guardian_d = _flag()
    alimony_d = _flag()
    alimony_never_paid_d = _flag()
    alimony_paid_y = _flag()
    overdue_d = _flag()
    life_plan_d = _flag()
    visited_d = _flag()

    class Meta:
        verbose_name = "child's columns of a year"
        indexes = [
            models.Index(fields=["year", "dist_d"], name="facts_year_dist_d"),
            models.Index(fields=["year", "dist_p"], name="facts_year_dist_p"),
            models.Index(fields=["year", "dist_h"], name="facts_year_dist_h"),
        ]

    def __str__(self):
        return f"{self.child_id}:{self.year}"
