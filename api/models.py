"""The exchange API's tokens: how another system's service account proves who it is."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A bearer token of a service account (registry.User.is_service_account).

    The secret is shown once, when the token is made; only its SHA-256 is kept, and
    its first characters (`prefix`) so that the lists can tell tokens apart. A token
    has the role and area of its account and nothing more; it stops working at
    `expires_at`, or when an administrator revokes it."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("service account"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=8)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def valid_until(self) -> datetime.date:
        """The last day the token opens the API (the day the administrator chose):
        `expires_at` is the first moment of the day after, in the register's time."""
        return timezone.localtime(self.expires_at - datetime.timedelta(microseconds=1)).date()

    def is_valid_at(self, moment) -> bool:
        return self.revoked_at is None and moment < self.expires_at

    def audit_scope(self) -> dict:
        return self.account.audit_scope()
