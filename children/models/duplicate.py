from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from children.models.child import Child


class NotDuplicate(models.Model):
    """Two children with the same name and birth date whom an officer checked and found
    to be different children: the pair is no longer a suspected duplicate. The pair is
    kept in one order (`child_a` the lower id) so that it is recorded once."""

    child_a = models.ForeignKey(
        Child, on_delete=models.PROTECT, related_name="+", verbose_name=_("child")
    )
    child_b = models.ForeignKey(
        Child, on_delete=models.PROTECT, related_name="+", verbose_name=_("other child")
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("marked by"),
    )
    reason = models.CharField(
        _("how it was checked"),
        max_length=500,
        help_text=_("What shows that these are two children (documents, IINs, parents)."),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pair of different children")
        verbose_name_plural = _("pairs of different children")
        constraints = [
            models.UniqueConstraint(fields=["child_a", "child_b"], name="not_duplicate_once"),
            models.CheckConstraint(
                condition=Q(child_a__lt=F("child_b")), name="not_duplicate_ordered"
            ),
        ]
        indexes = [models.Index(fields=["child_b", "child_a"])]

    def __str__(self) -> str:
        return f"#{self.child_a_id} ≠ #{self.child_b_id}"

    def audit_scope(self) -> dict:
        # Filed under the first child's district (both are the marking officer's).
        return {
            "region_id": self.child_a.district.region_id,
            "district_id": self.child_a.district_id,
            "child_id": self.child_a_id,
        }
