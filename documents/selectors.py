"""Reads of the children's documents, scoped as the child is."""

from __future__ import annotations

from django.http import Http404

from children.selectors import child_get_for
from documents.models import Document
from documents.records import related_paths


def documents_of(child) -> list[Document]:
    """Every document of the child (withdrawn ones too), each with its record and who
    attached or withdrew it: one query."""
    return list(
        Document.objects.filter(child=child).select_related(
            "attached_by", "withdrawn_by", *related_paths()
        )
    )


def document_get_for(user, child_pk, pk) -> Document:
    """A document of a child the user may read, not withdrawn; 404 otherwise (another
    district's child, another child's document, a withdrawn one)."""
    child = child_get_for(user, child_pk)
    try:
        document = Document.objects.get(child=child, pk=pk, withdrawn_at__isnull=True)
    except (Document.DoesNotExist, ValueError):
        raise Http404 from None
    document.child = child
    return document
