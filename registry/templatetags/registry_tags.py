from django import template

from registry.models import Role

register = template.Library()


@register.filter
def audit_value(value):
    """A value from the audit trail as a user reads it: empty for nothing."""
    if value in (None, "", "None"):
        return "—"
    return value


@register.filter
def iin_for(iin, user):
    """An IIN as a list shows it to `user`: whole to the district's officers, masked
    to readers of a wider area (who see it whole on the child's page, which is logged)."""
    if not iin:
        return iin
    if getattr(user, "role", None) == Role.OFFICER:
        return iin
    return "•" * (len(iin) - 4) + iin[-4:]
