from django import template

from children.ages import age_at
from children.models import Category, PlacementForm

register = template.Library()


@register.filter
def age_on(birth_date, day):
    """Age in whole years at `day`."""
    return age_at(birth_date, day)


@register.filter
def category_label(code):
    return Category(code).label if code in Category.values else code


@register.filter
def form_label(code):
    return PlacementForm(code).label if code in PlacementForm.values else code
