from django import template

from exchange.workbook.sheets import sheet_label

register = template.Library()


@register.simple_tag
def recognised_note(moment):
    """What a report answered without reading its file says of it (`moment`: when the
    file was known)."""
    from exchange.workbook.importer import recognised_note

    return recognised_note(moment)


@register.filter
def sheet(name):
    """A workbook sheet in the reader's language beside its name in the template."""
    return sheet_label(name) if name else name


@register.simple_tag
def import_counts(outcome):
    """An import's outcome as its page's tables read it: counts by sheet, and the
    records left incomplete by kind of gap."""
    from exchange.views.workbook import counts_rows, incomplete_rows, recognised_at

    return {
        "counts": counts_rows(outcome.get("counts", {})),
        "incomplete": incomplete_rows(outcome.get("incomplete", {})),
        "recognised": recognised_at(outcome),
    }
