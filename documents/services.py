"""Attaching and withdrawing a child's documents; nothing is ever deleted."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from children.models import Child
from documents.files import checked_content, document_storage
from documents.models import Document
from documents.records import BY_MODEL
from registry.services.base import service

NAME_LENGTH = 255


@service
def document_attach(
    *,
    actor,
    child: Child,
    kind: str,
    number: str,
    date: datetime.date,
    upload,
    record=None,
) -> Document:
    """A scan or photo of one of the child's papers, optionally about one of its
    records. The file is checked by its content (documents.files) before anything is
    written; a refused file leaves nothing behind."""
    errors = {}
    if date is not None and date > timezone.localdate():
        errors["date"] = _("The date of the document cannot be in the future.")
    kind_of_record = None
    if record is not None:
        kind_of_record = BY_MODEL.get(type(record))
        if kind_of_record is None or record.child_id != child.pk:
            errors["record"] = _("Choose one of this child's records.")
    try:
        content, file_type = checked_content(upload)
    except ValidationError as error:
        errors["upload"] = error.messages
    if errors:
        raise ValidationError(errors)
    document = Document(
        child=child,
        kind=kind,
        number=number.strip(),
        date=date,
        file_type=file_type,
        size=len(content),
        original_name=(getattr(upload, "name", "") or "")[-NAME_LENGTH:],
        attached_by=actor,
        stored_name="-",  # the storage's name, once the file is stored
    )
    if kind_of_record is not None:
        setattr(document, kind_of_record.field, record)
    document.full_clean()
    storage = document_storage()
    name = f"{child.pk}/{uuid.uuid4().hex}{document.extension}"
    document.stored_name = storage.save(name, ContentFile(content))
    try:
        document.save()
    except Exception:
        storage.delete(document.stored_name)
        raise
    return document


@service
def document_withdraw(*, actor, document: Document, reason: str) -> Document:
    """Withdraw a document attached by mistake: hidden from the lists, kept (file and
    record) for the history and the audit trail."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_withdrawn:
        raise ValidationError(_("This document is already withdrawn."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the document is withdrawn.")})
    document.withdrawn_at = timezone.now()
    document.withdrawn_by = actor
    document.withdrawal_reason = reason.strip()
    document.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return document
