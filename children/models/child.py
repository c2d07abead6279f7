from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.models import District
from registry.ordering import by_name


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")


class Child(models.Model):
    """A child in the register: identity, and the district that keeps its case.

    `district` is the district that keeps the case today; it changes only through a
    transfer. `registered_district` is where the case was opened; the district at
    any past date follows from it and the dated transfers.
    """

    iin = models.CharField(
        _("IIN"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        help_text=_("12 digits. Leave empty while the IIN is not known (temporary registration)."),
    )
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("middle name"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="children", verbose_name=_("district")
    )
    registered_district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district of registration"),
    )
    registered_on = models.DateField(
        _("registered on"), help_text=_("The date the child came into the register.")
    )
    name_key = models.CharField(max_length=220, editable=False)
    # The folded words of the whole name, for the list's search (`children.names`). On
    # PostgreSQL a trigram index finds any part of it (migration 0004).
    search_key = models.CharField(max_length=310, blank=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = [by_name("last_name"), by_name("first_name"), "pk"]
        verbose_name = _("child")
        verbose_name_plural = _("children")
        indexes = [
            models.Index(fields=["district", "last_name"]),
            models.Index(fields=["birth_date"]),
            # The first registration gives the years a dashboard offers.
            models.Index(fields=["registered_on"]),
            # Namesakes: a name (in any spelling) and a birth date, in one lookup.
            models.Index(fields=["name_key", "birth_date"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("children:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.last_name, self.first_name, self.middle_name) if part
        )

    def audit_scope(self) -> dict:
        return {
            "region_id": self.district.region_id,
            "district_id": self.district_id,
            "child_id": self.pk,
        }
