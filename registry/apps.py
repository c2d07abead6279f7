from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Register core")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_save

        from registry import checks  # noqa: F401 - registers the system checks
        from registry.ordering import register_collation

        # SQLite sorts names by the Kazakh alphabet with a collation of ours.
        connection_created.connect(register_collation, dispatch_uid="registry.ordering")
        from registry.audit import audit_register
        from registry.models import AuditEntry, District, Region, User
        from registry.stamps import entry_saved

        # Every change's entry raises the stamp of the child it concerns.
        post_save.connect(entry_saved, sender=AuditEntry, dispatch_uid="registry.stamps")

        audit_register(Region)
        audit_register(District)
        audit_register(User, exclude_fields=["last_login"])  # the password: never (audit.py)
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # The secret and the counters of an authenticator, and the recovery codes
        # themselves (StaticToken), are not for the trail.
        # django-otp names its fields in English only: the trail names them itself.
        device_fields = {
            "user": _("account"),
            "name": _("device name"),
            "confirmed": _("confirmed"),
        }
        for device in (TOTPDevice, StaticDevice):
            audit_register(device, include_fields=list(device_fields), mapping_fields=device_fields)

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
