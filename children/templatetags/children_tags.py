from django import template
from django.utils.html import format_html_join

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


@register.simple_tag(takes_context=True)
def record_notes(context, record):
    """What later apps list beside `record` on the child's page (the documents about
    it, each a link): the page's `record_notes` (children.extensions.record_notes_of)."""
    groups = (context.get("record_notes") or {}).get((record._meta.label_lower, record.pk))
    if not groups:
        return ""
    return format_html_join(
        "",
        '<div class="small record-notes">{}: {}</div>',
        (
            (
                label,
                format_html_join(
                    ", ", '<a href="{}" download>{}</a>', ((link.url, link.text) for link in links)
                ),
            )
            for label, links in groups
        ),
    )
