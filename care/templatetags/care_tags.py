from django import template

register = template.Library()


@register.filter
def days_until(start, day):
    """Whole days from `start` to `day`."""
    return (day - start).days
