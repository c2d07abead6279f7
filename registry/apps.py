from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Register core")

    def ready(self):
        from registry import checks  # noqa: F401 - registers the system checks
        from registry.audit import audit_register
        from registry.models import District, Region, User

        audit_register(Region)
        audit_register(District)
        audit_register(User, exclude_fields=["last_login"], mask_fields=["password"])
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # The secret and the counters of an authenticator, and the recovery codes
        # themselves (StaticToken), are not for the trail.
        audit_register(TOTPDevice, include_fields=["user", "name", "confirmed"])
        audit_register(StaticDevice, include_fields=["user", "name", "confirmed"])

        from registry.access import MANAGE_ROLES
        from registry.extensions import NavGroup, NavItem, nav_groups, navigation

        for order, (label, url_name) in enumerate(
            [
                (_("Districts"), "district_list"),
                (_("Accounts"), "user_list"),
                (_("Audit trail"), "audit_trail"),
                (_("Access log"), "access_log"),
            ]
        ):
            navigation.register(
                NavItem(label, url_name, MANAGE_ROLES, order=900 + 10 * order, group="admin")
            )
        nav_groups.register(NavGroup("admin", _("Administration"), order=900))
