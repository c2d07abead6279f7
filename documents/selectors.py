"""Reads of the children's documents, scoped as the child is."""

from __future__ import annotations

from django.http import Http404

from children.selectors import child_get_for
from documents.models import Document
from documents.records import RECORD_KINDS, related_paths


def documents_of(child) -> list[Document]:
    """Every document of the child (withdrawn ones too), each with its record and who
    attached or withdrew it: one query."""
    return list(
        Document.objects.filter(child=child).select_related(
            "attached_by", "withdrawn_by", *related_paths()
        )
    )


def documents_by_record(child) -> dict[tuple[str, int], list[Document]]:
    """The child's documents in force that are about one of its records, by record
    ((its model's label_lower, its pk)): one query, the records themselves not read."""
    fields = [kind.field for kind in RECORD_KINDS]
    found: dict[tuple[str, int], list[Document]] = {}
    documents = Document.objects.filter(child=child, withdrawn_at__isnull=True).only(
        "child", "kind", "number", "date", *fields
    )
    for document in documents:
        for kind in RECORD_KINDS:
            record_id = getattr(document, f"{kind.field}_id")
            if record_id is not None:
                found.setdefault((kind.model._meta.label_lower, record_id), []).append(document)
    return found


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
