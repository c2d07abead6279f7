from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderSent(models.Model):
    """The daily reminder e-mailed to an officer: at most one a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_reminders"
    )
    date = models.DateField(_("date"))
    items = models.PositiveIntegerField(_("overdue items"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "user"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="one_reminder_a_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.date:%d.%m.%Y}"
