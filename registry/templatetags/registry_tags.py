from django import template

register = template.Library()


@register.filter
def audit_value(value):
    """A value from the audit trail as a user reads it: empty for nothing."""
    if value in (None, "", "None"):
        return "—"
    return value
