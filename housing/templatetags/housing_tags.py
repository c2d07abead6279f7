from django import template

from children.ages import coming_of_age

register = template.Library()


@register.filter
def months_since(start, day):
    """Whole months from `start` to `day` (the waiting time in a queue)."""
    if start is None or day is None or day < start:
        return 0
    return (day.year - start.year) * 12 + day.month - start.month - (day.day < start.day)


@register.filter
def left_care_on(child):
    """The day a graduate left care: the end of its status, or its 18th birthday."""
    adult = coming_of_age(child.birth_date)
    ended = getattr(child, "status_ended_on", None)
    return ended if ended is not None and ended < adult else adult
