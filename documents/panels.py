"""What the documents app adds to the child's page, and how its access-log entries
read."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext

from children.extensions import RecordLink
from documents.models import DocumentKind
from documents.records import record_of
from documents.selectors import documents_by_record, documents_of
from registry.access import may_edit_cases_in


def child_section(request, child):
    """The child's documents (one query): those in force, each with the record it
    belongs to; the withdrawn ones apart, with who withdrew them and why."""
    rows, withdrawn = [], []
    for document in documents_of(child):
        found = record_of(document)
        document.record_kind, document.record = found if found else (None, None)
        (withdrawn if document.is_withdrawn else rows).append(document)
    return {
        "child": child,
        "documents": rows,
        "withdrawn": withdrawn,
        "may_edit": may_edit_cases_in(request.user, child.district_id),
    }


def record_documents(request, child) -> dict:
    """Beside each of the child's records on its page, the documents about it, each a
    link to download it (children.extensions.record_notes): one query."""
    return {
        key: [
            RecordLink(str(document), reverse("documents:download", args=[child.pk, document.pk]))
            for document in documents
        ]
        for key, documents in documents_by_record(child).items()
    }


def describe_download(entry) -> str:
    """An access-log entry of a document downloaded, in the reader's language."""
    parameters = entry.parameters or {}
    kind = parameters.get("kind", "")
    label = DocumentKind(kind).label if kind in DocumentKind.values else kind
    return gettext("document downloaded: %(kind)s (#%(document)s)") % {
        "kind": label,
        "document": parameters.get("document", ""),
    }
