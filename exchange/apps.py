from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The register workbook: what goes in and out of the register for districts and
    other systems (import, export, and their pages and commands)."""

    name = "exchange"
    verbose_name = _("Register workbook")

    def ready(self):
        from django.core.checks import Tags, register

        from children.extensions import KeptOnce, merge_rules
        from exchange.checks import upload_folder_check
        from exchange.models import WorkbookKey
        from registry.access import READ_ROLES
        from registry.extensions import NavGroup, NavItem, nav_groups, navigation
        from registry.models import Role

        # Merging two records that each came in under a workbook key: the kept record's
        # key stays (an IIN, once known, is the child's key in the workbook anyway).
        merge_rules.register(KeptOnce(WorkbookKey))

        # Uploaded workbooks wait in a folder only the application may write.
        register(upload_folder_check, Tags.security)
        nav_groups.register(NavGroup("exchange", _("Register workbook"), order=70))
        navigation.register(
            NavItem(
                _("Import"),
                "exchange:import",
                (Role.OFFICER, Role.ADMIN),
                order=70,
                group="exchange",
            )
        )
        navigation.register(
            NavItem(_("Export"), "exchange:export", READ_ROLES, order=71, group="exchange")
        )
