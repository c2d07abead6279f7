from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from registry.access import READ_ROLES
        from registry.extensions import NavItem, navigation
        from registry.models import Role

        navigation.register(
            NavItem(_("Import"), "workbook_import", (Role.OFFICER, Role.ADMIN), order=70)
        )
        navigation.register(NavItem(_("Export"), "workbook_export", READ_ROLES, order=71))
        # Apps that derive records from placements plug their rebuild in here, e.g.
        # reports.workbook.hooks.placements_written.register(PlacementsHook(rebuild_schedules)).
