from django import template

from registry.models import Role

register = template.Library()


@register.filter
def iin_for(iin, user):
    """An IIN as a list shows it to `user`: whole to the district's officers, masked
    to readers of a wider area (who see it whole on the child's page, which is logged)."""
    if not iin:
        return iin
    if getattr(user, "role", None) == Role.OFFICER:
        return iin
    return "•" * (len(iin) - 4) + iin[-4:]
