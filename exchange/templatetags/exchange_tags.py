from django import template

from exchange.workbook.sheets import sheet_label

register = template.Library()


@register.filter
def sheet(name):
    """A workbook sheet in the reader's language beside its name in the template."""
    return sheet_label(name) if name else name
