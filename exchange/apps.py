from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The register workbook: what goes in and out of the register for districts and
    other systems (import, export, and their pages and commands)."""

    name = "exchange"
    verbose_name = _("Register workbook")

    def ready(self):
        from children.extensions import KeptOnce, merge_rules
        from exchange import jobs
        from exchange.models import WorkbookKey
        from registry.access import READ_ROLES
        from registry.extensions import NavGroup, NavItem, nav_groups, navigation
        from registry.jobs import JobKind, job_kinds
        from registry.models import Role

        # Merging two records that each came in under a workbook key: the kept record's
        # key stays (an IIN, once known, is the child's key in the workbook anyway).
        merge_rules.register(KeptOnce(WorkbookKey))

        job_kinds.register(
            JobKind(
                jobs.CHECK,
                _("Check of a workbook"),
                jobs.run_check,
                outcome_template="exchange/_job_check.html",
                result_url=jobs.check_result_url,
                order=10,
            )
        )
        job_kinds.register(
            JobKind(
                jobs.IMPORT,
                _("Import of a workbook"),
                jobs.run_import,
                outcome_template="exchange/_job_import.html",
                stopped=jobs.import_stopped,
                order=20,
            )
        )
        job_kinds.register(
            JobKind(
                jobs.EXPORT,
                _("Export of the register"),
                jobs.run_export,
                outcome_template="exchange/_job_export.html",
                downloaded=jobs.export_downloaded,
                order=30,
            )
        )
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
        navigation.register(
            NavItem(_("My jobs"), "job_list", READ_ROLES, order=79, group="exchange")
        )
