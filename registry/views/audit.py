"""The audit trail and the access log, read-only, for the regional administrator."""

from django.shortcuts import render

from registry.access import MANAGE_ROLES, role_required
from registry.filters import AccessLogFilter, AuditEntryFilter
from registry.selectors import (
    access_log_visible_to,
    audit_entries_visible_to,
    districts_managed_by,
    users_managed_by,
)
from registry.views.helpers import paginate


@role_required(*MANAGE_ROLES)
def audit_trail(request):
    entries = AuditEntryFilter(
        request.GET or None,
        queryset=audit_entries_visible_to(request.user),
        users=users_managed_by(request.user),
        districts=districts_managed_by(request.user),
    )
    return render(
        request,
        "registry/audit_trail.html",
        {"filter": entries, "page": paginate(request, entries.qs)},
    )


@role_required(*MANAGE_ROLES)
def access_log(request):
    entries = AccessLogFilter(
        request.GET or None,
        queryset=access_log_visible_to(request.user),
        users=users_managed_by(request.user),
    )
    return render(
        request,
        "registry/access_log.html",
        {"filter": entries, "page": paginate(request, entries.qs)},
    )
