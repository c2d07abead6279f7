"""What the documents app adds to the child's card: the papers of the child's file
(not those withdrawn), newest first, each with the record it belongs to."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from children.card import CardSection, CardTable, day_text
from documents.records import record_of
from documents.selectors import documents_of


def documents_card(child, day) -> list[CardSection]:
    documents = sorted(
        (document for document in documents_of(child) if not document.is_withdrawn),
        key=lambda document: (document.date, document.pk),
        reverse=True,
    )
    rows = []
    for document in documents:
        found = record_of(document)
        record = f"{capfirst(found[0].label)}: {found[1]}" if found else ""
        rows.append(
            (
                capfirst(document.get_kind_display()),
                document.number,
                day_text(document.date),
                record,
            )
        )
    columns = (_("Kind"), _("Number"), _("Date"), _("About the record"))
    return [
        CardSection(_("Documents"), tables=[CardTable(columns, rows, _("None."), (4, 2, 2, 5))])
    ]
