from django.db import models
from django.utils.translation import gettext_lazy as _

from children.models.child import Child
from children.models.institution import Institution
from registry.records.models import DatedRecord


class PlacementForm(models.TextChoices):
    INSTITUTION = "institution", _("institution")
    GUARDIANSHIP = "guardianship", _("guardianship")
    TRUSTEESHIP = "trusteeship", _("trusteeship")
    PATRONAGE = "patronage", _("patronage")
    FOSTER_FAMILY = "foster_family", _("foster family")
    ADOPTION = "adoption", _("adoption")


# Family care in the indicators' sense; adoption is a receiving family too, but it
# ends the status and leaves the contingent.
FAMILY_FORMS = (
    PlacementForm.GUARDIANSHIP,
    PlacementForm.TRUSTEESHIP,
    PlacementForm.PATRONAGE,
    PlacementForm.FOSTER_FAMILY,
)
CARER_FORMS = (*FAMILY_FORMS, PlacementForm.ADOPTION)


class PlacementEndReason(models.TextChoices):
    MOVED = "moved", _("moved to another form of care")
    RETURNED = "returned_to_parents", _("returned to parents")
    ADOPTED = "adopted", _("adopted")
    CAME_OF_AGE = "came_of_age", _("came of age")
    CARER_RELEASED = "carer_released", _("carer released or removed")
    DIED = "died", _("died")
    OTHER = "other", _("other")


class Placement(DatedRecord):
    """A form of care the child is in, from a date until a date."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="placements")
    form = models.CharField(_("form of care"), max_length=20, choices=PlacementForm.choices)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("institution"),
    )
    carer_iin = models.CharField(_("carer's IIN"), max_length=12, blank=True)
    carer_name = models.CharField(_("carer's name"), max_length=300, blank=True)
    # The carer's name folded as a child's `search_key`: the list finds a child by it.
    carer_key = models.CharField(max_length=310, blank=True, default="", editable=False)
    carer_address = models.CharField(_("carer's address"), max_length=300, blank=True)
    carer_phone = models.CharField(_("carer's phone"), max_length=50, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=PlacementEndReason.choices, blank=True
    )

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [
            models.Index(fields=["child", "start_date"]),
            # The list's search finds a child by the beginning of a carer's IIN: a prefix
            # (LIKE 'digits%') reads this index on PostgreSQL whatever the collation.
            models.Index(
                fields=["carer_iin"],
                name="placement_carer_iin_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        where = self.institution if self.institution_id else self.carer_name
        return f"{self.get_form_display()}: {where} ({self.start_date:%d.%m.%Y})"

    @property
    def is_family(self) -> bool:
        return self.form in FAMILY_FORMS

    def audit_scope(self) -> dict:
        return self.child.audit_scope()
