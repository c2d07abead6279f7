"""The child's card: a PDF made on the server, and the same card as a page for the
browser's print dialog. Each printing is in the access log."""

from django.http import HttpResponse
from django.shortcuts import render

from children.card import child_card
from children.card_pdf import card_pdf
from children.selectors import child_get_for
from registry.access import READ_ROLES, role_required
from registry.audit import log_access
from registry.models import AccessLog

CARD_DESCRIPTION = "child_card"  # how its access-log entries read (children.apps)


def log_card_printed(request, child, form: str) -> None:
    log_access(
        user=request.user,
        action=AccessLog.Action.EXPORT,
        description=f"card of {child.full_name} (#{child.pk}), {form}",
        region_id=child.district.region_id,
        district_id=child.district_id,
        child_id=child.pk,
        parameters={"described_by": CARD_DESCRIPTION, "name": child.full_name, "form": form},
        request=request,
    )


@role_required(*READ_ROLES)
def child_card_pdf(request, pk):
    child = child_get_for(request.user, pk)
    content = card_pdf(child_card(child=child, user=request.user))
    log_card_printed(request, child, "pdf")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="card-{child.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(*READ_ROLES)
def child_card_page(request, pk):
    child = child_get_for(request.user, pk)
    card = child_card(child=child, user=request.user)
    log_card_printed(request, child, "page")
    return render(request, "children/child_card.html", {"card": card, "child": child})
