from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.models import District
from registry.models.geography import LocalizedNameMixin


class InstitutionKind(models.TextChoices):
    CHILDREN_HOME = "children_home", _("children's home")
    BABY_HOME = "baby_home", _("baby home")
    BOARDING_SCHOOL = "boarding_school", _("boarding school")
    YOUTH_HOME = "youth_home", _("youth home")
    FAMILY_VILLAGE = "family_village", _("children's village")
    OTHER = "other", _("other institution")


class Sector(models.TextChoices):
    EDUCATION = "education", _("education")
    HEALTH = "health", _("health")
    SOCIAL = "social", _("social protection")


class Institution(LocalizedNameMixin, models.Model):
    """An institution for orphans and children without parental care."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("district")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InstitutionKind.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    capacity = models.PositiveIntegerField(_("capacity (places)"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("children:institution_edit", args=[self.pk])

    def audit_scope(self) -> dict:
        return {"region_id": self.district.region_id, "district_id": self.district_id}
