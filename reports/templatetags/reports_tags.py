from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value, kind="count"):
    """A figure as people read it: a dash for no value, one decimal for percentages."""
    if value is None:
        return "—"
    if kind in ("pct", "change_pct"):
        return f"{number_format(value, 1)} %"
    return number_format(value, 0, force_grouping=True)


@register.filter
def signed(value):
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
