"""The audit trail (changes) and the access log (who read or exported personal data).

Both are append-only: the application can add rows, never change or remove them.
Changes are recorded by django-auditlog (signals on every registered model) into
`AuditEntry`, our swappable log entry model: it adds the region, district and child
each entry belongs to, as indexed columns, so that the trail is filtered by area
without reading JSON.
"""

import contextlib

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry.actor import current_actor

# Fields whose values no entry records and no page shows, masked or not: a password's
# hash (even its tail helps an attacker). Entries stored before the field was left out
# of the trail keep the values; the trail does not show them (changes_display_dict).
SECRET_FIELDS = frozenset({"password"})


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or delete a row of the audit trail."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed.")


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted.")


def scope_of(instance) -> dict:
    """The region, district and child an audited record belongs to; a record of a
    library's model that belongs to an account (a second-factor device) takes the
    account's."""
    audit_scope = getattr(instance, "audit_scope", None)
    if callable(audit_scope):
        return audit_scope()
    owner = getattr(instance, "user", None)
    owner_scope = getattr(owner, "audit_scope", None)
    return owner_scope() if callable(owner_scope) else {}


def _auditlog_label(name: str):
    """The (translated) label django-auditlog gives its field `name`."""
    return AbstractLogEntry._meta.get_field(name).verbose_name


class AuditEntryManager(LogEntryManager.from_queryset(AppendOnlyQuerySet)):
    def log_create(self, instance, force_log: bool = False, **kwargs):
        for key, value in scope_of(instance).items():
            kwargs.setdefault(key, value)
        actor = current_actor()
        if actor is not None and actor.pk:
            kwargs.setdefault("actor", actor)
        return super().log_create(instance, force_log=force_log, **kwargs)


class AuditEntry(AppendOnlyModel, AbstractLogEntry):
    """One create, change or delete: who, when, which record, where, before and after."""

    # The references of an entry are not foreign-key constraints in the database: an
    # entry is written once and never changed, the records it names are never deleted
    # (the ORM still protects them), and a workbook import writes hundreds of thousands
    # of entries whose four references PostgreSQL would check one by one at commit.
    # Indexed with the id (Meta): the latest entry of an area or a child is the version
    # of its data (reports.indicators.cache).
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        db_index=False,
        db_constraint=False,
    )
    district = models.ForeignKey(
        "registry.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
        db_index=False,
        db_constraint=False,
    )
    # The child whose case the record belongs to. A plain column: the registry app
    # does not depend on the children app.
    child_id = models.BigIntegerField(_("child"), null=True, blank=True)

    # Looked up with the id (Meta) or not at all: the record's id (object_id), the
    # actor and the time keep their own indexes.
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_auditlog_label("content_type"),
        db_index=False,
        db_constraint=False,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        blank=True,
        null=True,
        related_name="+",
        verbose_name=_auditlog_label("actor"),
        db_constraint=False,
    )
    # django-auditlog's fields as it declares them, without their indexes: nothing here
    # looks entries up by them, and every index is kept up to date at each entry written.
    object_pk = models.CharField(max_length=255, verbose_name=_auditlog_label("object_pk"))
    action = models.PositiveSmallIntegerField(
        choices=AbstractLogEntry.Action.choices,
        verbose_name=_auditlog_label("action"),
    )
    cid = models.CharField(  # noqa: DJ001 - django-auditlog's column, kept as it is
        max_length=255,
        blank=True,
        null=True,
        verbose_name=_auditlog_label("cid"),
    )

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [
            models.Index(fields=["district", "timestamp"]),
            models.Index(fields=["region", "id"]),
            models.Index(fields=["district", "id"]),
            models.Index(fields=["child_id", "id"]),
            models.Index(fields=["content_type", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_repr}"

    @property
    def changes_display_dict(self) -> dict:
        """The changes as the trail shows them, without any secret field (SECRET_FIELDS)."""
        shown = super().changes_display_dict
        model = self.content_type.model_class()
        for name in SECRET_FIELDS & set(self.changes_dict):
            shown.pop(name, None)
            if model is not None:
                with contextlib.suppress(FieldDoesNotExist):
                    shown.pop(model._meta.get_field(name).verbose_name, None)
        return shown

    @property
    def record_type(self) -> str:
        """The kind of record, in the user's language ("child", "placement", …)."""
        model = self.content_type.model_class()
        if model is None:
            return self.content_type.model
        # A library's model (a second-factor device) is named in plain English: the
        # project's catalogue translates it.
        return gettext(str(model._meta.verbose_name))


class AccessLog(AppendOnlyModel):
    """Reading personal data: opening a child's record, viewing a list of children (or
    of the trail), exporting, checking a workbook (it looks IINs up)."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed a record")
        LIST = "list", _("viewed a list")
        EXPORT = "export", _("exported")
        IMPORT = "import", _("imported")
        CHECK = "check", _("checked a workbook")
        API = "api", _("called the exchange API")

    timestamp = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    description = models.CharField(_("what"), max_length=300)
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "registry.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    child_id = models.BigIntegerField(_("child"), null=True, blank=True, db_index=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    remote_addr = models.GenericIPAddressField(_("address"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["user", "timestamp"])]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.user} {self.description}"
