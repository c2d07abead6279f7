from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The exchange API for other systems (/api/v1/): service accounts, their tokens,
    and the endpoints built on `api.framework`."""

    name = "api"
    verbose_name = _("Exchange API")

    def ready(self):
        from api.models import ApiToken
        from registry.access import MANAGE_ROLES
        from registry.audit import ACCESS_DESCRIPTIONS, audit_register
        from registry.extensions import NavItem, navigation

        # The secret's hash is not for the trail; the last use is not a change.
        audit_register(ApiToken, exclude_fields=["secret_hash", "last_used_at"])
        ACCESS_DESCRIPTIONS["api"] = describe_api_call
        ACCESS_DESCRIPTIONS["api_token"] = describe_token_event
        navigation.register(
            NavItem(
                _("Service accounts"),
                "service_accounts:list",
                MANAGE_ROLES,
                order=915,
                group="admin",
            )
        )


def describe_api_call(entry) -> str:
    """An access-log entry of an API call, in the reader's language."""
    from django.utils.translation import gettext

    parameters = entry.parameters or {}
    return gettext("API call %(call)s: %(count)s records (answer %(status)s)") % {
        "call": parameters.get("call", ""),
        "count": parameters.get("records", 0),
        "status": parameters.get("status", ""),
    }


def describe_token_event(entry) -> str:
    """An access-log entry of a token made or revoked, in the reader's language."""
    from django.utils.translation import gettext

    parameters = entry.parameters or {}
    values = {"token": parameters.get("token", ""), "account": parameters.get("account", "")}
    if parameters.get("what") == "token revoked":
        return gettext("API token %(token)s… of %(account)s revoked") % values
    return gettext("API token %(token)s… of %(account)s made") % values
