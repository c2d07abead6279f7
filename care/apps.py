from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "care"
    verbose_name = _("Care follow-up")

    def ready(self):
        from care import registration

        registration.register()
