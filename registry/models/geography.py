from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class LocalizedNameMixin:
    """A name kept in Kazakh and Russian (English optional), shown in the user's language."""

    @property
    def name(self) -> str:
        language = (get_language() or "ru")[:2]
        if language == "kk":
            return self.name_kk or self.name_ru
        if language == "en":
            return self.name_en or self.name_ru or self.name_kk
        return self.name_ru or self.name_kk

    def __str__(self) -> str:
        return self.name


class Region(LocalizedNameMixin, models.Model):
    """An oblast (or a city of republican significance)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    is_default = models.BooleanField(
        _("default region"),
        default=False,
        help_text=_("The region of this deployment, used where a region is not named."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="region_one_default",
            )
        ]

    def audit_scope(self) -> dict:
        return {"region_id": self.pk}


class District(LocalizedNameMixin, models.Model):
    """A raion or city: the territory of one guardianship authority."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="districts", verbose_name=_("region")
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive districts keep their history.")
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["region__code", "code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def get_absolute_url(self) -> str:
        return reverse("district_edit", args=[self.pk])

    def audit_scope(self) -> dict:
        return {"region_id": self.region_id, "district_id": self.pk}
