from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from registry.access import MANAGE_ROLES, READ_ROLES
        from registry.audit import audit_register
        from registry.extensions import NavGroup, NavItem, nav_groups, navigation
        from reports.models import SubmittedReport

        audit_register(SubmittedReport)
        nav_groups.register(NavGroup("reports", _("Reports"), order=60))
        navigation.register(
            NavItem(_("Indicators"), "reports:dashboard", READ_ROLES, order=5, group="reports")
        )
        navigation.register(
            NavItem(
                _("Data quality"), "reports:data_quality", READ_ROLES, order=60, group="reports"
            )
        )
        navigation.register(
            NavItem(
                _("Close a year"), "reports:close_year", MANAGE_ROLES, order=890, group="reports"
            )
        )
        # Cached figures are of the code and data that counted them: a deployment's
        # `migrate` (and `flush`, which starts the ids again) clears them.
        post_migrate.connect(clear_cached_figures, sender=self)


def clear_cached_figures(**kwargs):
    from django.core.cache import cache

    cache.clear()
