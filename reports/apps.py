from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from registry.access import MANAGE_ROLES, READ_ROLES
        from registry.audit import ACCESS_DESCRIPTIONS, audit_register
        from registry.extensions import NavGroup, NavItem, nav_groups, navigation
        from registry.jobs import JobKind, job_kinds
        from reports import jobs
        from reports.models import SubmittedReport

        audit_register(SubmittedReport)
        ACCESS_DESCRIPTIONS["annual_report"] = describe_annual_report
        job_kinds.register(
            JobKind(
                jobs.ANNUAL,
                _("Annual report"),
                jobs.run_annual,
                outcome_template="reports/_job_annual.html",
                downloaded=jobs.annual_downloaded,
                order=40,
            )
        )
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


def describe_annual_report(entry) -> str:
    """An access-log entry of an annual report downloaded, in the reader's language."""
    from django.utils.translation import gettext

    from reports.areas import Area

    area = Area(region=entry.region, district=entry.district)
    return gettext("annual report %(year)s (%(area)s)") % {
        "year": entry.parameters.get("year", ""),
        "area": area.label,
    }


def clear_cached_figures(**kwargs):
    # (Each child's kept columns carry the checksum of the code that counted them:
    # reports.indicators.facts.)
    from django.core.cache import cache

    cache.clear()
