from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "housing"
    verbose_name = _("Housing")

    def ready(self):
        from housing.models import HousingProvision, HousingQueueEntry, HousingRight
        from registry.audit import audit_register

        # A child's records name their child in the entry's child column.
        for model in (HousingRight, HousingQueueEntry, HousingProvision):
            audit_register(model, exclude_fields=["created_at", "child"])
