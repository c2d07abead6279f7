"""The child's documents: attach, withdraw, download. Attaching and withdrawing are for
the district's officers; every reader of the child may download, through this view
only (the storage has no public URL), and each download is in the access log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from children.views.common import child_for_edit
from documents.files import document_storage, max_bytes, megabytes
from documents.forms import DocumentAttachForm, DocumentWithdrawForm
from documents.models import Document
from documents.records import record_from_choice
from documents.selectors import document_get_for
from documents.services import document_attach, document_withdraw
from registry.access import EDIT_ROLES, READ_ROLES, role_required
from registry.audit import log_access
from registry.models import AccessLog
from registry.records.views import form_page
from registry.views.helpers import add_service_errors, submit

ANCHOR = "documents-heading"


def _back(child):
    return redirect(f"{child.get_absolute_url()}#{ANCHOR}")


@role_required(*EDIT_ROLES)
def document_attach_view(request, pk):
    child = child_for_edit(request.user, pk)
    form = DocumentAttachForm(request.POST or None, request.FILES or None, child=child)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = record_from_choice(child, data["record"])
        except ValueError:  # a record of another child, or none: the form offers neither
            form.add_error("record", _("Choose one of this child's records."))
        else:
            try:
                document_attach(
                    actor=request.user,
                    child=child,
                    kind=data["kind"],
                    number=data["number"],
                    date=data["date"],
                    upload=data["upload"],
                    record=record,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The document is attached."))
                return _back(child)
    context = {
        "owner": child,
        "form": form,
        "cancel": f"{child.get_absolute_url()}#{ANCHOR}",
        "max_megabytes": megabytes(max_bytes()),
    }
    return render(request, "documents/attach.html", context)


@role_required(*EDIT_ROLES)
def document_withdraw_view(request, pk, document):
    child = child_for_edit(request.user, pk)
    found = document_get_for(request.user, child.pk, document)

    def withdraw(data):
        return document_withdraw(actor=request.user, document=found, reason=data["reason"])

    done, form, _conflict = submit(request, DocumentWithdrawForm(request.POST or None), withdraw)
    if done:
        messages.success(request, _("The document is withdrawn."))
        return _back(child)
    return form_page(
        request,
        child,
        form,
        _("Withdraw %(document)s") % {"document": found},
        intro=_(
            "A withdrawn document is no longer listed or downloaded; the register keeps "
            "it, and the audit trail says who withdrew it and why."
        ),
        anchor=ANCHOR,
    )


@role_required(*READ_ROLES)
def document_download(request, pk, document):
    found = document_get_for(request.user, pk, document)
    child = found.child
    try:
        content = document_storage().open(found.stored_name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    log_access(
        user=request.user,
        action=AccessLog.Action.EXPORT,
        description=f"document #{found.pk} of {child.full_name} (#{child.pk})",
        region_id=child.district.region_id,
        district_id=child.district_id,
        child_id=child.pk,
        parameters={"described_by": "document", "document": found.pk, "kind": found.kind},
        request=request,
    )
    response = FileResponse(
        content,
        as_attachment=True,
        filename=download_name(found),
        content_type=found.file_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def download_name(document: Document) -> str:
    number = f"-{document.number}" if document.number else ""
    name = f"{document.kind}{number}-{document.date:%Y-%m-%d}{document.extension}"
    return name.replace("/", "-").replace("\\", "-")
