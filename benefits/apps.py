from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = _("Benefits")

    def ready(self):
        from benefits.models import AlimonyOrder, AlimonyPayment, Allowance
        from registry.audit import audit_register

        # A child's records name their child in the entry's child column.
        for model in (Allowance, AlimonyOrder):
            audit_register(model, exclude_fields=["created_at", "child"])
        audit_register(AlimonyPayment, exclude_fields=["created_at"])
