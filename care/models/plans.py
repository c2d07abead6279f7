"""Life plans of older pupils, and the young people who left an institution."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from children.ages import years_before
from children.models import Child
from registry.records.models import DatedRecord

FOLLOW_UP_AGE = 23


class LifePlan(DatedRecord):
    """A pupil's individual plan: education, career, skills for independent life."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="life_plans")
    education_goal = models.TextField(_("education goal"))
    career_goal = models.TextField(_("career goal"), blank=True)
    independent_living_skills = models.TextField(_("skills for independent life"), blank=True)
    responsible_person = models.CharField(_("responsible person"), max_length=300)
    next_review_date = models.DateField(_("next review"))

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("life plan")
        verbose_name_plural = _("life plans")
        indexes = [models.Index(fields=["child", "start_date"])]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.start_date:%d.%m.%Y}"

    def audit_scope(self) -> dict:
        return self.child.audit_scope()


class LifePlanReview(models.Model):
    """A review of a life plan: what was achieved, and when to look again."""

    plan = models.ForeignKey(
        LifePlan, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("life plan")
    )
    date = models.DateField(_("date of the review"))
    notes = models.TextField(_("notes"))
    next_review_date = models.DateField(_("next review"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("life plan review")
        verbose_name_plural = _("life plan reviews")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.date:%d.%m.%Y}"

    def audit_scope(self) -> dict:
        return self.plan.child.audit_scope()


class GraduateRecord(models.Model):
    """A young person who left an institution, followed up until the 23rd birthday."""

    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="graduate_record")
    left_care_on = models.DateField(_("left the institution on"))
    study_or_work = models.TextField(_("study or work"), blank=True)
    housing_situation = models.TextField(_("housing situation"), blank=True)
    contacts = models.CharField(_("contacts"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("graduate record")
        verbose_name_plural = _("graduate records")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.left_care_on:%d.%m.%Y}"

    @property
    def follow_up_until(self) -> datetime.date:
        """The 23rd birthday: the follow-up ends the day before."""
        birth = self.child.birth_date
        try:
            return birth.replace(year=birth.year + FOLLOW_UP_AGE)
        except ValueError:  # born on 29 February
            return datetime.date(birth.year + FOLLOW_UP_AGE, 3, 1)

    def is_followed_up_at(self, day: datetime.date) -> bool:
        return self.left_care_on <= day < self.follow_up_until

    @staticmethod
    def followed_up_q(day: datetime.date) -> models.Q:
        return models.Q(
            left_care_on__lte=day, child__birth_date__gt=years_before(day, FOLLOW_UP_AGE)
        )

    def audit_scope(self) -> dict:
        return self.child.audit_scope()


class GraduateNote(models.Model):
    """A dated follow-up note on a graduate."""

    record = models.ForeignKey(
        GraduateRecord,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("graduate record"),
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("graduate follow-up note")
        verbose_name_plural = _("graduate follow-up notes")

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}"

    def audit_scope(self) -> dict:
        return self.record.child.audit_scope()
