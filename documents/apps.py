from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The child's documents. An app of its own after care in the chain of
    dependencies: a document may belong to a record of children, housing, benefits or
    care, and only an app that comes after them all may point at each of them."""

    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from children.card import CardPart
        from children.extensions import RecordNotes, card_sections, child_sections, record_notes
        from documents.card import documents_card
        from documents.models import Document
        from documents.panels import child_section, describe_download, record_documents
        from registry.audit import ACCESS_DESCRIPTIONS, audit_register
        from registry.extensions import Panel

        audit_register(Document, exclude_fields=["attached_at", "child"])
        child_sections.register(Panel("documents/_child_section.html", child_section, order=40))
        card_sections.register(CardPart(documents_card, order=90))
        record_notes.register(RecordNotes(_("Documents"), record_documents, order=10))
        ACCESS_DESCRIPTIONS["document"] = describe_download
