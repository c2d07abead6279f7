from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkbookKey(models.Model):
    """The key (`TMP-…`) under which a child without an IIN came in through a workbook.

    A child registered without an IIN has no natural key in the workbook; the export
    writes `TMP-<id>` in its `iin` column. When such a workbook is imported into another
    database the child gets a new id there, so the key it came with is kept here: the
    next export writes the same key again, and importing the workbook twice matches the
    same child.
    """

    child = models.OneToOneField(
        "children.Child", on_delete=models.PROTECT, related_name="workbook_key"
    )
    key = models.CharField(_("workbook key"), max_length=40, unique=True)

    class Meta:
        # The table the reports app made (reports 0002), kept with its rows when the
        # model moved here.
        db_table = "reports_workbookkey"
        verbose_name = _("workbook key")
        verbose_name_plural = _("workbook keys")

    def __str__(self) -> str:
        return self.key
